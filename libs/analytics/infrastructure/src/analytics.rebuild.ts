/**
 * Rebuilds analytics beside the live tables: replays the whole log into a fresh copy of the fact
 * tables (`analytics_next`) under its own checkpoint, then swaps it in by renaming schemas in one
 * transaction, so leaders never see empty or half-built analytics. A running analytics processor
 * keeps serving the old tables until the swap, then finds its checkpoint replaced, reloads it and
 * goes on from where the rebuild stopped, now writing into the new tables.
 */
import type { SqlDatabase } from '@stepwise/database';
import { loadCheckpoint, type EventStore, type LogCheckpoint, type RecordedEvent } from '@stepwise/event-store';
import { caughtUpUnlessInterrupted, CHECKPOINT_REPLACED_CHANNEL, EVERY_TENANT, ProjectionRunner, RebuildRefusedError, throwIfInterruptedBeforeStart } from '@stepwise/projections';
import { ANALYTICS_CHANGES_CHANNEL } from './analytics-changes.channel';
import { ANALYTICS_PROCESSOR, ANALYTICS_REBUILD_PROCESSOR, analyticsProjections } from './analytics.processor';
import { ANALYTICS_TABLES, analyticsSchemaAdditionsSql, analyticsSchemaSql, LIVE_ANALYTICS_SCHEMA, NEXT_ANALYTICS_SCHEMA, RETIRED_ANALYTICS_SCHEMA } from './analytics.schema';

export interface AnalyticsRebuildOptions {
  readonly batchSize?: number;
  readonly onBatch?: (events: readonly RecordedEvent[], checkpoint: LogCheckpoint) => void;
  readonly onError?: (error: unknown) => void;
  /** Aborted, the rebuild stops after the batch in hand, drops its copy and rejects with REBUILD_INTERRUPTED; the live tables are untouched. */
  readonly signal?: AbortSignal;
}

/** Drops any half-built copy left by an interrupted rebuild and creates an empty one (under the rebuild lease only). */
const prepareAnalyticsRebuild = (database: SqlDatabase): Promise<void> =>
  database.transaction(async (tx) => {
    await tx.query(`DROP SCHEMA IF EXISTS ${NEXT_ANALYTICS_SCHEMA} CASCADE`);
    await tx.exec(analyticsSchemaSql(NEXT_ANALYTICS_SCHEMA));
    await tx.exec(analyticsSchemaAdditionsSql(NEXT_ANALYTICS_SCHEMA));
    await tx.query('DELETE FROM es_checkpoints WHERE processor = $1', [ANALYTICS_REBUILD_PROCESSOR]);
  });

/**
 * Swaps the built copy in. The live checkpoint row is locked first, so a live batch in flight either
 * committed before (and is in the old tables, which the rebuild replaces) or fails its
 * compare-and-set after (its row was deleted and written anew) and rolls back.
 */
const swapIn = async (database: SqlDatabase): Promise<LogCheckpoint> => {
  const built = await database.transaction(async (tx) => {
    await tx.query('SELECT 1 FROM es_checkpoints WHERE processor = $1 FOR UPDATE', [ANALYTICS_PROCESSOR]);
    const checkpoint = await loadCheckpoint(tx, ANALYTICS_REBUILD_PROCESSOR);
    await tx.query(`DROP SCHEMA IF EXISTS ${RETIRED_ANALYTICS_SCHEMA} CASCADE`);
    await tx.query(`ALTER SCHEMA ${LIVE_ANALYTICS_SCHEMA} RENAME TO ${RETIRED_ANALYTICS_SCHEMA}`);
    await tx.query(`ALTER SCHEMA ${NEXT_ANALYTICS_SCHEMA} RENAME TO ${LIVE_ANALYTICS_SCHEMA}`);
    await tx.query('DELETE FROM es_checkpoints WHERE processor = ANY($1)', [[ANALYTICS_PROCESSOR, ANALYTICS_REBUILD_PROCESSOR]]);
    await tx.query('INSERT INTO es_checkpoints (processor, tx_id, global_position) VALUES ($1, $2::text::xid8, $3)', [
      ANALYTICS_PROCESSOR,
      checkpoint.txId,
      checkpoint.globalPosition,
    ]);
    // Every tenant's facts change at the swap: kept answers are forgotten when it commits.
    await tx.query('SELECT pg_notify($1, $2)', [ANALYTICS_CHANGES_CHANNEL, EVERY_TENANT]);
    // The live runner applied what came after the copy's checkpoint to the old tables: it goes back to it now.
    await tx.query('SELECT pg_notify($1, $2)', [CHECKPOINT_REPLACED_CHANNEL, ANALYTICS_PROCESSOR]);
    return checkpoint;
  });
  // Apart from the swap: dropping waits for any live batch still holding the old tables to roll back.
  await database.query(`DROP SCHEMA IF EXISTS ${RETIRED_ANALYTICS_SCHEMA} CASCADE`);
  return built;
};

/**
 * The copy and checkpoint of a rebuild that stopped short (interrupted, failed, or refused after it
 * began), dropped under the rebuild lease once its runner has stopped: left behind, the checkpoint would show in the processors' lag as ever further behind.
 * Should another rebuild hold the lease by then, its copy is its own and is left alone. A rebuild
 * holds that lease from its start through its swap, so whoever takes it finds no rebuild under way.
 * Answers whether it dropped a checkpoint.
 */
export const discardAnalyticsRebuild = async (database: SqlDatabase): Promise<boolean> => {
  const lease = await database.tryLease(`projection:${ANALYTICS_REBUILD_PROCESSOR}`, () => undefined);
  if (!lease) return false;
  try {
    return await database.transaction(async (tx) => {
      await tx.query(`DROP SCHEMA IF EXISTS ${NEXT_ANALYTICS_SCHEMA} CASCADE`);
      const { rowCount } = await tx.query('DELETE FROM es_checkpoints WHERE processor = $1', [ANALYTICS_REBUILD_PROCESSOR]);
      return (rowCount ?? 0) > 0;
    });
  } finally {
    await lease.release();
  }
};

/**
 * What a rebuild killed outright (`kill -9`, a lost host) left: it never reached its own discard, and
 * its checkpoint would show in the processors' lag, further behind with every append, until the next
 * rebuild. Read first, so a worker asking now and then takes the rebuild lease only when there is
 * something to clear.
 */
export const discardAbandonedAnalyticsRebuild = async (database: SqlDatabase): Promise<boolean> => {
  const { rows } = await database.query('SELECT 1 FROM es_checkpoints WHERE processor = $1', [ANALYTICS_REBUILD_PROCESSOR]);
  return rows.length > 0 && discardAnalyticsRebuild(database);
};

/** Stops the copy's runner keeping its lease, and swaps the copy in under it; answers where the copy stopped. */
export const completeAnalyticsRebuildOf = async (database: SqlDatabase, runner: ProjectionRunner): Promise<LogCheckpoint> => {
  const lease = await runner.stopHoldingLease();
  try {
    return await completeAnalyticsRebuild(database);
  } finally {
    await lease?.release();
  }
};

/**
 * The runner filling the copy beside the live tables, under the rebuild's own checkpoint and lease:
 * once it holds the lease it drops any earlier copy and makes an empty one, so a rebuild refused
 * because another holds the lease leaves that one's copy alone.
 */
export const analyticsRebuildRunner = (database: SqlDatabase, store: Pick<EventStore, 'subscribe'>, options: AnalyticsRebuildOptions = {}): ProjectionRunner =>
  new ProjectionRunner(database, store, {
    processor: ANALYTICS_REBUILD_PROCESSOR,
    projections: analyticsProjections(NEXT_ANALYTICS_SCHEMA),
    prepare: () => prepareAnalyticsRebuild(database),
    // A new copy, which only this runner writes.
    freshTables: true,
    batchSize: options.batchSize,
    onBatch: options.onBatch,
    onError: options.onError,
  });

/** Once the copy has caught up (its runner stopped): its statistics, then the swap; answers where the copy stopped. */
export const completeAnalyticsRebuild = async (database: SqlDatabase): Promise<LogCheckpoint> => {
  // Statistics before the swap: freshly filled tables have none until autovacuum gets to them, and
  // without them the planner picks the tenant-wide index for a team's rows.
  await database.exec(`ANALYZE ${ANALYTICS_TABLES.map((table) => `${NEXT_ANALYTICS_SCHEMA}.${table}`).join(', ')}`);
  return swapIn(database);
};

export const ANOTHER_ANALYTICS_REBUILD = 'Another analytics rebuild is running (it holds the rebuild lease)';

/** Replays the log into a copy beside the live tables, then swaps it in; answers where the copy stopped. */
export const rebuildAnalytics = async (database: SqlDatabase, store: EventStore, options: AnalyticsRebuildOptions = {}): Promise<LogCheckpoint> => {
  throwIfInterruptedBeforeStart(options.signal);
  const runner = analyticsRebuildRunner(database, store, options);
  await runner.start();
  if (!runner.leading) {
    await runner.stop();
    throw new RebuildRefusedError(ANOTHER_ANALYTICS_REBUILD);
  }
  try {
    await caughtUpUnlessInterrupted([runner], options.signal);
  } catch (error) {
    await runner.stop();
    // Interrupted, failed or refused, the copy and its checkpoint go (unless another rebuild holds
    // the lease: then they are that one's); the error that stopped it is what is reported.
    await discardAnalyticsRebuild(database).catch(() => undefined);
    throw error;
  }
  return completeAnalyticsRebuildOf(database, runner);
};
