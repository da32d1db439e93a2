/**
 * Takes what the policy owed from the outbox into the delivery records, a batch per statement
 * (`nudges.take_in_outbox`, see its migration): the nudge as its member sees it (SCHEDULED, or
 * SUPPRESSED with the policy's reason when it was suppressed when decided), a delivery to the member,
 * and one to each webhook endpoint subscribed to nudges. The outbox row is marked relayed in the same
 * statement; ids derived from the nudge make a repeat insert-nothing. Rows are locked SKIP LOCKED, so
 * several relays share the work.
 *
 * A "stalled journey" nudge is owed at each step for the end of the quiet stretch it begins, so the
 * one owed for the stretch before it no longer applies: taken in, it settles the earlier ones of its
 * leader and journey still waiting (SUPPRESSED, NO_LONGER_RELEVANT) at once, rather than leaving them
 * to read SCHEDULED in the leader's nudges until each came due. So does a "next step" nudge, owed to
 * each member of the team for a reflection that said closer: a later one replaces it. Only what nobody
 * is sending moves; a stop in between leaves them to delivery's own check when they come due, which
 * suppresses them too.
 */
import type { SqlDatabase } from '@stepwise/database';
import type { Clock } from '@stepwise/kernel';
import { firstLookAt, SUPPRESSION_REASONS, type SuppressionReason } from '@stepwise/nudges-domain';
import { NUDGE_WEBHOOK_TYPE, type WebhookEndpointDirectory, type WebhookTarget } from '../delivery/delivery.ports';
import type { MemberDeliveryPayload } from '../delivery/delivery.records';
import { renderNudgeMessage } from '../delivery/nudge-message.renderer';
import { sqlTime, sqlTimes } from '../delivery/sql-time';
import { tenantSettingSql } from '../delivery/tenant-setting.sql';
import { owedNudgeOf, type OutboxNudgeRow } from '../policy/outbox.reader';
import { memberDeliveryId, nudgeWebhookDeliveryId } from './delivery-ids';
import type { NewDelivery } from './new-deliveries';
import { nudgePayload, webhooksMayCarry } from './webhook-payload';

interface OutboxRow extends OutboxNudgeRow {
  due_at: Date;
  /** Present once the policy records decision-time suppressions in the outbox. */
  suppressed_reason?: string | null;
}

export { memberDeliveryId, nudgeWebhookDeliveryId };

interface TakenNudge {
  readonly row: OutboxRow;
  readonly nudge: ReturnType<typeof owedNudgeOf>;
}

const suppressionOf = (row: OutboxRow): SuppressionReason | null => {
  const reason = row.suppressed_reason ?? null;
  if (reason === null) return null;
  return (SUPPRESSION_REASONS as readonly string[]).includes(reason) ? (reason as SuppressionReason) : 'NO_LONGER_RELEVANT';
};

// `SELECT *`: the policy may add columns (a decision-time suppression reason); the intake reads those it knows.
const CANDIDATES = `SELECT * FROM nudges.outbox WHERE relayed_at IS NULL ORDER BY due_at, nudge_id LIMIT $1`;

const TAKE_IN = `
SELECT nudges.take_in_outbox($1::text[], $2::timestamptz, $3::integer,
  $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamptz[],
  $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::timestamptz[]) AS taken`;

/**
 * Per tenant: the member nudges in `earlier` (a CTE over `newer`, the nudges just taken in), still
 * waiting, settled with their deliveries still owed (SUPPRESSED, NO_LONGER_RELEVANT, detail $5, at $6).
 */
const supersedeSql = (newer: string, earlier: string): string => `
WITH newer AS (${newer}),
earlier AS (${earlier}),
d AS (
  UPDATE nudges.deliveries d SET state = 'SUPPRESSED', suppressed_reason = 'NO_LONGER_RELEVANT', last_detail = $5,
    lease_until = NULL, queued_at = NULL, finished_at = $6, updated_at = $6
  FROM earlier WHERE d.tenant_id = $1 AND d.nudge_id = earlier.nudge_id AND d.state IN ('PENDING', 'RETRYING')
  RETURNING d.kind, d.nudge_id)
UPDATE nudges.member_nudges n SET state = 'SUPPRESSED', suppressed_reason = 'NO_LONGER_RELEVANT', updated_at = $6
FROM d WHERE n.tenant_id = $1 AND n.nudge_id = d.nudge_id AND d.kind = 'MEMBER' AND n.state = 'SCHEDULED'`;

/** Per tenant: the earlier stalled-journey nudges of the same leader and journey, still waiting, settled (see above). */
export const SUPERSEDE_STALLED = supersedeSql(
  'SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) AS q(member_id, journey_id, subject_id)',
  `SELECT DISTINCT n.nudge_id FROM nudges.member_nudges n JOIN newer q ON n.member_id = q.member_id AND n.journey_id = q.journey_id
  WHERE n.tenant_id = $1 AND n.rule = 'STALLED_JOURNEY' AND n.state = 'SCHEDULED' AND n.subject_id < q.subject_id`,
);

/**
 * Per tenant: the next-step nudges of the same member and journey owed by an earlier reflection (its
 * outbox row caused by an earlier event), still waiting, settled. A next-step nudge is owed for a
 * reflection that said closer while it is the journey's last; a later one that said closer owes its
 * own, so the earlier is no longer relevant from then on, which delivery would find only when it came
 * due (each waited days, one per member per reflection, listed SCHEDULED in the member's nudges).
 */
export const SUPERSEDE_NEXT_STEP = supersedeSql(
  'SELECT * FROM unnest($2::text[], $3::text[], $4::bigint[]) AS q(member_id, journey_id, position)',
  `SELECT DISTINCT n.nudge_id FROM nudges.member_nudges n JOIN newer q ON n.member_id = q.member_id AND n.journey_id = q.journey_id
  JOIN nudges.outbox o ON o.nudge_id = n.nudge_id
  WHERE n.tenant_id = $1 AND n.rule = 'NEXT_STEP' AND n.state = 'SCHEDULED' AND o.caused_by_position < q.position`,
);

const STALLED_SUPERSEDED_DETAIL = 'a step was taken since: the stalled-journey nudge for the quiet stretch it began replaces this one';
const NEXT_STEP_SUPERSEDED_DETAIL = 'a later reflection said closer: the next-step nudge it owes replaces this one';

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
    const subscribers = new Map<string, readonly WebhookTarget[]>();
    for (const tenantId of new Set(rows.map((row) => row.tenant_id))) {
      subscribers.set(tenantId, await this.endpoints.subscribedEndpoints(tenantId, NUDGE_WEBHOOK_TYPE));
    }
    const now = this.clock.now();
    const nudges = rows.map((row) => ({ row, nudge: owedNudgeOf(row), suppressed: suppressionOf(row) }));
    const messages = nudges.map(({ nudge }) => renderNudgeMessage(nudge));
    const deliveries: NewDelivery[] = [];
    nudges.forEach(({ nudge, row, suppressed }, index) => {
      if (suppressed) return;
      const base = { tenantId: row.tenant_id, nudgeId: nudge.nudgeId, memberId: nudge.recipientId, dueAt: new Date(row.due_at) };
      const member: MemberDeliveryPayload = { nudge, message: messages[index] };
      // A commitment's nudge is looked at when its day could first begin, and held to the member's day then (they may move east before it).
      const memberDueAt = firstLookAt(nudge, base.dueAt);
      deliveries.push({ ...base, dueAt: memberDueAt, deliveryId: memberDeliveryId(nudge.nudgeId), kind: 'MEMBER', endpointId: null, eventType: null, payload: JSON.stringify(member) });
      const endpoints = webhooksMayCarry(nudge) ? (subscribers.get(row.tenant_id) ?? []) : [];
      // The same body for every endpoint.
      const payload = endpoints.length > 0 ? JSON.stringify(nudgePayload(nudge, now)) : '';
      for (const endpoint of endpoints) {
        deliveries.push({
          ...base,
          deliveryId: nudgeWebhookDeliveryId(nudge.nudgeId, endpoint.endpointId),
          kind: 'WEBHOOK',
          endpointId: endpoint.endpointId,
          eventType: NUDGE_WEBHOOK_TYPE,
          payload,
        });
      }
    });
    // One statement: what no other relay is taking is marked relayed, with its member's nudge and its deliveries.
    const { rows: taken } = await this.database.query<{ taken: number }>(TAKE_IN, [
      nudges.map(({ nudge }) => nudge.nudgeId),
      sqlTime(now),
      this.settings.maxAttempts,
      nudges.map(({ row }) => row.tenant_id),
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
      deliveries.map((d) => d.deliveryId),
      deliveries.map((d) => d.nudgeId),
      deliveries.map((d) => d.tenantId),
      deliveries.map((d) => d.kind),
      deliveries.map((d) => d.memberId),
      deliveries.map((d) => d.endpointId),
      deliveries.map((d) => d.eventType),
      deliveries.map((d) => d.payload),
      sqlTimes(deliveries.map((d) => d.dueAt)),
    ]);
    const waiting = nudges.filter(({ nudge, suppressed }) => !suppressed && nudge.subject.journeyId !== null);
    await this.supersede(
      waiting.filter(({ nudge }) => nudge.rule === 'STALLED_JOURNEY'),
      SUPERSEDE_STALLED,
      // quiet-since-<ISO instant>: ordered as the stretches began, whatever quiet hours did to their due times.
      ({ nudge }) => nudge.subject.subjectId,
      STALLED_SUPERSEDED_DETAIL,
      now,
    );
    // Ordered as the reflections were recorded (the events that owed them), whatever their due times.
    await this.supersede(waiting.filter(({ nudge }) => nudge.rule === 'NEXT_STEP'), SUPERSEDE_NEXT_STEP, ({ row }) => String(row.caused_by_position), NEXT_STEP_SUPERSEDED_DETAIL, now);
    return Number(taken[0].taken);
  }

  /** Settles, tenant by tenant, what each of `newer` replaces (see SUPERSEDE_STALLED and SUPERSEDE_NEXT_STEP). */
  private async supersede(newer: readonly TakenNudge[], statement: string, order: (taken: TakenNudge) => string, detail: string, now: Date): Promise<void> {
    for (const tenantId of new Set(newer.map(({ row }) => row.tenant_id))) {
      const own = newer.filter(({ row }) => row.tenant_id === tenantId);
      await this.database.transaction(
        (tx) => tx.query(statement, [tenantId, own.map(({ nudge }) => nudge.recipientId), own.map(({ nudge }) => nudge.subject.journeyId), own.map(order), detail, sqlTime(now)]),
        { setupSql: tenantSettingSql(tenantId) },
      );
    }
  }
}
