import type { SqlDatabase } from '@stepwise/database';
import { CodedError } from '@stepwise/kernel';
import { EVERY_TENANT, noticesCommitted } from './committed-notices';
import { tablesOf, type Projection } from './projection';
import { statementPlans } from './rows/statement-plans';

/**
 * Empties the projections' tables and forgets their checkpoint, in one transaction; the next runner
 * start replays the whole log into them. Stop the runners first: checkpoints otherwise only move
 * forward, and a runner still holding the old position would be refused at its next batch. The
 * projections' channels are notified for EVERY_TENANT with it, so answers kept from the old rows are
 * forgotten (each tenant's again as the replay reaches its events).
 *
 * The tables are analysed before they are emptied: TRUNCATE keeps a table's statistics, and the
 * replay's prepared statements settle on plans made while the tables are nearly empty. Without
 * statistics (a table autovacuum has not reached, or a cluster that runs without it) those plans
 * probe by tenant alone and filter the rest, a cost that grows with each tenant's rows: on a log of
 * 1,000,000 events, 9.6 ms a batch load instead of 2 (docs/benchmarks.md). ANALYZE reads a bounded
 * sample, so it costs a rebuild well under a second.
 */
export const resetProjections = async (database: SqlDatabase, processor: string, projections: readonly Projection[]): Promise<void> => {
  const tables = tablesOf(projections);
  const notices = [...new Set(projections.flatMap((projection) => (projection.rows?.notify ?? []).map(({ channel }) => channel)))].map((channel) => ({
    channel,
    payload: EVERY_TENANT,
  }));
  await database.transaction(async (tx) => {
    if (tables.length > 0) {
      await tx.query(`ANALYZE ${tables.join(', ')}`);
      await tx.query(`TRUNCATE ${tables.join(', ')}`);
    }
    await tx.query('DELETE FROM es_checkpoints WHERE processor = $1', [processor]);
    for (const { channel, payload } of notices) await tx.query('SELECT pg_notify($1, $2)', [channel, payload]);
  });
  noticesCommitted(database, notices);
};

/**
 * A rebuild that cannot run now (a worker leads the processor it would rebuild, or another rebuild
 * holds its lease), refused before it changed anything.
 */
export class RebuildRefusedError extends CodedError {
  constructor(message: string) {
    super('REBUILD_REFUSED', message);
  }
}

export const WORKERS_HOLD_READ_MODELS = 'A worker holds the read models lease: stop the workers first (nothing was changed)';

/** Enough for every text a rebuild sends; each costs the server some hundreds of kilobytes on each connection that runs it. */
const REBUILD_PREPARED_TEXTS = 1_024;

/**
 * For a process that rebuilds, and does nothing else: every row statement text its runners send
 * twice stays prepared (rows/statement-plans.ts), not only the first 32. A rebuild's few connections
 * run a few hundred texts, each up to hundreds of times: on the bench's 1,000,635 events, 3,683
 * statements of 278 texts were parsed and planned for one call each, 5.2 s of the server's time in
 * a pass (docs/benchmarks.md).
 */
export const keepRebuildStatementsPrepared = (): void => statementPlans.allow(REBUILD_PREPARED_TEXTS);
