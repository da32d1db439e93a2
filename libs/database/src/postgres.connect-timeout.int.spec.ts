/**
 * An address that accepts the connection and never answers: every session PostgresDatabase opens
 * (the pool's, the listening one, a lease's) gives up after `connectTimeoutMs` instead of waiting.
 */
import { startSilentServer, type SilentServer } from '@stepwise/test-support';
import { PostgresDatabase } from './postgres.database';

describe('PostgresDatabase against a server that never answers', () => {
  let silent: SilentServer;
  let database: PostgresDatabase;

  beforeAll(async () => {
    silent = await startSilentServer();
    database = new PostgresDatabase({ connectionString: `postgres://stepwise@127.0.0.1:${silent.port}/stepwise`, connectTimeoutMs: 200 });
  });
  afterAll(async () => {
    await database.close();
    await silent.close();
  });

  // Far below node-postgres's wait (forever) and the 10 s default, far above 200 ms on a loaded machine.
  it.each([
    ['a pooled session', () => database.query('SELECT 1')],
    ['the listening session', () => database.listen('connect_timeout_probe', () => undefined)],
    ['a lease', () => database.tryLease('connect-timeout-probe', () => undefined)],
  ])('%s gives up connecting after connectTimeoutMs', async (_session, open) => {
    const started = Date.now();
    await expect(open()).rejects.toThrow(/timeout/i);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
