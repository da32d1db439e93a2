/** Reads an outbox row back as the nudge the policy decided (for delivery, and for specs). */
import type { SqlExecutor } from '@stepwise/database';
import type { NudgeRule, OwedNudge, SuppressionDetail, SuppressionReason } from '@stepwise/nudges-domain';

export interface OutboxNudge extends OwedNudge {
  /** Set when the policy decided it suppressed (null: owed). */
  readonly suppressedReason: SuppressionReason | null;
  readonly suppressedDetail: SuppressionDetail | null;
}

interface OutboxRow {
  nudge_id: string;
  tenant_id: string;
  rule: NudgeRule;
  recipient_id: string;
  journey_id: string | null;
  team_id: string | null;
  subject_id: string;
  dedupe_key: string;
  due_at: Date | string;
  facts: OwedNudge['facts'];
  caused_by_position: string | number | bigint;
  suppressed_reason: SuppressionReason | null;
  suppressed_detail: SuppressionDetail | null;
}

export const OUTBOX_COLUMNS =
  'nudge_id, tenant_id, rule, recipient_id, journey_id, team_id, subject_id, dedupe_key, due_at, facts, caused_by_position, suppressed_reason, suppressed_detail';

export const outboxNudgeOf = (row: OutboxRow): OutboxNudge => ({
  nudgeId: row.nudge_id,
  organisationId: row.tenant_id,
  rule: row.rule,
  recipientId: row.recipient_id,
  subject: { journeyId: row.journey_id, teamId: row.team_id, subjectId: row.subject_id },
  dedupeKey: row.dedupe_key,
  dueAt: new Date(row.due_at).toISOString(),
  facts: row.facts,
  causedByPosition: String(row.caused_by_position),
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
