/**
 * A transaction that holds a transaction id and stays open: in a scratch database of its own (a
 * stranger on the same PostgreSQL cluster) or in a database a test names. It holds back whatever
 * waits for running transactions until `end` commits it and drops the scratch database.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { SqlDatabase, SqlExecutor } from '@stepwise/database';
import { adminQuery, databaseUrlFor, testDatabaseUrl } from './test-database';

export interface HeldTransaction {
  /** The backend that holds it, as pg_stat_activity names it. */
  readonly pid: number;
  readonly database: string;
  readonly xid: string;
  end(): Promise<void>;
}

const hold = async (url: string, database: string, onEnd: () => Promise<void>): Promise<HeldTransaction> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  const { rows } = await client.query<{ pid: number; xid: string }>('SELECT pg_backend_pid() AS pid, pg_current_xact_id()::text AS xid');
  return {
    pid: rows[0].pid,
    database,
    xid: rows[0].xid,
    end: async () => {
      await client.query('COMMIT').finally(() => client.end());
      await onEnd();
    },
  };
};

/** Holds a transaction id in a new database beside the test's: another tenant of the cluster. */
export const holdForeignTransaction = async (): Promise<HeldTransaction> => {
  const name = `${new URL(testDatabaseUrl()).pathname.slice(1)}_f_${randomUUID().slice(0, 8)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  try {
    return await hold(databaseUrlFor(name), name, () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  } catch (error) {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
};

/**
 * Holds a transaction id on one of `database`'s connections: one of ours, which the log must wait for.
 * `first` runs in it before it is held (a row locked, say, as another worker would).
 */
export const holdTransactionOn = async (database: SqlDatabase, first?: (tx: SqlExecutor) => Promise<unknown>): Promise<HeldTransaction> => {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  let started!: (held: { pid: number; database: string; xid: string }) => void;
  const holding = new Promise<{ pid: number; database: string; xid: string }>((resolve) => (started = resolve));
  const done = database.transaction(async (tx) => {
    await first?.(tx);
    const { rows } = await tx.query<{ pid: number; database: string; xid: string }>(
      'SELECT pg_backend_pid() AS pid, current_database()::text AS database, pg_current_xact_id()::text AS xid',
    );
    started(rows[0]);
    await ended;
  });
  const held = await Promise.race([holding, done.then(() => Promise.reject(new Error('the transaction ended before it held an id')))]);
  return {
    ...held,
    end: async () => {
      end();
      await done;
    },
  };
};
