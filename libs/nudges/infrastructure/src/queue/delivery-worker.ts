/**
 * The consumer side of the nudge queue: a BullMQ worker on a blocking connection of its own that
 * hands each job to the delivery processor, `concurrency` at a time. BullMQ retries nothing itself
 * (attempts live in PostgreSQL); a job that fails is kept a day in BullMQ's failed set, and its
 * delivery comes back through the lease or stale-job sweep.
 */
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DELIVERY_QUEUE, type DeliveryJobData } from './delivery-job';
import { openWorkerRedis, watchRedis } from './redis-connections';
import { quietAfterClose } from './quiet-after-close';
import { settleStartUp } from './start-up.settle';

export interface DeliveryWorkerOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly concurrency: number;
  readonly logger: Logger;
  /** How long BullMQ considers a job's worker alive without a lock renewal (BullMQ's default: 30 s). */
  readonly lockDurationMs?: number;
}

export class DeliveryWorker {
  private readonly client: Redis;
  private readonly watch: { stop(): void };
  private readonly worker: Worker<DeliveryJobData>;

  constructor(options: DeliveryWorkerOptions, handle: (data: DeliveryJobData, jobId: string) => Promise<unknown>) {
    this.client = openWorkerRedis(options.redisUrl, `${options.prefix}-nudge-worker`);
    this.watch = watchRedis(this.client, options.logger);
    this.worker = new Worker<DeliveryJobData>(DELIVERY_QUEUE, (job) => handle(job.data, job.id ?? 'unknown'), {
      connection: this.client,
      prefix: options.prefix,
      concurrency: options.concurrency,
      autorun: false,
      ...(options.lockDurationMs && { lockDuration: options.lockDurationMs, stalledInterval: options.lockDurationMs }),
    });
    // Connection trouble is logged once by the watcher; a failed job was logged by the processor.
    this.worker.on('error', () => undefined);
    quietAfterClose(this.worker, 'worker');
  }

  /**
   * Runs once its connection is first ready: BullMQ's stalled-job check, started sooner, waits on the
   * connection, and a close in the meantime leaves the timer of its next round (30 s) behind it.
   */
  start(): void {
    const run = (): void => void this.worker.run().catch((error) => this.worker.emit('error', error));
    if (this.client.status === 'ready') run();
    else this.client.once('ready', run);
  }

  async close(): Promise<void> {
    if (this.client.status === 'ready') await settleStartUp(this.worker.waitUntilReady());
    await this.worker.close();
    this.watch.stop();
    this.client.disconnect();
  }
}
