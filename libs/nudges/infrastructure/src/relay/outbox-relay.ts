/**
 * The relay: takes what the policy owed out of the outbox and keeps BullMQ holding a job for every
 * delivery due soon. It wakes on a notification (the outbox trigger, a retry, a replay) and polls
 * as a fallback; a failure (PostgreSQL or Redis away) is logged once and retried with backoff, so
 * it catches up by itself when they are back. Should its listening session break (a failover, a
 * killed session), it makes a pass at once (a notification may have gone to the dead session) and
 * listens again before each pass until it does. While Redis is down the outbox is still taken in:
 * members see their nudges as scheduled, and the deliveries wait in PostgreSQL.
 */
import { isDatabaseUnavailable, type DatabaseOutageHandlers, type SqlDatabase } from '@stepwise/database';
import { loggedDatabaseOutage } from '@stepwise/platform';
import type { Logger } from 'pino';
import { NUDGES_CHANNEL } from '../delivery/nudge-delivery.migration';
import type { DeliveryEnqueuer } from './delivery-enqueuer';
import type { DeliveryRecovery } from './delivery-recovery';
import type { OutboxIntake } from './outbox-intake';

export interface OutboxRelaySettings {
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  /** How often lost leases and stale jobs are looked for. */
  readonly recoveryIntervalMs: number;
  /** A delivery due this long ago whose job has not run is handed back to the relay. */
  readonly staleAfterMs: number;
  /**
   * While it keeps being woken, a pass starts no sooner than this after the previous one began
   * (default 0: at once), so under a stream of nudges each pass takes in and queues many, not one or
   * two; after a quiet spell the first goes at once.
   */
  readonly paceMs?: number;
}

export interface RelayQueue {
  /** False while Redis is away (or may evict): owed deliveries wait in PostgreSQL. */
  readonly accepting: boolean;
  onDataLost(listener: () => void): void;
  /** How long the job first in line for a worker has been ready to run (0 when none is waiting). */
  longestWaitMs(): Promise<number>;
}

const MAX_BACKOFF_MS = 30_000;

export class OutboxRelay {
  private stopped = true;
  private wakeUp: (() => void) | undefined;
  private pending = false;
  private running: Promise<void> | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private requeueAll = false;
  private lastRecovery = 0;
  private failing = false;
  /** How a database outage is told (at warn, without a stack); its end is told as 'working again' below. */
  private readonly outageLog: DatabaseOutageHandlers;
  /** Not listening (the session broke, or listening again failed): listen before the next pass. */
  private deaf = false;

  constructor(
    private readonly database: SqlDatabase,
    private readonly intake: OutboxIntake,
    private readonly enqueuer: DeliveryEnqueuer,
    private readonly recovery: DeliveryRecovery,
    private readonly queue: RelayQueue,
    private readonly settings: OutboxRelaySettings,
    private readonly logger: Logger,
  ) {
    this.outageLog = loggedDatabaseOutage(logger, {}, 'the nudge relay retries with backoff (nothing owed is lost: it stays in PostgreSQL)', 'the nudge relay goes on');
    queue.onDataLost(() => {
      this.requeueAll = true;
      this.wake();
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.unlisten = await this.listen();
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
    await this.unlisten?.().catch(() => undefined);
  }

  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  private async listen(): Promise<() => Promise<void>> {
    this.deaf = false;
    const lost = (): void => {
      this.deaf = true;
      this.wake();
    };
    try {
      return await this.database.listen(NUDGES_CHANNEL, () => this.wake(), lost);
    } catch (error) {
      this.deaf = true;
      throw error;
    }
  }

  /** One pass: the outbox taken in, lost work recovered, owed deliveries queued. Exposed for tests. */
  async cycle(): Promise<{ taken: number; queued: number }> {
    let taken = 0;
    for (let batch = this.settings.batchSize; batch === this.settings.batchSize && !this.stopped; ) {
      batch = await this.intake.takeBatch();
      taken += batch;
    }
    if (Date.now() - this.lastRecovery >= this.settings.recoveryIntervalMs) {
      this.lastRecovery = Date.now();
      const expired = await this.recovery.expireLeases();
      if (expired > 0) this.logger.warn({ deliveries: expired }, 'attempts whose process stopped mid-delivery are retried');
      // Behind a backlog a job not run yet may be waiting its turn: workers take jobs in order, so only
      // one due that long before the job now first in line is taken for lost. Unknown while Redis is away.
      const backlogMs = this.queue.accepting ? await this.queue.longestWaitMs().catch(() => null) : null;
      if (backlogMs !== null) {
        const stale = await this.recovery.requeueStale(this.settings.staleAfterMs + backlogMs);
        if (stale > 0) this.logger.warn({ deliveries: stale }, 'deliveries whose job never ran are queued again');
      }
    }
    let queued = 0;
    if (!this.queue.accepting) return { taken, queued };
    // Handed back only once the queue accepts: it accepts after telling of a loss, so what it queues
    // from here on is never handed back by that same loss.
    if (this.requeueAll) {
      this.requeueAll = false;
      const handedBack = await this.recovery.requeueAll();
      if (handedBack > 0) this.logger.warn({ deliveries: handedBack }, 'Redis holds none of the jobs queued before (it restarted without its data, or is new): queueing every owed delivery again from PostgreSQL');
    }
    for (let batch = this.settings.batchSize; batch === this.settings.batchSize && !this.stopped; ) {
      batch = await this.enqueuer.queueBatch();
      queued += batch;
    }
    return { taken, queued };
  }

  private async loop(): Promise<void> {
    let backoff = 0;
    let lastPass = -Infinity;
    while (!this.stopped) {
      await this.keepPace(lastPass);
      if (this.stopped) break;
      lastPass = performance.now();
      this.pending = false;
      try {
        // Listening again comes first: a notification after the pass's reads must wake the next one.
        if (this.deaf) this.unlisten = await this.listen();
        await this.cycle();
        if (this.failing) this.logger.info('nudge relay: working again');
        this.failing = false;
        backoff = 0;
      } catch (error) {
        // A database out of reach is an outage, told at warn without a stack like the worker's other parts; anything else is an error.
        if (!this.failing && isDatabaseUnavailable(error)) {
          this.outageLog.lost(error);
        } else if (!this.failing) {
          this.logger.error({ err: error }, 'nudge relay failed; retrying with backoff (nothing owed is lost: it stays in PostgreSQL)');
        }
        this.failing = true;
        backoff = Math.min(backoff === 0 ? 250 : backoff * 2, MAX_BACKOFF_MS);
      }
      if (this.stopped) break;
      // A notification during the pass means there may be more: go again at once (unless failing).
      if (this.pending && backoff === 0) continue;
      // Backing off, only a stop cuts the pause short.
      await this.pause(backoff || this.settings.pollIntervalMs, backoff === 0);
    }
  }

  /** Waits out what is left of the pace since the pass that began at `lastPass` (a monotonic instant); only a stop cuts it short. */
  private async keepPace(lastPass: number): Promise<void> {
    const pace = this.settings.paceMs ?? 0;
    // Again while some is left: a timer counts from the event loop's clock, which may trail this one.
    for (let wait = Math.min(lastPass + pace - performance.now(), pace); wait > 0 && !this.stopped; wait = lastPass + pace - performance.now()) {
      await this.pause(Math.ceil(wait), false);
    }
  }

  /** Waits `ms`; any wake-up ends it early when `woken`, otherwise only a stop does. */
  private async pause(ms: number, woken: boolean): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = woken ? done : () => this.stopped && done();
    });
    this.wakeUp = undefined;
  }
}
