/**
 * The planner's statistics for a processor's tables. A table a runner fills from empty (a new
 * processor backfilling, a worker catching up an imported log, a rebuild's fresh copy) has none
 * until autovacuum analyses it, and some clusters run without autovacuum. Without them the plans its
 * prepared statements settle on, made while the table is nearly empty and kept, probe by tenant
 * alone and filter the rest, a cost that grows with each tenant's rows (docs/benchmarks.md).
 */
import type { SqlExecutor } from '@stepwise/database';

/** The tables, of these, with no column statistics (never analysed, or analysed while empty). */
export const tablesWithoutStatistics = async (executor: SqlExecutor, tables: readonly string[]): Promise<string[]> => {
  if (tables.length === 0) return [];
  const { rows } = await executor.query<{ name: string }>(
    // In the order given: an anti-join may hand rows back in any order (PGlite's did, now and then).
    `SELECT t.name FROM unnest($1::text[]) WITH ORDINALITY AS t(name, ord)
      WHERE NOT EXISTS (
        SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname
         WHERE c.oid = to_regclass(t.name))
      ORDER BY t.ord`,
    [tables],
  );
  return rows.map(({ name }) => name);
};

/** Analyses those of the tables that have no statistics; answers which it analysed. */
export const analyseTablesWithoutStatistics = async (executor: SqlExecutor, tables: readonly string[]): Promise<string[]> => {
  const missing = await tablesWithoutStatistics(executor, tables);
  if (missing.length > 0) await executor.query(`ANALYZE ${missing.join(', ')}`);
  return missing;
};
