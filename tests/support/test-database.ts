import { Client } from 'pg';
/** Where the test tier finds PostgreSQL: the machine's server unless STEPWISE_TEST_PG_URL says otherwise. */
const base = (): URL => new URL(process.env.STEPWISE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

export const adminDatabaseUrl = (): string => base().toString();

export const databaseUrlFor = (name: string): string => {
  const url = base();
  url.pathname = `/${name}`;
  return url.toString();
};

/** The fresh database of this run, made by global-setup. */
export const testDatabaseUrl = (): string => {
  const url = process.env.STEPWISE_TEST_DATABASE_URL;
  if (!url) throw new Error('STEPWISE_TEST_DATABASE_URL is unset: run the suite through jest (global-setup makes it)');
  return url;
};

export const redisUrl = (): string => process.env.STEPWISE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Runs one statement as the server's admin (CREATE / DROP DATABASE and the like). */
export const adminQuery = async (sql: string): Promise<void> => {
  const client = new Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/**
 * Makes database `name` holding every migration of the whole schema (stepwiseSchema): a copy of the
 * run's migrated database (global-setup), or, where the suite runs without one
 * (STEPWISE_TEST_DATABASE_URL given), an empty database that opening then migrates. Copies of one
 * template may be made side by side; nothing connects to the template after global-setup.
 */
export const createMigratedDatabase = async (name: string): Promise<void> => {
  const migrated = process.env.STEPWISE_TEST_MIGRATED_DATABASE;
  await adminQuery(migrated ? `CREATE DATABASE ${name} TEMPLATE ${migrated}` : `CREATE DATABASE ${name}`);
};

/**
 * An outage of one database alone, as a failover or a full server makes it: no new session is let
 * in, and its sessions (those whose application name is LIKE `applicationName`; all by default) are
 * ended, each gone before it resolves. Resolves to the end of the outage. Other databases of the
 * server, which other suites use, are untouched.
 */
export const beginOutage = async (database: string, applicationName = '%'): Promise<() => Promise<void>> => {
  await adminQuery(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
  await adminQuery(
    `SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid() AND application_name LIKE '${applicationName}'`,
  );
  return () => adminQuery(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
};

export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops it, forcing out any connection a process left behind. */
  drop(): Promise<void>;
}

/**
 * A database of its own for a suite that starts processes against it, named after what made it
 * (`prefix`, the jest worker's pid, the time) so one a run leaves behind can be traced.
 */
export const createScratchDatabase = async (prefix: string): Promise<ScratchDatabase> => {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return { name, url: databaseUrlFor(name), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
};
