/**
 * Takes what the policy owed from the outbox into the delivery records, a batch per transaction:
 * the nudge as its member sees it (SCHEDULED, or SUPPRESSED with the policy's reason when it was
 * suppressed when decided), a delivery to the member, and one to each webhook endpoint subscribed to
 * nudges. The outbox row is marked relayed in the same transaction; ids derived from the nudge make a
 * repeat insert-nothing. Rows are locked SKIP LOCKED, so several relays share the work.
 */
import type { SqlDatabase } from '@stepwise/database';
import { uuidFromParts, type Clock } from '@stepwise/kernel';
import { isNudgeRule, SUPPRESSION_REASONS, type OwedNudge, type SuppressionReason } from '@stepwise/nudges-domain';
import { NUDGE_WEBHOOK_TYPE, type WebhookEndpointDirectory, type WebhookTarget } from '../delivery/delivery.ports';
import type { MemberDeliveryPayload } from '../delivery/delivery.records';
import { renderNudgeMessage } from '../delivery/nudge-message.renderer';
import { sqlTime, sqlTimes } from '../delivery/sql-time';
import { tenantSettingSql } from '../delivery/tenant-setting.sql';
import { insertDeliveries, type NewDelivery } from './new-deliveries';
import { nudgePayload } from './webhook-payload';

interface OutboxRow {
  nudge_id: string;
  tenant_id: string;
  rule: string;
  recipient_id: string;
  journey_id: string | null;
  team_id: string | null;
  subject_id: string;
  dedupe_key: string;
  due_at: Date;
  facts: unknown;
  caused_by_position: string | number;
  /** Present once the policy records decision-time suppressions in the outbox. */
  suppressed_reason?: string | null;
}

export const memberDeliveryId = (nudgeId: string): string => uuidFromParts('nudge-member-delivery', nudgeId);
export const nudgeWebhookDeliveryId = (nudgeId: string, endpointId: string): string => uuidFromParts('nudge-webhook-delivery', nudgeId, endpointId);

const toOwedNudge = (row: OutboxRow): OwedNudge => {
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

const suppressionOf = (row: OutboxRow): SuppressionReason | null => {
  const reason = row.suppressed_reason ?? null;
  if (reason === null) return null;
  return (SUPPRESSION_REASONS as readonly string[]).includes(reason) ? (reason as SuppressionReason) : 'NO_LONGER_RELEVANT';
};

// `SELECT *`: the policy may add columns (a decision-time suppression reason); the intake reads those it knows.
const CANDIDATES = `SELECT * FROM nudges.outbox WHERE relayed_at IS NULL ORDER BY due_at, nudge_id LIMIT $1`;
const LOCK = `SELECT nudge_id FROM nudges.outbox WHERE nudge_id = ANY($1::text[]) AND relayed_at IS NULL FOR UPDATE SKIP LOCKED`;

const INSERT_MEMBER_NUDGES = `
INSERT INTO nudges.member_nudges (tenant_id, nudge_id, member_id, rule, journey_id, team_id, subject_id, title, body, state, suppressed_reason, due_at, created_at, updated_at)
SELECT $1, n.nudge_id, n.member_id, n.rule, n.journey_id, n.team_id, n.subject_id, n.title, n.body, n.state, n.reason, n.due_at, $2, $2
FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[])
  AS n(nudge_id, member_id, rule, journey_id, team_id, subject_id, title, body, state, reason, due_at)
ON CONFLICT (tenant_id, nudge_id) DO NOTHING`;



export interface OutboxIntakeSettings {
  readonly batchSize: number;
  readonly maxAttempts: number;
}

export class OutboxIntake {
  constructor(
    private readonly database: SqlDatabase,
    private readonly endpoints: WebhookEndpointDirectory,
    private readonly clock: Clock,
    private readonly settings: OutboxIntakeSettings,
  ) {}

  /** Takes one batch; resolves to how many outbox rows it took (fewer than the batch size: none are left to take now). */
  async takeBatch(): Promise<number> {
    const { rows } = await this.database.query<OutboxRow>(CANDIDATES, [this.settings.batchSize]);
    if (rows.length === 0) return 0;
    // Subscriptions are read before the transaction (on PGlite nothing else may run inside one).
    const subscribers = new Map<string, readonly WebhookTarget[]>();
    for (const tenantId of new Set(rows.map((row) => row.tenant_id))) {
      subscribers.set(tenantId, await this.endpoints.subscribedEndpoints(tenantId, NUDGE_WEBHOOK_TYPE));
    }
    const now = this.clock.now();
    return this.database.transaction(async (tx) => {
      const { rows: locked } = await tx.query<{ nudge_id: string }>(LOCK, [rows.map((row) => row.nudge_id)]);
      const taken = new Set(locked.map((row) => row.nudge_id));
      const mine = rows.filter((row) => taken.has(row.nudge_id));
      const deliveries: NewDelivery[] = [];
      const byTenant = new Map<string, OutboxRow[]>();
      for (const row of mine) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row]);
      for (const [tenantId, tenantRows] of byTenant) {
        const nudges = tenantRows.map((row) => ({ row, nudge: toOwedNudge(row), suppressed: suppressionOf(row) }));
        const messages = nudges.map(({ nudge }) => renderNudgeMessage(nudge));
        await tx.query(tenantSettingSql(tenantId));
        await tx.query(INSERT_MEMBER_NUDGES, [
          tenantId,
          sqlTime(now),
          nudges.map(({ nudge }) => nudge.nudgeId),
          nudges.map(({ nudge }) => nudge.recipientId),
          nudges.map(({ nudge }) => nudge.rule),
          nudges.map(({ nudge }) => nudge.subject.journeyId),
          nudges.map(({ nudge }) => nudge.subject.teamId),
          nudges.map(({ nudge }) => nudge.subject.subjectId),
          messages.map((message) => message.title),
          messages.map((message) => message.text),
          nudges.map(({ suppressed }) => (suppressed ? 'SUPPRESSED' : 'SCHEDULED')),
          nudges.map(({ suppressed }) => suppressed),
          sqlTimes(nudges.map(({ row }) => row.due_at)),
        ]);
        nudges.forEach(({ nudge, row, suppressed }, index) => {
          if (suppressed) return;
          const dueAt = new Date(row.due_at);
          const member: MemberDeliveryPayload = { nudge, message: messages[index] };
          const base = { tenantId, nudgeId: nudge.nudgeId, memberId: nudge.recipientId, dueAt };
          deliveries.push({ ...base, deliveryId: memberDeliveryId(nudge.nudgeId), kind: 'MEMBER', endpointId: null, eventType: null, payload: JSON.stringify(member) });
          for (const endpoint of subscribers.get(tenantId) ?? []) {
            deliveries.push({
              ...base,
              deliveryId: nudgeWebhookDeliveryId(nudge.nudgeId, endpoint.endpointId),
              kind: 'WEBHOOK',
              endpointId: endpoint.endpointId,
              eventType: NUDGE_WEBHOOK_TYPE,
              payload: JSON.stringify(nudgePayload(nudge, messages[index], now)),
            });
          }
        });
      }
      await insertDeliveries(tx, deliveries, this.settings.maxAttempts, now);
      if (mine.length > 0) await tx.query('UPDATE nudges.outbox SET relayed_at = $2 WHERE nudge_id = ANY($1::text[])', [mine.map((row) => row.nudge_id), sqlTime(now)]);
      return mine.length;
    });
  }
}
