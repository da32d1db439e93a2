/**
 * `npm run migrate`, the rebuilds and the servers on a database a newer version of Stepwise migrated
 * (it holds a migration this code does not know, as after rolling the code back): refused with a coded line,
 * exit 1, nothing applied or rebuilt, instead of "database up to date" and old shapes written into
 * the newer tables.
 */
import { Client } from 'pg';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-database';
import { childProcesses, compiledEntry, spawnProcess } from './support/spawned-process';

const started = childProcesses();
afterEach(() => started.killAll());

const run = async (entry: string, env: Record<string, string>): Promise<{ code: number | string; output: string }> => {
  const spawned = spawnProcess(process.execPath, [compiledEntry(entry)], env);
  started.track(spawned.child);
  const code = await spawned.exited;
  return { code, output: spawned.output() };
};

const FUTURE = '9000_from_a_newer_version';

describe('a database a newer version migrated', () => {
  let db: ScratchDatabase;
  let env: Record<string, string>;

  const query = async (sql: string, values: unknown[] = []): Promise<{ name: string }[]> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<{ name: string }>(sql, values)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await createScratchDatabase('migrate_newer');
    env = { STEPWISE_DATABASE_URL: db.url, STEPWISE_REDIS_URL: 'redis://127.0.0.1:1' };
    expect(await run('apps/worker/src/migrate.ts', env)).toMatchObject({ code: 0 });
    // The newer version's migration, and one of ours it has not got yet (as if added since).
    await query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [FUTURE, 'checksum']);
    await query("DELETE FROM schema_migrations WHERE name = '0301_analytics_member_timezones_known'");
  });
  afterAll(() => db?.drop());

  it.each(['apps/worker/src/migrate.ts', 'apps/worker/src/rebuild.ts', 'apps/worker/src/rebuild-read-models.ts', 'apps/worker/src/rebuild-analytics.ts'])(
    '%s refuses it, naming the migration it does not know, and changes nothing',
    async (entry) => {
      const { code, output } = await run(entry, env);
      expect(code).toBe(1);
      expect(output).toContain(`DATABASE_NEWER_THAN_CODE: the database holds 1 migration this version of Stepwise does not know (${FUTURE})`);
      expect(output).not.toContain('    at ');
      expect(output).not.toMatch(/up to date|rebuilt/);
      expect((await query('SELECT name FROM schema_migrations WHERE name = $1', ['0301_analytics_member_timezones_known'])).length).toBe(0);
    },
    30_000,
  );

  // A rolled-back server started the usual way (each migrates at boot, or is told not to) is refused too.
  it.each([
    ['apps/stepwise/src/main.ts', {}],
    ['apps/api/src/main.ts', {}],
    ['apps/worker/src/main.ts', {}],
    ['apps/api/src/main.ts', { STEPWISE_MIGRATE_ON_BOOT: 'false' }],
  ])('%s %j refuses to start on it, naming the migration, and changes nothing', async (entry, extra) => {
    const { code, output } = await run(entry, { ...env, ...extra, STEPWISE_PORT: '0' });
    expect(code).toBe(1);
    expect(output).toContain(`DATABASE_NEWER_THAN_CODE: the database holds 1 migration this version of Stepwise does not know (${FUTURE})`);
    expect(output).not.toMatch(/listening|Worker started/i);
    expect((await query('SELECT name FROM schema_migrations WHERE name = $1', ['0301_analytics_member_timezones_known'])).length).toBe(0);
  }, 30_000);
});

/**
 * A migration the database refuses (here a table it creates is already there): one coded line naming
 * the migration and the database's reason, the stack only in the log, exit 1, and nothing of the run
 * applied, since the runner applies a run in one transaction.
 */
describe('a migration the database refuses', () => {
  let db: ScratchDatabase;

  const query = async (sql: string): Promise<Record<string, unknown>[]> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await createScratchDatabase('migrate_refused');
  });
  afterAll(() => db?.drop());

  it('says MIGRATION_FAILED with the migration and the reason, exits 1, prints no stack trace and applies nothing', async () => {
    await query('CREATE TABLE webhook_endpoints (id int)');
    const env = { STEPWISE_DATABASE_URL: db.url, STEPWISE_REDIS_URL: 'redis://127.0.0.1:1' };

    const { code, output } = await run('apps/worker/src/migrate.ts', env);
    expect(code).toBe(1);
    expect(output).toMatch(
      /MIGRATION_FAILED: 0432_webhook_endpoints: relation "webhook_endpoints" already exists; nothing of this run was applied \(migrations run in one transaction\): the \d+ migrations before it in this run were rolled back with it/,
    );
    expect(output).not.toContain('failed to start');
    expect(output).not.toContain('\n    at ');
    expect(output).not.toContain('up to date');
    // The database's error, with its stack, is in the log.
    const logged = output.split('\n').find((line) => line.includes('"msg":"migration failed"'));
    expect(logged).toContain('"level":"error"');
    expect(logged).toContain('"migration":"0432_webhook_endpoints"');
    expect(logged).toContain(String.raw`"stack":"error: relation \"webhook_endpoints\" already exists\n    at `);
    expect(await query(`SELECT to_regclass('schema_migrations') AS migrations, to_regclass('journeys') AS journeys`)).toEqual([{ migrations: null, journeys: null }]);

    // Out of the way, the same command applies them all.
    await query('DROP TABLE webhook_endpoints');
    expect(await run('apps/worker/src/migrate.ts', env)).toMatchObject({ code: 0, output: expect.stringContaining('database up to date') });
  }, 60_000);
});
