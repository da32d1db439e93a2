import { PgliteDatabase } from './pglite.database';
import { PostgresDatabase } from './postgres.database';
import type { SqlDatabase } from './sql-database.port';
import { pgliteOutsideSandbox, testDatabaseUrl } from '@stepwise/test-support';
import { APP_ROLE, appRoleSql, TENANT_SETTING, tenantTableSecuritySql } from './tenant-scope';
import { TenantScopedPool } from './tenant-scoped.pool';
import { TenantReader } from './tenant-reader';

const engines: [string, () => Promise<SqlDatabase>][] = [
  ['PostgreSQL', async () => new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 2 })],
  ['PGlite', () => PgliteDatabase.open({ pglite: pgliteOutsideSandbox() })],
];

describe.each(engines)('TenantReader on %s', (_engine, open) => {
  let database: SqlDatabase;
  const table = `reader_probe_${process.pid}`;
  const awkward = "o'brien \\ co";
  const hostile = "x', true); DROP TABLE reader_probe; --";

  beforeAll(async () => {
    database = await open();
    await database.exec(`${appRoleSql}
      CREATE TABLE ${table} (tenant_id text NOT NULL, label text NOT NULL);
      ${tenantTableSecuritySql(table)}`);
    await database.query(`INSERT INTO ${table} VALUES ($1, 'mine'), ('other', 'theirs'), ($2, 'hostile row')`, [awkward, hostile]);
  });

  afterAll(async () => {
    await database.exec(`DROP TABLE IF EXISTS ${table}`);
    await database.close();
  });

  it('sees only its tenant, even through a query with no tenant filter', async () => {
    const rows = await new TenantReader(database).read(awkward, async (tx) => (await tx.query<{ label: string }>(`SELECT label FROM ${table}`)).rows);
    expect(rows).toEqual([{ label: 'mine' }]);
  });

  it('treats a hostile tenant id as a value, never as SQL', async () => {
    const rows = await new TenantReader(database).read(hostile, async (tx) => (await tx.query<{ label: string }>(`SELECT label FROM ${table}`)).rows);
    expect(rows).toEqual([{ label: 'hostile row' }]);
    const { rows: stillThere } = await database.query<{ count: string | number }>(`SELECT count(*) AS count FROM ${table}`);
    expect(Number(stillThere[0].count)).toBe(3);
  });

  it('runs as the application role, and reads only', async () => {
    const reader = new TenantReader(database);
    const role = await reader.read(awkward, async (tx) => (await tx.query<{ role: string }>('SELECT current_user AS role')).rows);
    expect(role).toEqual([{ role: APP_ROLE }]);
    await expect(reader.read(awkward, (tx) => tx.query(`INSERT INTO ${table} VALUES ('other', 'forged')`))).rejects.toThrow(/SELECT statements only/);
    await expect(reader.read(awkward, (tx) => tx.exec(`DELETE FROM ${table}`))).rejects.toThrow(/SELECT statements only/);
  });

  it('sees the tenant it names in the statement that reads, whatever the query filters on and whoever read before', async () => {
    const reader = new TenantReader(database);
    // A filter on the tenant parameter beside the policy's own comparison: the shape a planner may
    // evaluate before anything else in the statement (why the tenant is set by a statement of its own).
    const filtered = (tenant: string) =>
      reader.read(tenant, async (tx) => (await tx.query<{ label: string; n: number }>(
        `SELECT label, (SELECT count(*)::int FROM ${table} inner_probe WHERE inner_probe.tenant_id = outer_probe.tenant_id) AS n
         FROM ${table} outer_probe WHERE tenant_id = $1 ORDER BY label`,
        [tenant],
      )).rows);
    for (let round = 0; round < 3; round += 1) {
      expect(await filtered(awkward)).toEqual([{ label: 'mine', n: 1 }]);
      expect(await filtered('other')).toEqual([{ label: 'theirs', n: 1 }]);
      expect(await filtered(hostile)).toEqual([{ label: 'hostile row', n: 1 }]);
    }
  });
});

describe('TenantScopedPool: a pooled session after tenant reads', () => {
  const table = `scoped_probe_${process.pid}`;
  let owner: PostgresDatabase;
  let pool: TenantScopedPool;
  const unscopedState = async () => ({
    session: await pool.unscoped<{ tenant: string | null; role: string }>(`SELECT current_setting('${TENANT_SETTING}', true) AS tenant, current_user AS role`),
    rows: await pool.unscoped<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`),
  });

  beforeAll(async () => {
    owner = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 1 });
    await owner.exec(`${appRoleSql}
      CREATE TABLE ${table} (tenant_id text NOT NULL, label text NOT NULL);
      ${tenantTableSecuritySql(table)}`);
    await owner.query(`INSERT INTO ${table} VALUES ('a', 'of a'), ('b', 'of b')`);
    // One connection, so every read and every check below runs on the same session.
    pool = new TenantScopedPool({ connectionString: testDatabaseUrl(), max: 1 });
  });

  afterAll(async () => {
    await pool.close();
    await owner.exec(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_later`);
    await owner.close();
  });

  const clean = { session: [{ tenant: '', role: APP_ROLE }], rows: [{ n: 0 }] };
  const labels = async (tenant: string) => (await pool.executorFor(tenant).query<{ label: string }>(`SELECT label FROM ${table}`)).rows;

  it('keeps no tenant after a read', async () => {
    expect(await labels('a')).toEqual([{ label: 'of a' }]);
    expect(await unscopedState()).toEqual(clean);
    expect(await labels('b')).toEqual([{ label: 'of b' }]);
  });

  it('fails a read whose session is ended while it runs, and the next read, sent at once, gets a new session', async () => {
    const [{ pid }] = await pool.unscoped<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const reading = pool.executorFor('a').query(`SELECT label, pg_sleep(30) FROM ${table}`);
    // The session is busy with the read before it is ended (the read holds the pool's one session).
    for (let waited = 0; waited < 200; waited += 1) {
      const { rows } = await owner.query<{ state: string }>('SELECT state FROM pg_stat_activity WHERE pid = $1', [pid]);
      if (rows[0]?.state === 'active') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await owner.query('SELECT pg_terminate_backend($1)', [pid]);
    await expect(reading).rejects.toThrow();
    expect(await labels('b')).toEqual([{ label: 'of b' }]);
  });

  it('keeps no tenant after a read that fails while it runs', async () => {
    await expect(pool.executorFor('a').query(`SELECT 1 / (count(*)::int - 1) FROM ${table}`)).rejects.toThrow(/division by zero/);
    expect(await unscopedState()).toEqual(clean);
    expect(await labels('b')).toEqual([{ label: 'of b' }]);
  });

  it('keeps no tenant after a read that fails to parse, and parses it again once it can', async () => {
    const later = `SELECT label FROM ${table}_later`;
    await expect(pool.executorFor('a').query(later)).rejects.toThrow(/does not exist/);
    expect(await unscopedState()).toEqual(clean);
    await owner.exec(`CREATE TABLE ${table}_later (tenant_id text NOT NULL, label text NOT NULL); ${tenantTableSecuritySql(`${table}_later`)}`);
    await owner.query(`INSERT INTO ${table}_later VALUES ('a', 'later a'), ('b', 'later b')`);
    expect((await pool.executorFor('a').query<{ label: string }>(later)).rows).toEqual([{ label: 'later a' }]);
    expect(await unscopedState()).toEqual(clean);
  });

  it('runs a read again after its first run failed on a value or while it ran (the statement is parsed by then)', async () => {
    // A client's value the server refuses (out of range for its parameter's type), then one it takes.
    const bounded = `SELECT label FROM ${table} WHERE length(label) < $1::int`;
    await expect(pool.executorFor('a').query(bounded, ['1099511627776'])).rejects.toThrow(/out of range/);
    expect((await pool.executorFor('a').query<{ label: string }>(bounded, [10])).rows).toEqual([{ label: 'of a' }]);
    // A failure while it runs, the first time this session sees the statement.
    const divided = `SELECT label, 10 / $1::int AS share FROM ${table}`;
    await expect(pool.executorFor('b').query(divided, [0])).rejects.toThrow(/division by zero/);
    expect((await pool.executorFor('b').query<{ label: string; share: number }>(divided, [5])).rows).toEqual([{ label: 'of b', share: 2 }]);
    expect(await unscopedState()).toEqual(clean);
  });

  it('keeps no tenant after a refused write', async () => {
    await expect(pool.executorFor('a').query(`UPDATE ${table} SET label = 'x'`)).rejects.toThrow(/SELECT statements only/);
    expect(await unscopedState()).toEqual(clean);
  });
});

describe('a read whose transaction setup fails', () => {
  it('does not leave a pooled connection inside an aborted transaction', async () => {
    const database = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 1 });
    try {
      await expect(database.transaction(async () => 1, { setupSql: "SELECT set_config('role', 'no_such_role_here', true)" })).rejects.toThrow(
        /no_such_role_here/,
      );
      // The pool's only connection must be usable again.
      await expect(database.transaction(async (tx) => (await tx.query<{ one: number }>('SELECT 1 AS one')).rows)).resolves.toEqual([{ one: 1 }]);
      await expect(database.query<{ two: number }>('SELECT 2 AS two')).resolves.toMatchObject({ rows: [{ two: 2 }] });
    } finally {
      await database.close();
    }
  });
});
