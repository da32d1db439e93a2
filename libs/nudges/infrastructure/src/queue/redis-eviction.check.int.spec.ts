import { assertRedisKeepsJobs } from './redis-eviction.check';

/** The worker's start-up look at Redis, against the real Redis and against nothing at all. */
describe('assertRedisKeepsJobs', () => {
  it('starts without a word on a Redis that keeps its jobs', async () => {
    const warn = jest.fn();
    await expect(assertRedisKeepsJobs(process.env.STEPWISE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', warn)).resolves.toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it('says why Redis is unreachable (the connection error, not "Connection is closed."), and starts anyway', async () => {
    const warn = jest.fn();
    // Nothing listens on port 1.
    await expect(assertRedisKeepsJobs('redis://127.0.0.1:1', warn)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Redis is unreachable'), { error: expect.stringMatching(/ECONNREFUSED/) });
  });
});
