/**
 * The rebuild commands as an operator runs them on the embedded default: pointed at a folder that
 * holds no database (STEPWISE_DATA_DIR mistyped, or left unset where it is usually set), they
 * refuse and make nothing, instead of making an empty database and reporting it rebuilt.
 */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { Client } from 'pg';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-database';
import { childProcesses, compiledEntry, repositoryRoot } from './support/spawned-process';

const started = childProcesses();

const run = (entry: string, env: Record<string, string>, args: readonly string[] = []): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    const child = started.track(
      spawn(process.execPath, [compiledEntry(entry), ...args], { cwd: repositoryRoot(), env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('exit', (code) => resolve({ code, output }));
  });

afterEach(() => started.killAll());

describe('rebuild commands on a data folder that holds no database', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-rebuild-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['apps/worker/src/rebuild.ts', 'apps/worker/src/rebuild-read-models.ts', 'apps/worker/src/rebuild-analytics.ts'])(
    '%s exits 1 naming STEPWISE_DATA_DIR and makes no database',
    async (entry) => {
      const dataDir = join(dir, `mistyped-${entry.replace(/\W/g, '-')}`, 'data');
      const { code, output } = await run(entry, { STEPWISE_DATA_DIR: dataDir, STEPWISE_REDIS_URL: 'redis://127.0.0.1:1' });
      expect(code).toBe(1);
      expect(output).toContain(`NOTHING_TO_REBUILD: STEPWISE_DATA_DIR (${dataDir}) holds no database`);
      expect(output).not.toContain('rebuilt');
      expect(output).not.toContain('    at ');
      expect(existsSync(dataDir)).toBe(false);
    },
    20_000,
  );
});

describe('rebuild commands on a PostgreSQL database Stepwise never migrated', () => {
  let db: ScratchDatabase;

  beforeAll(async () => {
    db = await createScratchDatabase('rebuild_unmigrated');
  });
  afterAll(() => db?.drop());

  it.each(['apps/worker/src/rebuild.ts', 'apps/worker/src/rebuild-analytics.ts'])('%s exits 1 naming STEPWISE_DATABASE_URL and makes no table', async (entry) => {
    const { code, output } = await run(entry, { STEPWISE_DATABASE_URL: db.url, STEPWISE_REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(output).toContain('NOTHING_TO_REBUILD: STEPWISE_DATABASE_URL (');
    expect(output).toContain('holds no Stepwise database');
    expect(output).not.toContain('    at ');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ tables: string }>(`SELECT count(*)::text AS tables FROM pg_tables WHERE schemaname = 'public'`);
      expect(rows[0].tables).toBe('0');
    } finally {
      await client.end();
    }
  }, 20_000);
});

/**
 * A rebuild needs only the database, so it runs without Redis; its progress to a file or a pipe (CI
 * logs) is whole lines, never a line rewritten in place with carriage returns.
 */
describe('a rebuild without Redis, its output to a pipe', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-rebuild-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rebuilds, exits 0 and prints lines, not a line rewritten in place', async () => {
    const env = { STEPWISE_DATA_DIR: join(dir, 'data'), STEPWISE_REDIS_URL: 'redis://127.0.0.1:1' };
    const migrated = await run('apps/worker/src/migrate.ts', env);
    expect(migrated).toMatchObject({ code: 0 });
    const { code, output } = await run('apps/worker/src/rebuild-read-models.ts', env);
    expect({ code, output }).toMatchObject({ code: 0, output: expect.stringContaining('read models rebuilt from the start of the log') });
    expect(output).toContain('read models: 0 of 0 events (100.0%)');
    expect(output).not.toContain('\r');
    // It opens no Redis connection, so an unreachable one is never mentioned.
    expect(output).not.toMatch(/redis/i);
    // Making an embedded database from nothing (PGlite's initdb and every migration) is some 6 s of
    // CPU alone; the test takes 8–9 s on a quiet machine and over 30 s at a load of 10 on 2 cores.
  }, 90_000);

});

/** A rebuild needs only the database: it never connects to Redis, so an unreachable one is never its concern. */
describe('a rebuild on PostgreSQL and Redis', () => {
  let db: ScratchDatabase;

  beforeAll(async () => {
    db = await createScratchDatabase('rebuild_no_redis');
    // A Stepwise database with nothing in it yet: one never migrated is no database to rebuild.
    const migrated = await run('apps/worker/src/migrate.ts', { STEPWISE_DATABASE_URL: db.url });
    if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.output}`);
  }, 60_000);
  afterAll(async () => {
    await db.drop();
  });

  it.each(['apps/worker/src/rebuild.ts', 'apps/worker/src/rebuild-read-models.ts', 'apps/worker/src/rebuild-analytics.ts'])(
    '%s opens no connection to the Redis it is given',
    async (entry) => {
      const connections: string[] = [];
      const redis = createServer((socket) => {
        connections.push(`${socket.remoteAddress}:${socket.remotePort}`);
        socket.destroy();
      });
      await new Promise<void>((resolve) => redis.listen(0, '127.0.0.1', resolve));
      try {
        const env = { STEPWISE_DATABASE_URL: db.url, STEPWISE_REDIS_URL: `redis://127.0.0.1:${(redis.address() as AddressInfo).port}` };
        const { code, output } = await run(entry, env);
        expect({ code, output }).toMatchObject({ code: 0, output: expect.stringContaining('of 0 events (100.0%)') });
        expect(output).not.toMatch(/redis/i);
        expect(connections).toEqual([]);
      } finally {
        await new Promise((resolve) => redis.close(resolve));
      }
    },
    30_000,
  );
});

/** The commands take no arguments (their settings are environment variables): one given is refused, not ignored. */
describe('an operator command given an argument', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-rebuild-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['apps/worker/src/migrate.ts', 'apps/worker/src/rebuild.ts', 'apps/worker/src/rebuild-read-models.ts', 'apps/worker/src/rebuild-analytics.ts'])(
    '%s refuses it with its usage, exit 2, before opening anything; --help prints the usage',
    async (entry) => {
      const dataDir = join(dir, `args-${entry.replace(/\W/g, '-')}`);
      const env = { STEPWISE_DATA_DIR: dataDir, STEPWISE_REDIS_URL: 'redis://127.0.0.1:1' };
      const refused = await run(entry, env, ['--batch-size', '500']);
      expect(refused.code).toBe(2);
      expect(refused.output).toContain('this command takes no arguments (got "--batch-size", "500")');
      expect(refused.output).toMatch(/usage: npm run (migrate|rebuild)/);
      expect(existsSync(dataDir)).toBe(false);
      const help = await run(entry, env, ['--help']);
      expect(help).toMatchObject({ code: 0, output: expect.stringMatching(/^usage: npm run /) });
      expect(existsSync(dataDir)).toBe(false);
    },
    20_000,
  );
});

/** A rebuild stopped by a fault (here a read table someone dropped): one coded line, the stack only in the log. */
describe('a rebuild stopped by a fault', () => {
  let db: ScratchDatabase;

  beforeAll(async () => {
    db = await createScratchDatabase('rebuild_fault');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('says REBUILD_FAILED with the reason and what it leaves, exits 1, and prints no stack trace', async () => {
    const env = { STEPWISE_DATABASE_URL: db.url, STEPWISE_REDIS_URL: 'redis://127.0.0.1:1' };
    expect(await run('apps/worker/src/migrate.ts', env)).toMatchObject({ code: 0 });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query('DROP TABLE support_offers').finally(() => client.end());

    const { code, output } = await run('apps/worker/src/rebuild-read-models.ts', env);
    expect(code).toBe(1);
    expect(output).toContain('REBUILD_FAILED: read models: rebuild failed: relation "support_offers" does not exist; the read tables hold what was written before it');
    expect(output).not.toContain('failed to start');
    expect(output).not.toContain('\n    at ');

    // The one pass fails the same way, and leaves no analytics copy or checkpoint behind (left, its
    // checkpoint would show in the processors' lag as ever further behind).
    const onePass = await run('apps/worker/src/rebuild.ts', env);
    expect(onePass.code).toBe(1);
    expect(onePass.output).toContain('REBUILD_FAILED');
    const check = new Client({ connectionString: db.url });
    await check.connect();
    try {
      expect((await check.query(`SELECT processor FROM es_checkpoints WHERE processor = 'analytics-rebuild'`)).rows).toEqual([]);
      expect((await check.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'analytics_next'`)).rows).toEqual([]);
    } finally {
      await check.end();
    }
  }, 60_000);
});
