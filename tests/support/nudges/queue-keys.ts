/** Removes what a test's queue prefix left in a Redis (the shared one included): every key under it. */
import { Redis } from 'ioredis';

export const uniqueQueuePrefix = (label: string): string => `sw-test-${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

export const removeQueueKeys = async (redisUrl: string, prefix: string): Promise<void> => {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await client.connect();
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
};
