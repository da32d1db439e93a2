import { createServer, type AddressInfo, type Socket } from 'node:net';
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

  it('reports a Redis that accepts the connection and never answers as down, in one line', async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket.resume()));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { lines, logger } = captureLogs();
    const redis = new RedisConnection(`redis://127.0.0.1:${(silent.address() as AddressInfo).port}`, logger, 300);
    try {
      await waitFor(() => redis.state === 'down');
      expect(redis.error).toBe('no answer within 300 ms');
      expect(lines).toEqual([expect.objectContaining({ level: 'warn', redis: 'down', msg: expect.stringContaining('Redis is unreachable') })]);
    } finally {
      await redis.close();
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('reports a reachable Redis as connected although the process was busy for seconds as it connected (a boot on a loaded machine)', async () => {
    const { lines, logger } = captureLogs();
    const redis = new RedisConnection(process.env.STEPWISE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', logger);
    try {
      // Booting the api and the worker keeps the event loop busy once the socket is opening; 2.5 s of
      // it must not read as Redis being down.
      // (ioredis opens it on a later tick; ticks and promise jobs run before the loop polls the socket.)
      for (let tick = 0; tick < 20; tick += 1) await new Promise((resolve) => process.nextTick(resolve));
      expect(redis.state).toBe('connecting');
      const busyUntil = Date.now() + 2_500;
      while (Date.now() < busyUntil) {
        // busy, as a boot building its schema is
      }
      await waitFor(() => redis.state === 'up');
      expect(lines.map((line) => line.msg)).toEqual(['Connected to Redis']);
    } finally {
      await redis.close();
    }
  });
});
