import { Writable } from 'node:stream';
import { createLogger } from '../logging/logger';
import { RedisConnection } from './redis-connection';

const captureLogs = () => {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger('test', 'info', destination) };
};

const waitFor = async (condition: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('RedisConnection', () => {
  it('connects to the real Redis and answers pings', async () => {
    const { lines, logger } = captureLogs();
    const redis = new RedisConnection(process.env.STEPWISE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', logger);
    try {
      await waitFor(() => redis.state === 'up');
      await expect(redis.ping()).resolves.toBe(true);
      expect(lines.map((line) => line.msg)).toEqual(['Connected to Redis']);
    } finally {
      await redis.close();
    }
  });

  it('logs one line, not one per retry, while Redis stays unreachable', async () => {
    const { lines, logger } = captureLogs();
    // Nothing listens on port 1; the client retries every 250 ms, then slower.
    const redis = new RedisConnection('redis://127.0.0.1:1', logger);
    try {
      await waitFor(() => redis.state === 'down');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(redis.state).toBe('down');
      await expect(redis.ping()).resolves.toBe(false);
      expect(redis.error).toMatch(/ECONNREFUSED/);
      const warnings = lines.filter((line) => line.level === 'warn');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ redis: 'down', msg: expect.stringContaining('Redis is unreachable') });
      expect(lines).toHaveLength(1);
    } finally {
      await redis.close();
    }
  });
});
