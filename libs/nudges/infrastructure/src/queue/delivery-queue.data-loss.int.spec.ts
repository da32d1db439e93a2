/**
 * The nudge queue tells the relay that Redis lost its data (or is new) before it accepts a job, on
 * the real Redis: a job queued before that answer would be handed back by it and queued twice (two
 * jobs for one delivery, each asking the policy again whether the nudge is still owed).
 */
import pino from 'pino';
import { Redis } from 'ioredis';
import { redisUrl, removeQueueKeys, uniqueQueuePrefix } from '@stepwise/test-support';
import { DELIVERY_QUEUE } from './delivery-job';
import { DeliveryQueue } from './delivery-queue';

const logger = pino({ level: 'silent' });

/** Watches `accepting` on every turn of the event loop until it turns true; resolves to whether a loss had been told by then. */
const lossToldWhenFirstAccepting = (queue: DeliveryQueue, told: () => boolean): Promise<boolean> =>
  new Promise((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const look = (): void => {
      if (queue.accepting) resolve(told());
      else if (Date.now() > deadline) reject(new Error('the queue never accepted'));
      else setImmediate(look);
    };
    look();
  });

describe('the nudge queue, when Redis holds none of its data', () => {
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) await removeQueueKeys(redisUrl(), prefix);
  });

  it('tells of the loss before it first accepts a job, on a new Redis and again after Redis lost its data', async () => {
    const prefix = uniqueQueuePrefix('data-loss');
    prefixes.push(prefix);
    let losses = 0;
    const queue = new DeliveryQueue({ redisUrl: redisUrl(), prefix, logger });
    queue.onDataLost(() => {
      losses += 1;
    });
    try {
      expect(await lossToldWhenFirstAccepting(queue, () => losses === 1)).toBe(true);

      // Redis loses the data under a live connection: the marker goes and the connection drops.
      const admin = new Redis(redisUrl(), { lazyConnect: true });
      await admin.connect();
      try {
        await admin.del(`${prefix}:${DELIVERY_QUEUE}:relay-marker`);
        // Only the queue's own connection, found by its name: the suite shares this Redis.
        const clients = (await admin.client('LIST')) as string;
        const own = clients.split('\n').filter((entry) => entry.includes(`name=${prefix}-nudge-relay`));
        expect(own).toHaveLength(1);
        await admin.client('KILL', 'ID', /id=(\d+)/.exec(own[0])![1]);
      } finally {
        admin.disconnect();
      }
      await new Promise<void>((resolve, reject) => {
        const deadline = Date.now() + 10_000;
        const look = (): void => {
          if (!queue.accepting) resolve();
          else if (Date.now() > deadline) reject(new Error('the queue never saw its connection drop'));
          else setTimeout(look, 1);
        };
        look();
      });
      expect(await lossToldWhenFirstAccepting(queue, () => losses === 2)).toBe(true);
    } finally {
      await queue.close();
    }
  });
});
