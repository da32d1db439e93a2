/**
 * What autovacuum and the checkpointer do for a PostgreSQL server, done for the embedded database.
 * PGlite runs PostgreSQL as one session with neither: nothing reclaimed the old versions of updated
 * and deleted rows (a checkpoint row updated for every batch, the nudge policy's documents, the
 * outbox), nothing refreshed the planner's statistics, and the write-ahead log was never cut: a
 * steady mixed load grew a data folder from 65 to 391 MB in 22 minutes, half of it dead rows and
 * most of the rest log, which a restart after a crash would also have had to replay whole.
 *
 * One pass, with autovacuum's default thresholds: a table whose dead rows number more than 50 + 20%
 * of its live rows is vacuumed (its space is used again; the file does not shrink) and analysed,
 * one changed by more than 50 + 10% of its rows since it was last analysed is analysed, and a
 * checkpoint is taken once the log since the last one passes CHECKPOINT_AFTER_BYTES (the log's
 * files are then reused instead of added to). Each statement waits its turn in the one session.
 */
import type { SqlDatabase } from './sql-database.port';

/** Log written since the last checkpoint that makes the pass take one. */
export const CHECKPOINT_AFTER_BYTES = 32 * 2 ** 20;

export interface HousekeepingPass {
  readonly vacuumed: readonly string[];
  readonly analysed: readonly string[];
  readonly checkpointed: boolean;
}

const TABLES_DUE = `
  SELECT format('%I.%I', schemaname, relname) AS name,
         n_dead_tup > 50 + 0.2 * n_live_tup AS vacuum
    FROM pg_stat_user_tables
   WHERE n_dead_tup > 50 + 0.2 * n_live_tup OR n_mod_since_analyze > 50 + 0.1 * n_live_tup
   ORDER BY 1`;

export const housekeepEmbedded = async (db: SqlDatabase): Promise<HousekeepingPass> => {
  // The session's counts reach the statistics views at its next idle moment; this asks for them now.
  await db.query('SELECT pg_stat_force_next_flush()');
  const { rows } = await db.query<{ name: string; vacuum: boolean }>(TABLES_DUE);
  const vacuumed: string[] = [];
  const analysed: string[] = [];
  for (const { name, vacuum } of rows) {
    await db.exec(vacuum ? `VACUUM (ANALYZE) ${name}` : `ANALYZE ${name}`);
    (vacuum ? vacuumed : analysed).push(name);
  }
  const { rows: log } = await db.query<{ since: string }>('SELECT (pg_current_wal_lsn() - redo_lsn)::bigint::text AS since FROM pg_control_checkpoint()');
  const checkpointed = Number(log[0].since) > CHECKPOINT_AFTER_BYTES;
  if (checkpointed) await db.exec('CHECKPOINT');
  return { vacuumed, analysed, checkpointed };
};
