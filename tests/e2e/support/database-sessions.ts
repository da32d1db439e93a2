/**
 * The PostgreSQL sessions of one test's own database, seen and ended from outside, as a failover, a
 * restarted pgbouncer, an idle-session killer or an admin's pg_terminate_backend would end them.
 * Only that database's sessions are touched: other suites share the server.
 */
import { Client } from 'pg';
import { adminDatabaseUrl } from '../../support/test-database';
import type { Stepwise } from '../../support/stepwise-harness';

/** The name of the PostgreSQL database a harness-started Stepwise runs on. */
export const databaseNameOf = (stepwise: Stepwise): string => {
  const target = stepwise.runtime.config.database;
  if (target.kind !== 'postgres') throw new Error('these specs need PostgreSQL');
  return new URL(target.url).pathname.slice(1);
};

const asAdmin = async <Row>(sql: string, params: readonly unknown[]): Promise<Row[]> => {
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    return (await admin.query(sql, params as unknown[])).rows as Row[];
  } finally {
    await admin.end();
  }
};

/**
 * Ends the database's sessions whose application name is LIKE `applicationName` (all by default),
 * each gone before it resolves (waited for up to 10 s); answers their names.
 */
export const endSessions = async (database: string, applicationName = '%'): Promise<string[]> =>
  (
    await asAdmin<{ application_name: string }>(
      `SELECT application_name, pg_terminate_backend(pid, 10000) FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name LIKE $2`,
      [database, applicationName],
    )
  ).map((row) => row.application_name);

/** How many open sessions of the database have an application name LIKE `applicationName` (begun after `since`, if given). */
export const sessionCount = async (database: string, applicationName: string, since = new Date(0)): Promise<number> =>
  Number(
    (
      await asAdmin<{ count: string }>(`SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE $2 AND backend_start > $3`, [
        database,
        applicationName,
        since,
      ])
    )[0].count,
  );

/** Advisory locks held in the database: the leases of its processors. */
export const leasesHeld = async (database: string): Promise<number> =>
  Number(
    (
      await asAdmin<{ count: string }>(
        `SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = $1 AND l.locktype = 'advisory' AND l.granted`,
        [database],
      )
    )[0].count,
  );

export { beginOutage } from '../../support/test-database';
