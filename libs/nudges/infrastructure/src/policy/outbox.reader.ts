/** Reads an outbox row back as the nudge the policy decided (for delivery, and for specs). */
import type { SqlExecutor } from '@stepwise/database';
import { isNudgeRule, type OwedNudge, type SuppressionDetail, type SuppressionReason } from '@stepwise/nudges-domain';

export interface OutboxNudge extends OwedNudge {
  /** Set when the policy decided it suppressed (null: owed). */
  readonly suppressedReason: SuppressionReason | null;
  readonly suppressedDetail: SuppressionDetail | null;
}

/** The columns of an outbox row that hold the nudge itself. */
export interface OutboxNudgeRow {
  nudge_id: string;
  tenant_id: string;
  rule: string;
  recipient_id: string;
  journey_id: string | null;
  team_id: string | null;
  subject_id: string;
  dedupe_key: string;
  due_at: Date | string;
  facts: unknown;
  caused_by_position: string | number | bigint;
}

interface OutboxRow extends OutboxNudgeRow {
  suppressed_reason: SuppressionReason | null;
  suppressed_detail: SuppressionDetail | null;
}

export const OUTBOX_COLUMNS =
  'nudge_id, tenant_id, rule, recipient_id, journey_id, team_id, subject_id, dedupe_key, due_at, facts, caused_by_position, suppressed_reason, suppressed_detail';

/** The nudge an outbox row holds (the relay takes it in from here); a rule no longer known is refused. */
export const owedNudgeOf = (row: OutboxNudgeRow): OwedNudge => {
  if (!isNudgeRule(row.rule)) throw new Error(`outbox row ${row.nudge_id} names an unknown rule ${row.rule}`);
  return {
    nudgeId: row.nudge_id,
    organisationId: row.tenant_id,
    rule: row.rule,
    recipientId: row.recipient_id,
    subject: { journeyId: row.journey_id, teamId: row.team_id, subjectId: row.subject_id },
    dedupeKey: row.dedupe_key,
    dueAt: new Date(row.due_at).toISOString(),
    facts: (typeof row.facts === 'string' ? JSON.parse(row.facts) : row.facts) as OwedNudge['facts'],
    causedByPosition: String(row.caused_by_position),
  };
};

export const outboxNudgeOf = (row: OutboxRow): OutboxNudge => ({
  ...owedNudgeOf(row),
  suppressedReason: row.suppressed_reason,
  suppressedDetail: row.suppressed_detail,
});

/** One outbox row by nudge id (the owner's connection). */
export const loadOutboxNudge = async (executor: SqlExecutor, nudgeId: string): Promise<OutboxNudge | undefined> => {
  const { rows } = await executor.query<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM nudges.outbox WHERE nudge_id = $1`, [nudgeId]);
  return rows[0] && outboxNudgeOf(rows[0]);
};

/** A tenant's outbox rows, in due order (for specs and operators). */
export const loadTenantOutbox = async (executor: SqlExecutor, tenantId: string): Promise<OutboxNudge[]> => {
  const { rows } = await executor.query<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM nudges.outbox WHERE tenant_id = $1 ORDER BY due_at, dedupe_key`, [tenantId]);
  return rows.map(outboxNudgeOf);
};
