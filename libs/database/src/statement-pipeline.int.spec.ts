/**
 * Statements in one round trip (queryAll): in order, each with its own result, each under the
 * tenant set ahead of it (row-level security sees that tenant alone), all failing with the first
 * failure and the transaction rolled back whole; the connection's prepared statements stay usable.
 * PGlite runs the same statements one after the other.
 */
import { pgliteOutsideSandbox, testDatabaseUrl } from '@stepwise/test-support';
import { PgliteDatabase } from './pglite.database';
import { PostgresDatabase } from './postgres.database';
import { queryAll, type SqlDatabase } from './sql-database.port';
import { appRoleForTenantSql, appRoleSql, setTenantStatement, tenantTableSecuritySql } from './tenant-scope';

const engines: [string, () => Promise<SqlDatabase>][] = [
  // One connection: every transaction below reuses the session and its prepared statements.
  ['PostgreSQL', async () => new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 1 })],
  ['PGlite', () => PgliteDatabase.open({ pglite: pgliteOutsideSandbox() })],
];

describe.each(engines)('queryAll on %s', (_engine, open) => {
  let database: SqlDatabase;
  const table = `pipeline_probe_${process.pid}`;
  const insert = `INSERT INTO ${table} (tenant_id, label) SELECT current_setting('stepwise.tenant_id', true), x.label FROM json_to_recordset($1::json) AS x(label text)`;
  const labels = `SELECT coalesce(json_agg(label ORDER BY label), '[]'::json) AS labels FROM ${table} WHERE label LIKE $1`;

  beforeAll(async () => {
    database = await open();
    // Other suites grant the same role at the same moment: PostgreSQL then refuses one GRANT ("tuple concurrently updated").
    for (let attempt = 1; ; attempt += 1) {
      try {
        await database.exec(appRoleSql);
        break;
      } catch (error) {
        if (attempt >= 5 || !/concurrently updated/.test(String(error))) throw error;
      }
    }
    await database.exec(`CREATE TABLE ${table} (tenant_id text NOT NULL, label text NOT NULL UNIQUE);
      ${tenantTableSecuritySql(table)}`);
  });
  afterAll(async () => {
    await database.exec(`DROP TABLE IF EXISTS ${table}`);
    await database.close();
  });

  it('runs the statements in order, each as the tenant set ahead of it, and answers each result', async () => {
    const results = await database.transaction(
      (tx) =>
        queryAll(tx, [
          setTenantStatement('a'),
          { text: insert, values: [JSON.stringify([{ label: 'a-1' }, { label: 'a-2' }])] },
          setTenantStatement('b'),
          { text: insert, values: [JSON.stringify([{ label: 'b-1' }])], prepare: false },
          { text: labels, values: ['%'] },
          setTenantStatement('a'),
          { text: labels, values: ['%'] },
        ]),
      { setupSql: appRoleForTenantSql('a') },
    );
    expect(results).toHaveLength(7);
    expect(results[1].rowCount).toBe(2);
    expect(results[4].rows).toEqual([{ labels: ['b-1'] }]);
    expect(results[6].rows).toEqual([{ labels: ['a-1', 'a-2'] }]);
    // Row-level security checked each write against its own tenant.
    const { rows } = await database.query(`SELECT tenant_id, label FROM ${table} ORDER BY label`);
    expect(rows).toEqual([
      { tenant_id: 'a', label: 'a-1' },
      { tenant_id: 'a', label: 'a-2' },
      { tenant_id: 'b', label: 'b-1' },
    ]);
  });

  it('fails as a whole at the first failing statement, rolls back, and leaves the session usable', async () => {
    const attempt = database.transaction(
      (tx) =>
        queryAll(tx, [
          setTenantStatement('c'),
          { text: insert, values: [JSON.stringify([{ label: 'c-1' }])] },
          // The label is taken: a unique violation.
          { text: insert, values: [JSON.stringify([{ label: 'a-1' }])] },
          { text: insert, values: [JSON.stringify([{ label: 'c-2' }])] },
        ]),
      { setupSql: appRoleForTenantSql('c') },
    );
    await expect(attempt).rejects.toThrow(/duplicate key|unique/i);
    expect((await database.query(`SELECT label FROM ${table} WHERE tenant_id = 'c'`)).rows).toEqual([]);
    // A write for another tenant than the one set is refused by the policy, in a pipeline too.
    const hostile = database.transaction(
      (tx) =>
        queryAll(tx, [
          setTenantStatement('d'),
          { text: `INSERT INTO ${table} (tenant_id, label) VALUES ($1, $2)`, values: ['a', 'd-as-a'] },
        ]),
      { setupSql: appRoleForTenantSql('d') },
    );
    await expect(hostile).rejects.toThrow(/row-level security/);
    // The same statements run again on the same session.
    const again = await database.transaction(
      (tx) => queryAll(tx, [setTenantStatement('c'), { text: insert, values: [JSON.stringify([{ label: 'c-3' }])] }, { text: labels, values: ['c-%'] }]),
      { setupSql: appRoleForTenantSql('c') },
    );
    expect(again[2].rows).toEqual([{ labels: ['c-3'] }]);
  });

  it('runs pipelines started one after another without waiting in the order they were started, each statement parsed once', async () => {
    // A statement text this session has never parsed, in each of the three pipelines; the session is
    // busy when they are started, so their parses and pipelines all wait in the client's queue.
    const stamp = `SELECT $1::text AS label, clock_timestamp() AS at /* ${Math.random()} */`;
    const results = await database.transaction(
      async (tx) => {
        const busy = tx.query('SELECT pg_sleep(0.05)');
        const started = ['e-1', 'e-2', 'e-3'].map((label) => queryAll(tx, [setTenantStatement('e'), { text: stamp, values: [label] }]));
        await busy;
        return Promise.all(started);
      },
      { setupSql: appRoleForTenantSql('e') },
    );
    const stamped = results.map(([, result]) => result.rows[0] as { label: string; at: Date });
    expect(stamped.map(({ label }) => label)).toEqual(['e-1', 'e-2', 'e-3']);
    expect([...stamped].sort((a, b) => a.at.getTime() - b.at.getTime()).map(({ label }) => label)).toEqual(['e-1', 'e-2', 'e-3']);
  });
});
