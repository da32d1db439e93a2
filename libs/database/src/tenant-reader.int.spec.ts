import { PgliteDatabase } from './pglite.database';
import { PostgresDatabase } from './postgres.database';
import type { SqlDatabase } from './sql-database.port';
import { pgliteOutsideSandbox, testDatabaseUrl } from '@stepwise/test-support';
import { appRoleSql, tenantTableSecuritySql } from './tenant-scope';
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

  it('runs as the application role, which cannot write another tenant\'s rows', async () => {
    await expect(
      new TenantReader(database).read(awkward, (tx) => tx.query(`INSERT INTO ${table} VALUES ('other', 'forged')`)),
    ).rejects.toThrow(/row-level security/);
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
