/**
 * Writes the policy's decisions to nudges.outbox: owed nudges for the relay, and suppressed ones
 * (with their reason) for the member's history. A row whose dedupe key the tenant already has is
 * dropped: the same rule, recipient, subject and window is never owed twice, whether it comes from
 * a replay, a retried batch or a second tick.
 */
import type { SqlExecutor } from '@stepwise/database';
import type { OwedNudge, PolicyDecision, SuppressionDetail, SuppressionReason } from '@stepwise/nudges-domain';
import { writeTables, type TableShape } from '@stepwise/projections';

const MINUTE = 60_000;

/** How old a due time may be when decided and still be sent: older ones are history, recorded STALE. */
export const DEFAULT_STALENESS_MS = 24 * 60 * MINUTE;

/**
 * An owed nudge due longer ago than the window, relative to `now`, becomes a STALE suppression. The
 * policy never makes a nudge due before the event that owes it was recorded, so this judges it from
 * when it became knowable: a step recorded today as taken three days ago owes its reflection now,
 * while a log the policy reaches long after it was written (a processor that was down, a rebuild)
 * is history.
 */
export const withStaleness = (decisions: readonly PolicyDecision[], now: Date, stalenessMs: number): PolicyDecision[] =>
  decisions.map((decision) =>
    decision.kind === 'OWED' && Date.parse(decision.nudge.dueAt) < now.getTime() - stalenessMs
      ? { kind: 'SUPPRESSED', nudge: decision.nudge, reason: 'STALE', detail: 'STALE' }
      : decision,
  );

interface OutboxRow {
  readonly nudge_id: string;
  readonly tenant_id: string;
  readonly rule: string;
  readonly recipient_id: string;
  readonly journey_id: string | null;
  readonly team_id: string | null;
  readonly subject_id: string;
  readonly dedupe_key: string;
  readonly due_at: string;
  readonly facts: unknown;
  readonly caused_by_position: string;
  readonly suppressed_reason: SuppressionReason | null;
  readonly suppressed_detail: SuppressionDetail | null;
}

/**
 * The outbox as the policy writes it: rows are only ever inserted, and a row whose dedupe key the
 * tenant has is dropped (ON CONFLICT on the shape's key, the table's UNIQUE (tenant_id, dedupe_key),
 * DO NOTHING). The relay's columns keep their defaults.
 */
export const OUTBOX_SHAPE: TableShape<OutboxRow, 'tenant_id' | 'dedupe_key'> = {
  name: 'nudges.outbox',
  key: ['tenant_id', 'dedupe_key'],
  columns: {
    nudge_id: 'text',
    tenant_id: 'text',
    rule: 'text',
    recipient_id: 'text',
    journey_id: 'text',
    team_id: 'text',
    subject_id: 'text',
    dedupe_key: 'text',
    due_at: 'timestamptz',
    facts: 'jsonb',
    caused_by_position: 'bigint',
    suppressed_reason: 'text',
    suppressed_detail: 'text',
  },
};

const rowOf = (nudge: OwedNudge, suppression: { reason: SuppressionReason; detail: SuppressionDetail } | null): OutboxRow => ({
  nudge_id: nudge.nudgeId,
  tenant_id: nudge.organisationId,
  rule: nudge.rule,
  recipient_id: nudge.recipientId,
  journey_id: nudge.subject.journeyId,
  team_id: nudge.subject.teamId,
  subject_id: nudge.subject.subjectId,
  dedupe_key: nudge.dedupeKey,
  due_at: nudge.dueAt,
  facts: nudge.facts,
  caused_by_position: nudge.causedByPosition,
  suppressed_reason: suppression?.reason ?? null,
  suppressed_detail: suppression?.detail ?? null,
});

/**
 * The last instant a due time can be: ISO 8601 writes a later one with an expanded year
 * (+010000-01-01T09:00:00.000Z), which PostgreSQL cannot read. A commitment due on 9999-12-31 owes
 * its overdue nudge in year 10000; written, it failed the policy's batch on every retry, and no nudge
 * was owed again to anyone. A nudge due after it would never be sent, so it is not written at all.
 */
const LAST_DUE_TIME = Date.parse('9999-12-31T23:59:59.999Z');
const dueWithinCalendar = (decision: PolicyDecision): boolean => Date.parse(decision.nudge.dueAt) <= LAST_DUE_TIME;

/** The decisions as outbox rows (OUTBOX_SHAPE's inserts); one due past year 9999 has none. */
export const outboxRows = (decisions: readonly PolicyDecision[]): OutboxRow[] =>
  decisions.filter(dueWithinCalendar).map((decision) => rowOf(decision.nudge, decision.kind === 'SUPPRESSED' ? decision : null));

/** Inserts the decisions; answers how many rows were new (the rest were duplicates). */
export const writeDecisions = async (executor: SqlExecutor, decisions: readonly PolicyDecision[]): Promise<number> =>
  (await writeTables(executor, [{ shape: OUTBOX_SHAPE, changes: { inserts: outboxRows(decisions) } }])).rowCount;
