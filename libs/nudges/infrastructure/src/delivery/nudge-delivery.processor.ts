/**
 * Runs one delivery job: re-enters the job's tenant, then attempts each of its deliveries that
 * PostgreSQL says is due and not taken. A member's nudge is checked again (still a member, not opted
 * out, still relevant, outside their quiet hours as they are now, under the daily cap) and goes to
 * the first channel that reaches them, in-app otherwise (a team's nudge owed to several members is
 * posted once in a channel the whole team reads: the others wait for that post and are settled by
 * it); a webhook goes to its endpoint if that is still subscribed. Every attempt is recorded;
 * a retryable failure is retried later with backoff (the relay queues it), a permanent one or the
 * last allowed attempt makes the delivery dead, and a 410 turns its endpoint off. What a receiver
 * answered is recorded without the signed links the message carried (attempt-record.ts).
 *
 * Nothing is swallowed: a delivery that fails for another reason (the database, a defect) is logged,
 * left for the lease or stale-job sweep to take up again, and fails the job. A lost database is
 * logged once per outage, at warn and without a stack, and once at info when it is reached again.
 */
import { performance } from 'node:perf_hooks';
import type { DeliveryOutcome, RetryPolicy } from '@stepwise/integrations';
import { DatabaseOutage } from '@stepwise/database';
import { runInTenant, type Clock } from '@stepwise/kernel';
import { capDayOf, DEFAULT_DAILY_CAP, deliverableFrom, type OwedNudge } from '@stepwise/nudges-domain';
import { loggedDatabaseOutage } from '@stepwise/platform';
import type { Logger } from 'pino';
import type { DeliveryJobData } from '../queue/delivery-job';
import type {
  MemberChannelSenders,
  MemberReach,
  MemberReachability,
  NudgeRelevance,
  WebhookChannelSender,
  WebhookEndpointDirectory,
  WebhookEndpointDisabler,
} from './delivery.ports';
import { concludeAttempt, sendSafely } from './attempt-conclusion';
import type { Delivery, MemberDelivery, Suppression, WebhookDelivery } from './delivery.records';
import { CHECKS_KEPT_MS, DISABLED_ENDPOINT_DETAIL, memberSuppression, NOT_SUBSCRIBED, NOT_YET_LISTED, type JobChecks, type MemberChecks } from './delivery-checks';
import { isAttemptable, type DeliveryStore } from './delivery.store';
import { sendBeforeLeaseEnds } from './lease-end.signal';
import { attemptDetail, chooseMemberChannel, IN_APP, type ChosenChannel } from './member-channel.choice';
import { LanesClosedError, SendLanes, type LeaveLane, type SendLane } from './send-lanes';
import { sharedPostOf } from './shared-post';
import { UnreadableTimezones } from './unreadable-timezones';

export interface NudgeDeliverySettings {
  /** How long an attempt may run before another run may take the delivery over (longer than any send). */
  readonly leaseMs: number;
  /** A job may run this early against the clock and still attempt (timers of two clocks differ a little). */
  readonly dueToleranceMs: number;
  /** Backoff between attempts (the attempts allowed are each delivery's own). */
  readonly retry: Omit<RetryPolicy, 'maxAttempts'>;
}

export interface NudgeDeliveryDependencies {
  readonly store: DeliveryStore;
  readonly clock: Clock;
  readonly reachability: MemberReachability;
  readonly relevance: NudgeRelevance;
  /**
   * Read as each webhook delivery is about to go, never from a cache: an endpoint removed or
   * disabled gets nothing owed after the change, however soon after it the delivery comes due.
   */
  readonly endpoints: WebhookEndpointDirectory;
  readonly disabler: WebhookEndpointDisabler;
  readonly webhookSender: WebhookChannelSender;
  readonly memberSenders: MemberChannelSenders;
  /** Where sends that share a limit wait their turn; lanes of the processor's own when not given. */
  readonly lanes?: SendLanes;
  /** [0, 1): the backoff's jitter. */
  readonly random: () => number;
  readonly settings: NudgeDeliverySettings;
  readonly logger: Logger;
  /** Says once per zone that a member's stored timezone is read as UTC; a warning on `logger` when not given. */
  readonly timezones?: UnreadableTimezones;
}

/** `outside`: the delivery goes on outside the job, on its channel's lane: attempted when its turn comes. */
export type DeliveryResult = 'delivered' | 'retrying' | 'dead' | 'suppressed' | 'deferred' | 'skipped' | 'outside';

/**
 * Member deliveries on a lane that may go on outside their jobs at once (waiting or sending); past
 * this, a delivery waits and sends inside its job (holding its worker slot, as any other send).
 */
export const MAX_OUTSIDE_JOBS = 1_000;

export class NudgeDeliveryProcessor {
  private readonly lanes: SendLanes;
  private readonly outside = new Set<Promise<void>>();
  private stopping = false;
  private readonly timezones: UnreadableTimezones;
  private readonly outage: DatabaseOutage;

  constructor(private readonly deps: NudgeDeliveryDependencies) {
    this.lanes = deps.lanes ?? new SendLanes();
    this.outage = new DatabaseOutage(
      loggedDatabaseOutage(deps.logger, { processor: 'nudge-delivery' }, 'deliveries it cut short are taken up again by the sweep', 'delivering nudges again'),
    );
    this.timezones = deps.timezones ?? UnreadableTimezones.warningIn(deps.logger);
  }

  /** Attempts a job's deliveries; resolves to each one's result, or rejects when any failed unexpectedly. */
  async process(job: DeliveryJobData, jobId = 'job'): Promise<Record<string, DeliveryResult>> {
    return runInTenant({ tenantId: job.tenantId, correlationId: `nudge-job:${jobId}` }, async () => {
      const deliveries = await this.deps.store.load(job.tenantId, job.deliveryIds).catch((error: unknown) => {
        this.outage.failed(error);
        throw error;
      });
      this.outage.succeeded();
      if (deliveries.length < job.deliveryIds.length) {
        const known = new Set(deliveries.map((delivery) => delivery.deliveryId));
        this.deps.logger.warn(
          { tenantId: job.tenantId, missing: job.deliveryIds.filter((id) => !known.has(id)), jobId },
          'a nudge job names deliveries this database does not hold (does another deployment share the queue prefix?)',
        );
      }
      const checks = this.jobChecks(job.tenantId);
      const settled = await Promise.allSettled(deliveries.map((delivery) => this.deliver(delivery, checks)));
      const results: Record<string, DeliveryResult> = {};
      const failures: unknown[] = [];
      settled.forEach((outcome, index) => {
        const { deliveryId } = deliveries[index];
        if (outcome.status === 'fulfilled') results[deliveryId] = outcome.value;
        else {
          failures.push(outcome.reason);
          if (!this.outage.failed(outcome.reason)) {
            this.deps.logger.error({ err: outcome.reason, deliveryId, tenantId: job.tenantId, jobId }, 'a nudge delivery failed; the sweep takes it up again');
          }
        }
      });
      if (failures.length > 0) throw new AggregateError(failures, `${failures.length} of ${deliveries.length} deliveries failed`);
      return results;
    });
  }

  /**
   * The checks a job's deliveries share: a member is read once per job, and a nudge's relevance is
   * decided once per job (its member delivery and its webhook deliveries ask the same question at
   * the same moment, so they get the same answer).
   */
  private jobChecks(tenantId: string): JobChecks {
    const members = new Map<string, Promise<MemberReach | undefined>>();
    const relevance = new Map<string, Promise<Suppression | null>>();
    return {
      reachOf: (memberId) => {
        let found = members.get(memberId);
        if (!found) {
          found = this.deps.reachability.reachabilityOf(tenantId, memberId).then((reach) => {
            this.timezones.check(reach?.timezone);
            return reach;
          });
          members.set(memberId, found);
        }
        return found;
      },
      relevanceOf: (nudge, now) => {
        let found = relevance.get(nudge.nudgeId);
        if (!found) {
          relevance.set(nudge.nudgeId, (found = this.relevanceSuppression(nudge, now)));
          // Asked before it is known whether it is needed: a failure only counts where it is awaited.
          found.catch(() => undefined);
        }
        return found;
      },
    };
  }

  /**
   * The recipient's own settings first (still a member, not opted out), then whether the policy
   * still owes the nudge. Both are read at once; the relevance answer is used only when the member's
   * settings do not already suppress the nudge, as if it were read after them.
   */
  private async suppressionOf(
    memberId: string,
    nudge: OwedNudge,
    now: Date,
    checks: JobChecks,
  ): Promise<{ member: MemberReach | undefined; suppression: Suppression | null }> {
    const relevance = checks.relevanceOf(nudge, now);
    const member = await checks.reachOf(memberId);
    return { member, suppression: memberSuppression(member, nudge.rule) ?? (await relevance) };
  }

  private async deliver(delivery: Delivery, checks: JobChecks): Promise<DeliveryResult> {
    const now = this.deps.clock.now();
    const dueBy = new Date(now.getTime() + this.deps.settings.dueToleranceMs);
    if (!isAttemptable(delivery, dueBy)) {
      if ((delivery.state === 'PENDING' || delivery.state === 'RETRYING') && delivery.nextAttemptAt > dueBy) await this.deps.store.releaseEarly(delivery, now, dueBy);
      return 'skipped';
    }
    return delivery.kind === 'MEMBER' ? this.deliverToMember(delivery, now, dueBy, checks) : this.deliverWebhook(delivery, now, dueBy, checks);
  }

  private async deliverToMember(delivery: MemberDelivery, now: Date, dueBy: Date, checks: JobChecks): Promise<DeliveryResult> {
    const { nudge } = delivery.payload;
    const checked = await this.memberChecks(delivery, now, dueBy, checks);
    if (checked === 'deferred') return 'deferred';
    const { member, suppression } = checked;
    // The team's and organisation's channel settings are read here, before the delivery is taken: a
    // preferred channel nobody configured is passed over (and named in the attempt) for the next one.
    const channel =
      member && !suppression ? await chooseMemberChannel({ tenantId: delivery.tenantId, memberId: delivery.memberId, nudge, member }, this.deps.memberSenders) : IN_APP;
    const lane = channel.route?.lane;
    if (!lane) return this.settleAndSend(delivery, now, dueBy, member, suppression, channel);
    if (this.stopping) {
      // Stopping: sent now if its lane has a place (the worker awaits its jobs), else left to the relay.
      const place = this.lanes.tryEnter(lane);
      if (place) return this.sendInLane(place, delivery, checked, channel);
      await this.deps.store.returnToRelay(delivery, this.deps.clock.now());
      return 'skipped';
    }
    if (this.outside.size >= MAX_OUTSIDE_JOBS) return this.sendInLane(await this.lanes.enter(lane), delivery, checked, channel);
    this.sendOutsideJob(lane, delivery, checked, channel);
    return 'outside';
  }

  /**
   * The member's own settings and the nudge's relevance, as they are at `now`; 'deferred' when it
   * comes due in their quiet hours. The policy moved the nudge out of the quiet hours the member had
   * when it was owed; these are the hours they have now (set since, or a retry, a replay or a late
   * policy that lands inside them). A commitment's nudge also waits for its day where the member is
   * now (they may have moved since).
   */
  private async memberChecks(delivery: MemberDelivery, now: Date, dueBy: Date, checks: JobChecks): Promise<MemberChecks | 'deferred'> {
    const { nudge } = delivery.payload;
    const { member, suppression } = await this.suppressionOf(delivery.memberId, nudge, now, checks);
    if (member && !suppression) {
      const allowedAt = deliverableFrom(nudge, now, member.timezone, member.quietHours);
      if (allowedAt.getTime() > now.getTime()) {
        await this.deps.store.deferMember(delivery, allowedAt, now, dueBy);
        this.deps.logger.debug({ deliveryId: delivery.deliveryId, until: allowedAt.toISOString() }, 'nudge held until the member’s quiet hours end');
        return 'deferred';
      }
    }
    return { at: now, member, suppression };
  }

  /**
   * Stops the deliveries outside jobs: one still waiting for its turn goes back to the relay (to be
   * queued again, here or by another worker); one already sending is awaited.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.lanes.closeWaiting();
    await Promise.all([...this.outside]);
  }

  /**
   * Its turn on a shared channel came: the lease is taken now, and the attempt's time starts now.
   * One that waited for it is checked again first (quiet hours begun, an opt-out, a member who left,
   * a nudge answered meanwhile): a backlog on a slow server can last minutes.
   */
  private async sendInLane(leave: LeaveLane, delivery: MemberDelivery, checked: MemberChecks, channel: ChosenChannel): Promise<DeliveryResult> {
    try {
      const turn = this.deps.clock.now();
      const dueBy = new Date(turn.getTime() + this.deps.settings.dueToleranceMs);
      const current = turn.getTime() - checked.at.getTime() < CHECKS_KEPT_MS ? checked : await this.memberChecks(delivery, turn, dueBy, this.jobChecks(delivery.tenantId));
      if (current === 'deferred') return 'deferred';
      return await this.settleAndSend(delivery, turn, dueBy, current.member, current.suppression, channel);
    } finally {
      leave();
    }
  }

  /**
   * The job goes on without this delivery (its slot free for other nudges) while the delivery waits
   * for its channel's turn and is sent: a slow server's backlog and its sends hold no worker slot.
   * Nothing is taken before its turn; if this process ends first, the delivery is still owed in
   * PostgreSQL (or its lease runs out), and the stale-job sweep queues it again.
   */
  private sendOutsideJob(lane: SendLane, delivery: MemberDelivery, checked: MemberChecks, channel: ChosenChannel): void {
    const going: Promise<void> = this.lanes
      .enter(lane)
      .then(
        async (leave) => {
          await this.sendInLane(leave, delivery, checked, channel);
          this.outage.succeeded();
        },
        async (error: unknown) => {
          if (!(error instanceof LanesClosedError)) throw error;
          await this.deps.store.returnToRelay(delivery, this.deps.clock.now());
        },
      )
      .catch((error: unknown) => {
        if (this.outage.failed(error)) return;
        this.deps.logger.error({ err: error, deliveryId: delivery.deliveryId, tenantId: delivery.tenantId }, 'a nudge delivery failed; the sweep takes it up again');
      })
      .finally(() => this.outside.delete(going));
    this.outside.add(going);
  }

  private async settleAndSend(
    delivery: MemberDelivery,
    now: Date,
    dueBy: Date,
    member: MemberReach | undefined,
    suppression: Suppression | null,
    channel: ChosenChannel,
  ): Promise<DeliveryResult> {
    const { message, nudge } = delivery.payload;
    const sharedPost = sharedPostOf(nudge, channel);
    const leaseUntil = new Date(now.getTime() + this.deps.settings.leaseMs);
    const settlement = await this.deps.store.settleMember(delivery, {
      now,
      dueBy,
      leaseUntil,
      suppression,
      channel,
      sharedPost,
      day: capDayOf(now, member?.timezone ?? 'UTC'),
      dailyCap: member?.dailyCap ?? DEFAULT_DAILY_CAP,
    });
    // It carried its team's shared post and goes elsewhere now: whoever waits for the post takes it over.
    if (settlement.releasedPost) await this.deps.store.wakeSharedPostWaiters(delivery.tenantId, [settlement.releasedPost], now);
    switch (settlement.kind) {
      case 'taken':
        return 'skipped';
      case 'suppressed':
        this.deps.logger.debug({ deliveryId: delivery.deliveryId, reason: settlement.reason }, 'nudge suppressed');
        return 'suppressed';
      case 'delivered':
      case 'covered':
        return 'delivered';
      case 'waiting':
        this.deps.logger.debug({ deliveryId: delivery.deliveryId }, 'nudge waits for its team’s post, which another delivery is making');
        return 'deferred';
      case 'sending': {
        const { route } = channel;
        const linkTokens: string[] = [];
        // The attempt is dated when it is sent, after the checks and the settlement above.
        const sentAt = this.deps.clock.now();
        const started = performance.now();
        let outcome: DeliveryOutcome = { kind: 'permanent', statusCode: null, detail: `no ${channel.channel} sender is configured`, disableAddress: false };
        if (route) {
          // The send stops before its lease runs out, however long the settlement above took.
          outcome = await sendBeforeLeaseEnds(leaseUntil, this.deps.clock, this.deps.settings, (signal) => {
            const attempt = { deliveryId: delivery.deliveryId, attemptNumber: settlement.attempt, at: sentAt, signal };
            return sendSafely(this.deps.logger, channel.channel, () => route.send(message, attempt, (token) => linkTokens.push(token)), linkTokens);
          });
        }
        const durationMs = performance.now() - started;
        const result = await concludeAttempt(this.deps, delivery, settlement.attempt, channel.channel, sentAt, outcome, durationMs, attemptDetail(channel, outcome.detail), linkTokens);
        // The team's post is there (or failed for good): the other deliveries waiting for it are settled by it now.
        if (sharedPost && (result === 'delivered' || result === 'dead')) await this.deps.store.wakeSharedPostWaiters(delivery.tenantId, [sharedPost.key], this.deps.clock.now());
        return result;
      }
    }
  }

  private async deliverWebhook(delivery: WebhookDelivery, now: Date, dueBy: Date, checks: JobChecks): Promise<DeliveryResult> {
    const target = (await this.deps.endpoints.subscribedEndpoints(delivery.tenantId, delivery.eventType)).find((endpoint) => endpoint.endpointId === delivery.endpointId);
    // Not listed: read from its own stream whether it is gone (removed, unsubscribed), or disabled or
    // enabled a moment ago (the directory not showing it yet), where nothing it was owed is swallowed.
    const standing = target ? 'LISTED' : await this.deps.disabler.standing(delivery.tenantId, delivery.endpointId, delivery.eventType);
    const { suppression } =
      standing === 'NOT_RECEIVING' ? { suppression: NOT_SUBSCRIBED } : delivery.nudge ? await this.suppressionOf(delivery.nudge.recipientId, delivery.nudge, now, checks) : { suppression: null };
    if (suppression) {
      await this.deps.store.suppress(delivery, suppression, now);
      return 'suppressed';
    }
    // Still relevant: a dead letter to replay once the endpoint is enabled, or tried again shortly.
    if (standing === 'DISABLED') {
      await this.deps.store.deadForDisabledEndpoint(delivery, DISABLED_ENDPOINT_DETAIL, now);
      return 'dead';
    }
    const attemptNumber = await this.claim(delivery, dueBy);
    if (attemptNumber === undefined) return 'skipped';
    if (!target) return concludeAttempt(this.deps, delivery, attemptNumber, 'WEBHOOK', this.deps.clock.now(), NOT_YET_LISTED, 0);
    // Dated (and signed: webhook-timestamp) when it is sent, after the checks and the claim above.
    const sentAt = this.deps.clock.now();
    const started = performance.now();
    const outcome = await sendSafely(this.deps.logger, 'WEBHOOK', () => this.deps.webhookSender.send(delivery.payload, target, { deliveryId: delivery.deliveryId, attemptNumber, at: sentAt }));
    const result = await concludeAttempt(this.deps, delivery, attemptNumber, 'WEBHOOK', sentAt, outcome, performance.now() - started);
    if (outcome.kind === 'permanent' && outcome.disableAddress) {
      this.deps.logger.warn({ tenantId: delivery.tenantId, endpointId: delivery.endpointId, statusCode: outcome.statusCode }, 'a webhook receiver answered that it is gone; disabling its endpoint');
      await this.deps.disabler.disable(delivery.tenantId, delivery.endpointId, `the receiver answered HTTP ${outcome.statusCode ?? 410} (gone) to delivery ${delivery.deliveryId}`, {
        statusCode: outcome.statusCode,
        deliveryId: delivery.deliveryId,
        attemptNumber,
      });
    }
    return result;
  }

  /**
   * Claims a webhook delivery's next attempt; the lease runs from the claim, after the reads before
   * it, however long they took. An endpoint its own stream has receiving that the directory does not
   * list yet gets an attempt that sends nothing (NOT_YET_LISTED), tried again after the backoff,
   * within the delivery's attempts (dead, and replayable, if the directory never shows it).
   */
  private claim(delivery: WebhookDelivery, dueBy: Date): Promise<number | undefined> {
    const claimedAt = this.deps.clock.now();
    return this.deps.store.claimWebhook(delivery, claimedAt, dueBy, new Date(claimedAt.getTime() + this.deps.settings.leaseMs));
  }

  private async relevanceSuppression(nudge: OwedNudge, now: Date): Promise<Suppression | null> {
    const relevance = await this.deps.relevance.check(nudge, now);
    return relevance.relevant ? null : { reason: relevance.reason, detail: `the nudge policy found it no longer owed: ${relevance.detail}` };
  }
}
