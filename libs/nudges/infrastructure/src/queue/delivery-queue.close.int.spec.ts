/**
 * Closing the nudge queue and its worker at any moment of their start-up: a close that lands while
 * BullMQ still waits for Redis, or checks its version, must neither throw nor leave an error event
 * (or a rejection) nobody handles. On the real Redis each round closes after a different pause, so
 * some closes fall inside the version check; against an address that refused them first and then
 * holds their connections unanswered, every close lands on a start-up that has already failed once
 * and still has a connection in flight (what a stop while Redis is down meets when it falls between
 * a reconnect and its refusal).
 */
import pino from 'pino';
import { freePort, redisUrl, removeQueueKeys, startSilentServer, uniqueQueuePrefix, waitUntil } from '@stepwise/test-support';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryWorker } from './delivery-worker';

const ROUNDS = 60;

describe('the nudge queue closed during its start-up', () => {
  const prefix = uniqueQueuePrefix('close-race');
  const logger = pino({ level: 'silent' });
  const unhandled: unknown[] = [];
  const record = (error: unknown): void => void unhandled.push(error);

  beforeAll(() => {
    process.on('unhandledRejection', record);
    process.on('uncaughtException', record);
  });

  afterAll(async () => {
    process.off('unhandledRejection', record);
    process.off('uncaughtException', record);
    await removeQueueKeys(redisUrl(), prefix);
  });

  it(`closes cleanly after any pause, ${ROUNDS} times`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const queue = new DeliveryQueue({ redisUrl: redisUrl(), prefix, logger });
      const worker = new DeliveryWorker({ redisUrl: redisUrl(), prefix, concurrency: 2, logger }, async () => undefined);
      worker.start();
      await new Promise((resolve) => setTimeout(resolve, round % 12));
      await worker.close();
      await queue.close();
    }
    // Errors from a close land a few event-loop turns later.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(unhandled.map(String)).toEqual([]);
  });

  it('closes cleanly while Redis, refused at first, holds its connections unanswered', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const queue = new DeliveryQueue({ redisUrl: url, prefix, logger });
    const worker = new DeliveryWorker({ redisUrl: url, prefix, concurrency: 2, logger }, async () => undefined);
    worker.start();
    // Every connection has been refused once (the first reconnect comes 250 ms after).
    await new Promise((resolve) => setTimeout(resolve, 100));
    const silent = await startSilentServer(port);
    try {
      // The queue's, the worker's and the worker's blocking connection, each waiting for an answer.
      await waitUntil(() => silent.held() >= 3, 'three connections held', 10_000);
      await Promise.all([worker.close(), queue.close()]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(unhandled.map(String)).toEqual([]);
    } finally {
      await silent.close();
    }
  }, 30_000);
});
