/**
 * The worker's start-up check of Redis's eviction policy, on the real Redis and on a port where
 * nothing listens: it says why Redis is unreachable, and either way it leaves nothing behind that
 * would hold the process open, so a worker stopped right after starting (Redis down, or not) exits at once.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { freePort, redisUrl } from '@stepwise/test-support';
import { assertRedisKeepsJobs } from './redis-eviction.check';

/** How many of the process's active resources of each kind hold it open now (unref'd timers and sockets do not count). */
const holding = (): Record<string, number> =>
  process.getActiveResourcesInfo().reduce<Record<string, number>>((counts, kind) => ({ ...counts, [kind]: (counts[kind] ?? 0) + 1 }), {});

describe('the Redis eviction check', () => {
  it('starts without a word on a Redis that keeps its jobs, and leaves no timer or socket behind', async () => {
    const warn = jest.fn();
    const before = holding();
    await expect(assertRedisKeepsJobs(redisUrl(), warn)).resolves.toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
    // Its connection ends with a round trip: let the socket's close land.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = holding();
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
  });

  it('refuses a URL naming a database this Redis does not have (REDIS_DATABASE_MISSING), where the queue would run in database 0; one it has is fine', async () => {
    const onDatabase = (database: number): string => {
      const url = new URL(redisUrl());
      url.pathname = `/${database}`;
      return url.toString();
    };
    const warn = jest.fn();
    await expect(assertRedisKeepsJobs(onDatabase(99), warn)).rejects.toMatchObject({ code: 'REDIS_DATABASE_MISSING', details: { database: 99 } });
    await expect(assertRedisKeepsJobs(onDatabase(1), warn)).resolves.toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it('says why Redis is unreachable (the connection error, not "Connection is closed."), starts anyway, and leaves no timer or socket behind', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const warn = jest.fn();
    const before = holding();
    await expect(assertRedisKeepsJobs(url, warn)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Redis is unreachable'), { error: expect.stringMatching(/ECONNREFUSED/) });
    // The refused connection's socket has closed already: closing the client must not wait for it.
    const after = holding();
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
  });

  it('starts anyway, saying so, on a Redis that accepts the connection and never answers, and leaves no timer or socket behind', async () => {
    const held: Socket[] = [];
    // It reads what it is sent (so it sees the client hang up) and never answers.
    const silent = createServer((socket) => held.push(socket.resume()));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `redis://:secret@127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const warn = jest.fn();
      const before = holding();
      await expect(assertRedisKeepsJobs(url, warn, 300)).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('did not answer within 300 ms'), { url: expect.not.stringContaining('secret') });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const after = holding();
      expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
      expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
