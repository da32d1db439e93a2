/**
 * The producer side of the nudge queue: the relay adds jobs through it, with a delay to each
 * delivery's next attempt. It fails fast while Redis is unreachable and says when Redis came back
 * (then PostgreSQL, not Redis, says what is still owed: the relay queues it again).
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DELIVERY_JOB, DELIVERY_QUEUE, type DeliveryJobData, type QueuedJob } from './delivery-job';
import { openProducerRedis, watchRedis } from './redis-connections';
import { checkEvictionPolicy } from './redis-eviction.check';
import { quietAfterClose } from './quiet-after-close';

/** Failed jobs (the processor threw: a database outage, a defect) are kept a day for a person to look at. */
const KEEP_FAILED = { age: 24 * 3600, count: 10_000 };
const DATA_LOSS_RECHECK_MS = 1_000;

export interface DeliveryQueueOptions {
  readonly redisUrl: string;
  /** Keeps deployments (and test runs) sharing one Redis apart. */
  readonly prefix: string;
  readonly logger: Logger;
}

export class DeliveryQueue {
  private readonly client: Redis;
  private readonly watch: { stop(): void };
  private readonly queue: Queue<DeliveryJobData>;
  private readonly dataLostListeners: (() => void)[] = [];
  /** False while Redis is known to evict keys: nothing is queued into it. */
  private safe = true;
  /**
   * True once this connection asked Redis whether it lost its data (and told the listeners): until
   * then nothing is queued, or a delivery queued before the answer would be handed back and queued twice.
   */
  private dataLossChecked = false;

  constructor(private readonly options: DeliveryQueueOptions) {
    this.client = openProducerRedis(options.redisUrl, `${options.prefix}-nudge-relay`);
    this.watch = watchRedis(this.client, options.logger, () => this.onReady());
    this.client.on('close', () => {
      this.dataLossChecked = false;
    });
    this.queue = new Queue<DeliveryJobData>(DELIVERY_QUEUE, {
      connection: this.client,
      prefix: options.prefix,
      streams: { events: { maxLen: 1_000 } },
    });
    // Errors reach the relay through the rejected calls; the watcher above logs the outage once.
    this.queue.on('error', () => undefined);
    quietAfterClose(this.queue, 'queue');
  }

  /**
   * Runs when Redis turns out to have lost its data (restarted without persistence, flushed, or a new
   * server): the jobs it held are gone, and PostgreSQL must say again what is owed. Told by a marker
   * key the queue sets on connecting: finding it missing on any (re)connection means the data went.
   */
  onDataLost(listener: () => void): void {
    this.dataLostListeners.push(listener);
  }

  get accepting(): boolean {
    return this.safe && this.dataLossChecked && this.client.status === 'ready';
  }

  async add(jobs: readonly QueuedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    if (!this.safe) await this.recheckEviction();
    if (!this.safe) throw new Error('Redis may evict jobs (maxmemory-policy is not noeviction): nothing is queued until that changes');
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: DELIVERY_JOB,
        data: job.data,
        opts: { jobId: job.jobId, delay: Math.max(0, Math.round(job.delayMs)), removeOnComplete: true, removeOnFail: KEEP_FAILED, attempts: 1 },
      })),
    );
  }

  /** How long the job first in line for a worker has been ready to run (0 when none is waiting). */
  async longestWaitMs(): Promise<number> {
    const [oldest] = await this.queue.getJobs(['wait'], 0, 0, true);
    return oldest ? Math.max(0, Date.now() - (oldest.timestamp + (oldest.delay ?? 0))) : 0;
  }

  async close(): Promise<void> {
    this.watch.stop();
    await this.queue.close().catch(() => undefined);
    this.client.disconnect();
  }

  private onReady(): void {
    void this.recheckEviction();
    void this.checkDataLoss();
  }

  private async checkDataLoss(): Promise<void> {
    try {
      const set = await this.client.set(`${this.options.prefix}:${DELIVERY_QUEUE}:relay-marker`, new Date().toISOString(), 'NX');
      if (set === 'OK') for (const listener of this.dataLostListeners) listener();
      this.dataLossChecked = this.client.status === 'ready';
    } catch {
      // The connection dropped: its next 'ready' asks again. Still up (a refused write): ask again shortly.
      if (this.client.status === 'ready') setTimeout(() => void this.checkDataLoss(), DATA_LOSS_RECHECK_MS).unref();
    }
  }

  /** A Redis restarted with another configuration is checked again. */
  private async recheckEviction(): Promise<void> {
    try {
      const check = await checkEvictionPolicy(this.client);
      const safe = check.status !== 'evicts';
      if (!safe && this.safe) {
        this.options.logger.error({ policy: check.status === 'evicts' ? check.policy : undefined }, 'nudge queue: Redis may evict jobs (maxmemory-policy is not noeviction); nudges wait in the database until it is set to noeviction');
      } else if (safe && !this.safe) {
        this.options.logger.info('nudge queue: Redis no longer evicts jobs; queueing resumes');
      }
      this.safe = safe;
    } catch {
      // Unreachable again already: the next connection checks.
    }
  }
}
