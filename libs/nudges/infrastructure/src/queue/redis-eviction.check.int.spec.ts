/**
 * The worker's start-up check of Redis's eviction policy, on the real Redis and on a port where
 * nothing listens: either way it leaves nothing behind that would hold the process open, so a worker
 * stopped right after starting (Redis down, or not) exits at once.
 */
import { freePort, redisUrl } from '@stepwise/test-support';
import { assertRedisKeepsJobs } from './redis-eviction.check';

/** How many of the process's active resources of each kind hold it open now (unref'd timers and sockets do not count). */
const holding = (): Record<string, number> =>
  process.getActiveResourcesInfo().reduce<Record<string, number>>((counts, kind) => ({ ...counts, [kind]: (counts[kind] ?? 0) + 1 }), {});

describe('the Redis eviction check', () => {
  it('warns when Redis is unreachable, and leaves no timer or socket behind', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const warnings: string[] = [];
    const before = holding();
    await assertRedisKeepsJobs(url, (message) => warnings.push(message));
    expect(warnings).toEqual([expect.stringContaining('Redis is unreachable')]);
    // The refused connection's socket has closed already: closing the client must not wait for it.
    const after = holding();
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
  });

  it('answers on the real Redis, and leaves no timer or socket behind', async () => {
    const before = holding();
    await assertRedisKeepsJobs(redisUrl(), () => undefined);
    // Its connection ends with a round trip: let the socket's close land.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = holding();
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
  });
});
