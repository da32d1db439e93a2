/**
 * The raw baseline of the nudge benchmark: plain BullMQ jobs, each carrying a webhook body as
 * Stepwise sends it, run `concurrency` at a time by a worker on the same Redis whose processor signs
 * the body the same way (Standard Webhooks, the same signing function and secret) and POSTs it with
 * Node's fetch to the same receiver. No database, no records, no retries: what a webhook costs with
 * nothing durable around it.
 */
import { signWebhook, WEBHOOK_USER_AGENT } from '@stepwise/integrations';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { RAW_QUEUE, type ContenderOptions, type RawWebhookJob } from './delivery-contender.protocol';
import type { Contender } from './delivery-contender';
import type { ProcessMeter } from './process.meter';

const post = async (job: RawWebhookJob, secret: string): Promise<void> => {
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(job.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': WEBHOOK_USER_AGENT,
      'webhook-id': job.webhookId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook({ id: job.webhookId, timestamp, body: job.body }, [secret]),
    },
    body: job.body,
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
};

export const openRawContender = async (options: ContenderOptions, meter: ProcessMeter): Promise<Contender> => {
  // As Stepwise's delivery worker connects (a blocking connection that waits out an outage).
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: `${options.queuePrefix}-raw-worker` });
  const sender = meter.timed('send WEBHOOK', { post });
  const worker = new Worker<RawWebhookJob>(RAW_QUEUE, (job) => sender.post(job.data, options.webhookSecret), {
    connection,
    prefix: options.queuePrefix,
    concurrency: options.concurrency,
  });
  worker.on('error', (error) => console.error(`raw worker: ${error.message}`));
  await worker.waitUntilReady();
  return {
    settings: { concurrency: options.concurrency, http: 'global fetch (keep-alive)' },
    prepare: async () => undefined,
    close: async () => {
      await worker.close();
      connection.disconnect();
    },
  };
};
