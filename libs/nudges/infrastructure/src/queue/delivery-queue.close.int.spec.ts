/**
 * Closing the nudge queue and its worker at any moment of their start-up, on the real Redis: a close
 * that lands while BullMQ still checks the Redis version must neither throw nor leave an error event
 * (or a rejection) nobody handles. Each round closes after a different pause, so some closes fall
 * inside that check.
 */
import pino from 'pino';
import { redisUrl, removeQueueKeys, uniqueQueuePrefix } from '@stepwise/test-support';
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
});
