/**
 * The delivery processors' reads and writes of nudges.deliveries, delivery_attempts and
 * member_nudges. PostgreSQL decides what runs: an attempt starts only by moving a delivery that is
 * due (or whose last attempt's lease ran out) into SENDING, so a job that runs twice, or a removed
 * job's id that comes back, finds nothing to do.
 *
 * Calls arriving together (a job's deliveries attempted side by side, jobs running at once) are
 * answered together: one statement claims every webhook asked for in that moment, one per tenant
 * settles its members' deliveries (`nudges.settle_member_deliveries`), one records the attempts that
 * ended. Each call still gets its own answer, decided by the same conditions as if it had come alone.
 */
import { BatchedCalls } from '@stepwise/kernel';
import type { SqlDatabase, SqlExecutor } from '@stepwise/database';
import { effectiveDailyCap, type SuppressionReason } from '@stepwise/nudges-domain';
import { attemptDetail, type ChosenChannel } from './member-channel.choice';
import { NUDGES_CHANNEL } from './nudge-delivery.migration';
import type { AttemptRecord, Delivery, DeliveryChannel, DeliveryState, MemberDelivery, Suppression } from './delivery.records';
import { memberDeliveryId } from '../relay/delivery-ids';
import { CLAIM_WEBHOOKS, CONCLUDE_IN_TENANT, CONCLUDE_WEBHOOKS, DEAD_FOR_DISABLED_ENDPOINT, DEFER_MEMBER, LOAD, MEMBER_NUDGES, RELEASE_EARLY, RETURN_TO_RELAY, SETTLE_MEMBERS, SUPPRESS, WAKE_SHARED_POST_WAITERS } from './delivery.statements';
import type { SharedPost } from './shared-post';
import { sqlTime, sqlTimes } from './sql-time';
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

const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

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
  return row.kind === 'MEMBER'
    ? { ...base, kind: 'MEMBER', memberId: row.member_id as string, payload: parsed(row.payload) }
    : {
        ...base,
        kind: 'WEBHOOK',
        endpointId: row.endpoint_id as string,
        eventType: row.event_type as string,
        memberId: row.member_id,
        payload: parsed(row.payload),
        nudge: row.nudge === null || row.nudge === undefined ? null : parsed(row.nudge),
      };
};

/**
 * A delivery is open to an attempt when due and not being attempted. One whose attempt's lease ran
 * out is not: the lease sweep (delivery-recovery.ts) first records that attempt as UNKNOWN and
 * decides what it leaves (a retry, or dead after a member's last attempt); a job that ran again meanwhile
 * (a stalled job, a worker killed mid-send) would otherwise send once more without either.
 */
export const isAttemptable = (delivery: Pick<Delivery, 'state' | 'nextAttemptAt'>, dueBy: Date): boolean =>
  (delivery.state === 'PENDING' || delivery.state === 'RETRYING') && delivery.nextAttemptAt <= dueBy;

export type MemberSettlement = (
  | { readonly kind: 'taken' }
  | { readonly kind: 'delivered'; readonly attempt: number }
  /** Its team's shared post is in the channel already (another delivery posted it): delivered by it. */
  | { readonly kind: 'covered'; readonly attempt: number }
  /** Another delivery is posting its team's shared post: attempted again once that one ends. */
  | { readonly kind: 'waiting' }
  | { readonly kind: 'suppressed'; readonly reason: SuppressionReason }
  | { readonly kind: 'sending'; readonly attempt: number }
) & {
  /** A shared post this delivery carried and no longer does: the deliveries waiting for it are to be woken. */
  readonly releasedPost?: string;
};

export interface MemberDecision {
  readonly now: Date;
  readonly dueBy: Date;
  readonly leaseUntil: Date;
  /** Decided before the transaction (the member left, opted out, the nudge no longer matters). */
  readonly suppression: Suppression | null;
  readonly channel: ChosenChannel;
  /** The team's shared post the channel makes, when it is one the whole team reads and the nudge is the team's. */
  readonly sharedPost: SharedPost | null;
  /** The member's local day and cap, for the daily cap. */
  readonly day: { readonly start: Date; readonly end: Date };
  readonly dailyCap: number;
}

/** What a finished attempt moves the delivery to. */
export type AttemptConclusion =
  | { readonly state: 'DELIVERED' }
  | { readonly state: 'RETRYING'; readonly nextAttemptAt: Date }
  | { readonly state: 'DEAD' };

interface SettledRow {
  settled_delivery: string;
  settlement: string;
  settled_attempt: number | null;
  settled_reason: string | null;
  released_post: string | null;
}

/** The most calls one statement answers. */
const MAX_BATCH = 100;

interface SettleCall {
  readonly delivery: MemberDelivery;
  readonly decision: MemberDecision;
}

interface ClaimCall {
  readonly delivery: Delivery;
  readonly now: Date;
  readonly dueBy: Date;
  readonly leaseUntil: Date;
}

interface ConcludeCall {
  readonly delivery: Delivery;
  readonly attempt: number;
  readonly channel: DeliveryChannel;
  readonly at: Date;
  readonly record: AttemptRecord;
  readonly conclusion: AttemptConclusion;
}

const concludeParams = (calls: readonly ConcludeCall[]): unknown[] => [
  calls.map((call) => call.delivery.deliveryId),
  calls.map((call) => call.attempt),
  calls.map((call) => call.delivery.tenantId),
  sqlTimes(calls.map((call) => call.at)),
  calls.map((call) => call.channel),
  calls.map((call) => call.record.outcome),
  calls.map((call) => call.record.statusCode),
  calls.map((call) => call.record.detail),
  calls.map((call) => call.record.durationMs),
  calls.map((call) => call.conclusion.state),
  calls.map((call) => (call.conclusion.state === 'RETRYING' ? sqlTime(call.conclusion.nextAttemptAt) : null)),
];

export class DeliveryStore {
  private readonly settlements = new BatchedCalls<SettleCall, MemberSettlement>((calls) => this.settleTogether(calls), {
    maxBatch: MAX_BATCH,
    groupOf: (call) => call.delivery.tenantId,
    // A member's deliveries asked about together are decided in one statement, one after another,
    // each seeing the decisions before it (the daily cap counts them); across statements the
    // member's lock orders them. One delivery twice in a batch would be decided twice: never.
    conflictOf: (call) => call.delivery.deliveryId,
  });
  private readonly claims = new BatchedCalls<ClaimCall, number | undefined>((calls) => this.claimTogether(calls), {
    maxBatch: MAX_BATCH,
    conflictOf: (call) => call.delivery.deliveryId,
  });
  /** Webhook attempts that end their delivery: nothing tenant-scoped, one statement across tenants. */
  private readonly webhookConclusions = new BatchedCalls<ConcludeCall, boolean>((calls) => this.concludeTogether(this.database, CONCLUDE_WEBHOOKS, calls), {
    maxBatch: MAX_BATCH,
    conflictOf: (call) => call.delivery.deliveryId,
  });
  /** Member attempts (their nudge shows the outcome) and retries (the relay is woken): in their tenant's context. */
  private readonly tenantConclusions = new BatchedCalls<ConcludeCall, boolean>(
    (calls) =>
      this.database.transaction((tx) => this.concludeTogether(tx, CONCLUDE_IN_TENANT, calls, [calls[0].delivery.tenantId]), {
        setupSql: tenantSettingSql(calls[0].delivery.tenantId),
      }),
    { maxBatch: MAX_BATCH, groupOf: (call) => call.delivery.tenantId, conflictOf: (call) => call.delivery.deliveryId },
  );

  constructor(private readonly database: SqlDatabase) {}

  /**
   * A job's deliveries. A nudge webhook carries its nudge as its member delivery holds it (for the
   * relevance check): read with it when the job holds both (a nudge's first deliveries travel
   * together), by the member delivery's key otherwise.
   */
  async load(tenantId: string, deliveryIds: readonly string[]): Promise<Delivery[]> {
    const { rows } = await this.database.query<DeliveryRow>(LOAD, [tenantId, deliveryIds]);
    const nudges = new Map<string, unknown>();
    for (const row of rows) if (row.kind === 'MEMBER' && row.nudge_id) nudges.set(row.nudge_id, parsed(row.payload).nudge);
    const elsewhere = [...new Set(rows.filter((row) => row.kind === 'WEBHOOK' && row.nudge_id && !nudges.has(row.nudge_id)).map((row) => row.nudge_id as string))];
    if (elsewhere.length > 0) {
      const { rows: found } = await this.database.query<{ nudge_id: string; nudge: unknown }>(MEMBER_NUDGES, [tenantId, elsewhere.map(memberDeliveryId)]);
      for (const row of found) nudges.set(row.nudge_id, row.nudge);
    }
    return rows.map((row) => toDelivery({ ...row, nudge: row.kind === 'WEBHOOK' && row.nudge_id ? (nudges.get(row.nudge_id) ?? null) : null }));
  }

  /**
   * A job that ran before its delivery was due (its delay was measured on another clock): the
   * delivery goes back to the relay, which queues it again for the right time.
   */
  async releaseEarly(delivery: Delivery, now: Date, dueBy: Date): Promise<void> {
    await this.notifying((tx) => tx.query(RELEASE_EARLY, [delivery.deliveryId, delivery.tenantId, sqlTime(now), sqlTime(dueBy)]));
  }

  /** A delivery this process will not attempt after all (it stops): the relay queues it again at once. */
  async returnToRelay(delivery: Delivery, now: Date): Promise<void> {
    await this.notifying((tx) => tx.query(RETURN_TO_RELAY, [delivery.deliveryId, delivery.tenantId, sqlTime(now)]));
  }

  /**
   * A member delivery due in the member's quiet hours waits until `until` (their end), no attempt
   * used; the relay queues it again for then.
   */
  async deferMember(delivery: MemberDelivery, until: Date, now: Date, dueBy: Date): Promise<void> {
    await this.database.transaction(
      async (tx) => {
        await tx.query(DEFER_MEMBER, [delivery.deliveryId, delivery.tenantId, sqlTime(until), sqlTime(now), sqlTime(dueBy)]);
        await tx.query('SELECT pg_notify($1, $2)', [NUDGES_CHANNEL, 'owed']);
      },
      { setupSql: tenantSettingSql(delivery.tenantId) },
    );
  }

  /**
   * Decides a member delivery, the member's deliveries of the day counted under a lock of the member:
   * suppressed (as decided, or over the daily cap, or dismissed before it went out), delivered in-app
   * at once, or started on another channel (SENDING, under a lease).
   */
  settleMember(delivery: Delivery & { kind: 'MEMBER' }, decision: MemberDecision): Promise<MemberSettlement> {
    return this.settlements.call({ delivery, decision });
  }

  /** Starts an attempt at a webhook delivery; its attempt number, or undefined when it is not this job's to attempt. */
  claimWebhook(delivery: Delivery, now: Date, dueBy: Date, leaseUntil: Date): Promise<number | undefined> {
    return this.claims.call({ delivery, now, dueBy, leaseUntil });
  }

  /** See DEAD_FOR_DISABLED_ENDPOINT. */
  async deadForDisabledEndpoint(delivery: Delivery, detail: string, now: Date): Promise<void> {
    await this.database.query(DEAD_FOR_DISABLED_ENDPOINT, [delivery.deliveryId, delivery.tenantId, detail, sqlTime(now)]);
  }

  async suppress(delivery: Delivery, suppression: Suppression, now: Date): Promise<void> {
    await this.database.transaction(
      (tx) => tx.query(SUPPRESS, [delivery.tenantId, [delivery.deliveryId], [suppression.reason], [suppression.detail], sqlTimes([now])]),
      { setupSql: tenantSettingSql(delivery.tenantId) },
    );
  }

  /**
   * Brings the deliveries waiting for these shared posts forward to now, once their carrier's post
   * was delivered or died, or the carrier went elsewhere: each is settled again (covered by the
   * post, or carrying it now).
   */
  async wakeSharedPostWaiters(tenantId: string, postKeys: readonly string[], now: Date): Promise<void> {
    await this.database.query(WAKE_SHARED_POST_WAITERS, [tenantId, [...postKeys], sqlTime(now)]);
  }

  /**
   * Records an attempt and what it leads to: delivered, a retry at `nextAttemptAt` (the relay queues
   * it), or dead. A member's nudge shows the same. Returns false when the attempt was recorded but the
   * delivery had moved on (its lease ran out and another attempt took over).
   */
  conclude(delivery: Delivery, attempt: number, channel: DeliveryChannel, at: Date, record: AttemptRecord, conclusion: AttemptConclusion): Promise<boolean> {
    const call = { delivery, attempt, channel, at, record, conclusion };
    return delivery.kind === 'WEBHOOK' && conclusion.state !== 'RETRYING' ? this.webhookConclusions.call(call) : this.tenantConclusions.call(call);
  }

  /** One tenant's member deliveries decided in one statement under their members' locks, in order (a member's later ones see the earlier). */
  private async settleTogether(calls: readonly SettleCall[]): Promise<MemberSettlement[]> {
    const { rows } = await this.database.query<SettledRow>(SETTLE_MEMBERS, [
      calls[0].delivery.tenantId,
      calls.map((call) => call.delivery.deliveryId),
      calls.map((call) => call.delivery.memberId),
      sqlTimes(calls.map((call) => call.decision.now)),
      sqlTimes(calls.map((call) => call.decision.dueBy)),
      sqlTimes(calls.map((call) => call.decision.leaseUntil)),
      sqlTimes(calls.map((call) => call.decision.day.start)),
      sqlTimes(calls.map((call) => call.decision.day.end)),
      calls.map((call) => effectiveDailyCap(call.decision.dailyCap)),
      calls.map((call) => call.decision.dailyCap),
      calls.map((call) => call.decision.channel.channel),
      calls.map((call) => call.decision.suppression?.reason ?? null),
      calls.map((call) => call.decision.suppression?.detail ?? null),
      // Delivered in-app: the preferred channels passed over on the way, if any.
      calls.map((call) => attemptDetail(call.decision.channel, null)),
      calls.map((call) => call.decision.sharedPost?.key ?? null),
      calls.map((call) => call.decision.sharedPost?.coveredDetail ?? null),
    ]);
    const settled = new Map(rows.map((row) => [row.settled_delivery, row]));
    return calls.map((call): MemberSettlement => {
      const row = settled.get(call.delivery.deliveryId);
      const released = row?.released_post ? { releasedPost: row.released_post } : {};
      switch (row?.settlement) {
        case 'suppressed':
          return { kind: 'suppressed', reason: row.settled_reason as SuppressionReason, ...released };
        case 'delivered':
        case 'covered':
        case 'sending':
          return { kind: row.settlement, attempt: Number(row.settled_attempt), ...released };
        case 'waiting':
          return { kind: 'waiting', ...released };
        default:
          return { kind: 'taken' };
      }
    });
  }

  private async claimTogether(calls: readonly ClaimCall[]): Promise<(number | undefined)[]> {
    const { rows } = await this.database.query<{ delivery_id: string; attempts: number }>(CLAIM_WEBHOOKS, [
      calls.map((call) => call.delivery.deliveryId),
      calls.map((call) => call.delivery.tenantId),
      sqlTimes(calls.map((call) => call.leaseUntil)),
      sqlTimes(calls.map((call) => call.now)),
      sqlTimes(calls.map((call) => call.dueBy)),
    ]);
    const claimed = new Map(rows.map((row) => [row.delivery_id, Number(row.attempts)]));
    return calls.map((call) => claimed.get(call.delivery.deliveryId));
  }

  private async concludeTogether(executor: SqlExecutor, sql: string, calls: readonly ConcludeCall[], extra: unknown[] = []): Promise<boolean[]> {
    const { rows } = await executor.query<{ delivery_id: string }>(sql, [...concludeParams(calls), ...extra]);
    const moved = new Set(rows.map((row) => row.delivery_id));
    return calls.map((call) => moved.has(call.delivery.deliveryId));
  }

  private async notifying(work: (tx: SqlExecutor) => Promise<unknown>): Promise<void> {
    await this.database.transaction(async (tx) => {
      await work(tx);
      await tx.query('SELECT pg_notify($1, $2)', [NUDGES_CHANNEL, 'owed']);
    });
  }
}
