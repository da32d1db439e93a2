/**
 * `npm run migrate` and the rebuilds on a database a newer version of Stepwise migrated (it holds a
 * migration this code does not know, as after rolling the code back): refused with a coded line,
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
});
