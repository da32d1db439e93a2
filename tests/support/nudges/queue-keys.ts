/** Removes what a test's queue prefix left in a Redis (the shared one included): every key under it. */
import { Redis } from 'ioredis';

export const uniqueQueuePrefix = (label: string): string => `sw-test-${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

export const removeQueueKeys = async (redisUrl: string, prefix: string): Promise<void> => {
  // One attempt, no reconnecting: on a Redis that is down (a suite's deliberately unreachable one)
  // this rejects at once, and leaves neither a retry nor a disconnect timer running after it.
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null, disconnectTimeout: 200 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    // A connection that failed has ended already: disconnecting it again arms a timer for a socket that is gone.
    if (client.status !== 'end') client.disconnect();
  }
};
