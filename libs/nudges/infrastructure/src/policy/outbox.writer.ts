/**
 * Writes the policy's decisions to nudges.outbox: owed nudges for the relay, and suppressed ones
 * (with their reason) for the member's history. A row whose dedupe key the tenant already has is
 * dropped: the same rule, recipient, subject and window is never owed twice, whether it comes from
 * a replay, a retried batch or a second tick.
 */
import type { SqlExecutor } from '@stepwise/database';
import type { OwedNudge, PolicyDecision, SuppressionDetail, SuppressionReason } from '@stepwise/nudges-domain';

const MINUTE = 60_000;

/** How old a due time may be when decided and still be sent: older ones are history, recorded STALE. */
export const DEFAULT_STALENESS_MS = 24 * 60 * MINUTE;

/** An owed nudge due longer ago than the window, relative to `now`, becomes a STALE suppression. */
export const withStaleness = (decisions: readonly PolicyDecision[], now: Date, stalenessMs: number): PolicyDecision[] =>
  decisions.map((decision) =>
    decision.kind === 'OWED' && Date.parse(decision.nudge.dueAt) < now.getTime() - stalenessMs
      ? { kind: 'SUPPRESSED', nudge: decision.nudge, reason: 'STALE', detail: 'STALE' }
      : decision,
  );

const rowOf = (nudge: OwedNudge, suppression: { reason: SuppressionReason; detail: SuppressionDetail } | null) => ({
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

/** Inserts the decisions; answers how many rows were new (the rest were duplicates). */
export const writeDecisions = async (executor: SqlExecutor, decisions: readonly PolicyDecision[]): Promise<number> => {
  if (decisions.length === 0) return 0;
  const rows = decisions.map((decision) => rowOf(decision.nudge, decision.kind === 'SUPPRESSED' ? decision : null));
  const { rowCount } = await executor.query(
    `INSERT INTO nudges.outbox (nudge_id, tenant_id, rule, recipient_id, journey_id, team_id, subject_id, dedupe_key, due_at, facts,
                                caused_by_position, suppressed_reason, suppressed_detail)
     SELECT x.nudge_id, x.tenant_id, x.rule, x.recipient_id, x.journey_id, x.team_id, x.subject_id, x.dedupe_key, x.due_at, x.facts,
            x.caused_by_position, x.suppressed_reason, x.suppressed_detail
       FROM jsonb_to_recordset($1::jsonb) AS x(nudge_id text, tenant_id text, rule text, recipient_id text, journey_id text, team_id text,
                                               subject_id text, dedupe_key text, due_at timestamptz, facts jsonb, caused_by_position bigint,
                                               suppressed_reason text, suppressed_detail text)
     ON CONFLICT (tenant_id, dedupe_key) DO NOTHING`,
    [JSON.stringify(rows)],
  );
  return rowCount;
};
