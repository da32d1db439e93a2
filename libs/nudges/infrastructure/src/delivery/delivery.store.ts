/**
 * The delivery processors' reads and writes of nudges.deliveries, delivery_attempts and
 * member_nudges. PostgreSQL decides what runs: an attempt starts only by moving a delivery that is
 * due (or whose last attempt's lease ran out) into SENDING, so a job that runs twice, or a removed
 * job's id that comes back, finds nothing to do.
 */
import type { SqlDatabase, SqlExecutor } from '@stepwise/database';
import { dailyCapRelevance, type SuppressionReason } from '@stepwise/nudges-domain';
import { attemptDetail, type ChosenChannel } from './member-channel.choice';
import { NUDGES_CHANNEL } from './nudge-delivery.migration';
import type { AttemptRecord, Delivery, DeliveryChannel, DeliveryState, Suppression } from './delivery.records';
import { sqlTime } from './sql-time';
import { tenantSettingSql } from './tenant-setting.sql';

interface DeliveryRow {
  delivery_id: string;
  tenant_id: string;
  kind: 'MEMBER' | 'WEBHOOK';
  nudge_id: string | null;
  member_id: string | null;
  endpoint_id: string | null;
  event_type: string | null;
  payload: unknown;
  /** A nudge webhook's owed nudge, from its member delivery (for the relevance re-check). */
  nudge: unknown;
  state: DeliveryState;
  attempts: number;
  max_attempts: number;
  next_attempt_at: Date;
  lease_until: Date | null;
}

const toDelivery = (row: DeliveryRow): Delivery => {
  const base = {
    deliveryId: row.delivery_id,
    tenantId: row.tenant_id,
    nudgeId: row.nudge_id,
    state: row.state,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    nextAttemptAt: new Date(row.next_attempt_at),
    leaseUntil: row.lease_until === null ? null : new Date(row.lease_until),
  };
  const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
  return row.kind === 'MEMBER'
    ? { ...base, kind: 'MEMBER', memberId: row.member_id as string, payload: json(row.payload) }
    : {
        ...base,
        kind: 'WEBHOOK',
        endpointId: row.endpoint_id as string,
        eventType: row.event_type as string,
        memberId: row.member_id,
        payload: json(row.payload),
        nudge: row.nudge === null || row.nudge === undefined ? null : json(row.nudge),
      };
};

/** A delivery is open to an attempt when due and not being attempted, or when its last attempt's lease ran out. */
export const isAttemptable = (delivery: Pick<Delivery, 'state' | 'nextAttemptAt' | 'leaseUntil'>, now: Date, dueBy: Date): boolean =>
  ((delivery.state === 'PENDING' || delivery.state === 'RETRYING') && delivery.nextAttemptAt <= dueBy) ||
  (delivery.state === 'SENDING' && delivery.leaseUntil !== null && delivery.leaseUntil < now);

export type MemberSettlement =
  | { readonly kind: 'taken' }
  | { readonly kind: 'delivered'; readonly attempt: number }
  | { readonly kind: 'suppressed'; readonly reason: SuppressionReason }
  | { readonly kind: 'sending'; readonly attempt: number };

export interface MemberDecision {
  readonly now: Date;
  readonly dueBy: Date;
  readonly leaseUntil: Date;
  /** Decided before the transaction (the member left, opted out, the nudge no longer matters). */
  readonly suppression: Suppression | null;
  readonly channel: ChosenChannel;
  /** The member's local day and cap, for the daily cap. */
  readonly day: { readonly start: Date; readonly end: Date };
  readonly dailyCap: number;
}

/** What a finished attempt moves the delivery to. */
export type AttemptConclusion =
  | { readonly state: 'DELIVERED' }
  | { readonly state: 'RETRYING'; readonly nextAttemptAt: Date }
  | { readonly state: 'DEAD' };

const LOCK_MEMBER = `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`;

const LOCK_MEMBER_DELIVERY = `
SELECT d.state, d.attempts, d.next_attempt_at, d.lease_until, n.state AS nudge_state,
  (SELECT count(*)::int FROM nudges.deliveries o
    WHERE o.tenant_id = d.tenant_id AND o.kind = 'MEMBER' AND o.member_id = d.member_id AND o.delivery_id <> d.delivery_id
      AND ((o.state = 'DELIVERED' AND o.finished_at >= $3 AND o.finished_at < $4) OR o.state = 'SENDING')) AS delivered_today
FROM nudges.deliveries d
LEFT JOIN nudges.member_nudges n ON n.tenant_id = d.tenant_id AND n.nudge_id = d.nudge_id
WHERE d.delivery_id = $1 AND d.tenant_id = $2
FOR UPDATE OF d`;

// $4: the preferred channels passed over on the way to in-app, if any.
const DELIVER_IN_APP = `
WITH d AS (
  UPDATE nudges.deliveries SET state = 'DELIVERED', channel = 'IN_APP', attempts = attempts + 1, lease_until = NULL, queued_at = NULL,
    last_outcome = 'DELIVERED', last_status_code = NULL, last_detail = $4, last_attempt_at = $3, finished_at = $3, updated_at = $3
  WHERE delivery_id = $1 AND tenant_id = $2 RETURNING attempts, nudge_id),
a AS (
  INSERT INTO nudges.delivery_attempts (delivery_id, attempt_number, tenant_id, at, channel, outcome, status_code, detail, duration_ms)
  SELECT $1, attempts, $2, $3, 'IN_APP', 'DELIVERED', NULL, $4, 0 FROM d),
n AS (
  UPDATE nudges.member_nudges SET state = 'DELIVERED', channel = 'IN_APP', delivered_at = $3, updated_at = $3
  WHERE tenant_id = $2 AND nudge_id = (SELECT nudge_id FROM d) AND state = 'SCHEDULED')
SELECT attempts FROM d`;

const SUPPRESS = `
WITH d AS (
  UPDATE nudges.deliveries SET state = 'SUPPRESSED', suppressed_reason = $3, last_detail = $4,
    lease_until = NULL, queued_at = NULL, finished_at = $5, updated_at = $5
  WHERE delivery_id = $1 AND tenant_id = $2 AND state IN ('PENDING', 'RETRYING', 'SENDING') RETURNING kind, nudge_id)
UPDATE nudges.member_nudges SET state = 'SUPPRESSED', suppressed_reason = $3, updated_at = $5
WHERE tenant_id = $2 AND nudge_id = (SELECT nudge_id FROM d WHERE kind = 'MEMBER') AND state = 'SCHEDULED'`;

const START_MEMBER_SEND = `
UPDATE nudges.deliveries SET state = 'SENDING', channel = $3, attempts = attempts + 1, lease_until = $4, queued_at = NULL,
  last_attempt_at = $5, updated_at = $5
WHERE delivery_id = $1 AND tenant_id = $2 RETURNING attempts`;

const CLAIM_WEBHOOK = `
UPDATE nudges.deliveries SET state = 'SENDING', channel = 'WEBHOOK', attempts = attempts + 1, lease_until = $3, queued_at = NULL,
  last_attempt_at = $4, updated_at = $4
WHERE delivery_id = $1 AND tenant_id = $2
  AND ((state IN ('PENDING', 'RETRYING') AND next_attempt_at <= $5) OR (state = 'SENDING' AND lease_until < $4))
RETURNING attempts`;

// An attempt's outcome; a lease-expiry sweep may have written UNKNOWN for it first: the real outcome wins.
const RECORD_ATTEMPT = `
INSERT INTO nudges.delivery_attempts (delivery_id, attempt_number, tenant_id, at, channel, outcome, status_code, detail, duration_ms)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (delivery_id, attempt_number) DO UPDATE SET outcome = EXCLUDED.outcome, status_code = EXCLUDED.status_code,
  detail = EXCLUDED.detail, duration_ms = EXCLUDED.duration_ms`;

// Only while this attempt is still the delivery's latest and in flight: a takeover after a lost lease owns it then.
const CONCLUDE = `
WITH a AS (${RECORD_ATTEMPT} RETURNING 1),
d AS (
  UPDATE nudges.deliveries SET state = $10, next_attempt_at = COALESCE($11, next_attempt_at), lease_until = NULL, queued_at = NULL,
    last_outcome = $6, last_status_code = $7, last_detail = $8, updated_at = $4,
    finished_at = CASE WHEN $10 IN ('DELIVERED', 'DEAD') THEN $4 ELSE NULL END
  WHERE delivery_id = $1 AND tenant_id = $3 AND state = 'SENDING' AND attempts = $2
  RETURNING kind, nudge_id, state, channel)
SELECT kind, nudge_id, state, channel, (SELECT count(*) FROM a)::int AS recorded FROM d`;

const CONCLUDE_MEMBER_NUDGE = `
UPDATE nudges.member_nudges SET state = $3, channel = $4, delivered_at = CASE WHEN $3 = 'DELIVERED' THEN $5 ELSE delivered_at END, updated_at = $5
WHERE tenant_id = $1 AND nudge_id = $2 AND state = 'SCHEDULED'`;

const RELEASE_EARLY = `
UPDATE nudges.deliveries SET queued_at = NULL, updated_at = $3
WHERE delivery_id = $1 AND tenant_id = $2 AND state IN ('PENDING', 'RETRYING') AND next_attempt_at > $4`;

export class DeliveryStore {
  constructor(private readonly database: SqlDatabase) {}

  async load(tenantId: string, deliveryIds: readonly string[]): Promise<Delivery[]> {
    const { rows } = await this.database.query<DeliveryRow>(
      `SELECT d.delivery_id, d.tenant_id, d.kind, d.nudge_id, d.member_id, d.endpoint_id, d.event_type, d.payload, d.state, d.attempts,
         d.max_attempts, d.next_attempt_at, d.lease_until,
         CASE WHEN d.kind = 'WEBHOOK' AND d.nudge_id IS NOT NULL THEN
           (SELECT m.payload -> 'nudge' FROM nudges.deliveries m WHERE m.tenant_id = d.tenant_id AND m.nudge_id = d.nudge_id AND m.kind = 'MEMBER' LIMIT 1)
         END AS nudge
       FROM nudges.deliveries d WHERE d.tenant_id = $1 AND d.delivery_id = ANY($2::text[])`,
      [tenantId, deliveryIds],
    );
    return rows.map(toDelivery);
  }

  /**
   * A job that ran before its delivery was due (its delay was measured on another clock): the
   * delivery goes back to the relay, which queues it again for the right time.
   */
  async releaseEarly(delivery: Delivery, now: Date, dueBy: Date): Promise<void> {
    await this.notifying((tx) => tx.query(RELEASE_EARLY, [delivery.deliveryId, delivery.tenantId, sqlTime(now), sqlTime(dueBy)]));
  }

  /**
   * Decides a member delivery in one transaction, the member's deliveries of the day counted under a
   * lock of the member: suppressed (as decided, or over the daily cap, or dismissed before it went
   * out), delivered in-app at once, or started on another channel (SENDING, under a lease).
   */
  async settleMember(delivery: Delivery & { kind: 'MEMBER' }, decision: MemberDecision): Promise<MemberSettlement> {
    const { now } = decision;
    return this.database.transaction(
      async (tx) => {
        await tx.query(LOCK_MEMBER, [`${delivery.tenantId}/${delivery.memberId}`]);
        const { rows } = await tx.query<{ state: DeliveryState; attempts: number; next_attempt_at: Date; lease_until: Date | null; nudge_state: string | null; delivered_today: number }>(
          LOCK_MEMBER_DELIVERY,
          [delivery.deliveryId, delivery.tenantId, sqlTime(decision.day.start), sqlTime(decision.day.end)],
        );
        const row = rows[0];
        if (!row) return { kind: 'taken' };
        const current = { state: row.state, nextAttemptAt: new Date(row.next_attempt_at), leaseUntil: row.lease_until === null ? null : new Date(row.lease_until) };
        if (!isAttemptable(current, now, decision.dueBy)) return { kind: 'taken' };
        const suppression: Suppression | null =
          decision.suppression ??
          (row.nudge_state === 'DISMISSED'
            ? { reason: 'NO_LONGER_RELEVANT', detail: 'the member dismissed it before it was delivered' }
            : !dailyCapRelevance(Number(row.delivered_today), decision.dailyCap).relevant
              ? { reason: 'DAILY_CAP_REACHED', detail: `already ${row.delivered_today} delivered on the member's local day (cap ${decision.dailyCap})` }
              : null);
        if (suppression) {
          await tx.query(SUPPRESS, [delivery.deliveryId, delivery.tenantId, suppression.reason, suppression.detail, sqlTime(now)]);
          return { kind: 'suppressed', reason: suppression.reason };
        }
        if (decision.channel.channel === 'IN_APP') {
          const { rows: done } = await tx.query<{ attempts: number }>(DELIVER_IN_APP, [delivery.deliveryId, delivery.tenantId, sqlTime(now), attemptDetail(decision.channel, null)]);
          return { kind: 'delivered', attempt: Number(done[0].attempts) };
        }
        const { rows: started } = await tx.query<{ attempts: number }>(START_MEMBER_SEND, [delivery.deliveryId, delivery.tenantId, decision.channel.channel, sqlTime(decision.leaseUntil), sqlTime(now)]);
        return { kind: 'sending', attempt: Number(started[0].attempts) };
      },
      { setupSql: tenantSettingSql(delivery.tenantId) },
    );
  }

  /** Starts an attempt at a webhook delivery; its attempt number, or undefined when it is not this job's to attempt. */
  async claimWebhook(delivery: Delivery, now: Date, dueBy: Date, leaseUntil: Date): Promise<number | undefined> {
    const { rows } = await this.database.query<{ attempts: number }>(CLAIM_WEBHOOK, [delivery.deliveryId, delivery.tenantId, sqlTime(leaseUntil), sqlTime(now), sqlTime(dueBy)]);
    return rows[0] ? Number(rows[0].attempts) : undefined;
  }

  async suppress(delivery: Delivery, suppression: Suppression, now: Date): Promise<void> {
    await this.database.transaction((tx) => tx.query(SUPPRESS, [delivery.deliveryId, delivery.tenantId, suppression.reason, suppression.detail, sqlTime(now)]), {
      setupSql: tenantSettingSql(delivery.tenantId),
    });
  }

  /**
   * Records an attempt and what it leads to: delivered, a retry at `nextAttemptAt` (the relay queues
   * it), or dead. A member's nudge shows the same. Returns false when the attempt was recorded but the
   * delivery had moved on (its lease ran out and another attempt took over).
   */
  async conclude(delivery: Delivery, attempt: number, channel: DeliveryChannel, at: Date, record: AttemptRecord, conclusion: AttemptConclusion): Promise<boolean> {
    const params = [
      delivery.deliveryId,
      attempt,
      delivery.tenantId,
      sqlTime(at),
      channel,
      record.outcome,
      record.statusCode,
      record.detail,
      record.durationMs,
      conclusion.state,
      conclusion.state === 'RETRYING' ? sqlTime(conclusion.nextAttemptAt) : null,
    ];
    const run = async (tx: SqlExecutor): Promise<boolean> => {
      const { rows } = await tx.query<{ kind: string; nudge_id: string | null }>(CONCLUDE, params);
      if (rows.length === 0) return false;
      if (delivery.kind === 'MEMBER' && conclusion.state !== 'RETRYING') {
        await tx.query(CONCLUDE_MEMBER_NUDGE, [delivery.tenantId, delivery.nudgeId, conclusion.state, channel, sqlTime(at)]);
      }
      if (conclusion.state === 'RETRYING') await tx.query('SELECT pg_notify($1, $2)', [NUDGES_CHANNEL, 'owed']);
      return true;
    };
    // A webhook's conclusion is one statement; a member's touches their tenant-scoped nudge too.
    if (delivery.kind === 'WEBHOOK' && conclusion.state !== 'RETRYING') return run(this.database);
    return this.database.transaction(run, { setupSql: tenantSettingSql(delivery.tenantId) });
  }

  private async notifying(work: (tx: SqlExecutor) => Promise<unknown>): Promise<void> {
    await this.database.transaction(async (tx) => {
      await work(tx);
      await tx.query('SELECT pg_notify($1, $2)', [NUDGES_CHANNEL, 'owed']);
    });
  }
}
