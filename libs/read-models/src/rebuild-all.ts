/**
 * Every read model rebuilt at once, reading the log once: the read tables are emptied and the whole
 * log replayed into them (as `rebuild-read-models`), and at the same time into a fresh copy of the
 * analytics tables beside the live ones, swapped in at the end (as `rebuild-analytics`). Each page
 * of the log goes to both runners together (SharedLog), each applying it in its own transaction
 * under its own checkpoint, so the database writing one processor's batch overlaps node folding the
 * other's. A failure ends the rebuild with every checkpoint at what its processor has durably
 * written: a worker started then goes on from there, and the analytics copy is dropped by the next
 * rebuild (leaders kept the old analytics throughout).
 */
import { analyticsRebuildRunner, ANOTHER_ANALYTICS_REBUILD, completeAnalyticsRebuildOf, discardAnalyticsRebuild } from '@stepwise/analytics-infrastructure';
import type { SqlDatabase } from '@stepwise/database';
import type { EventStore, LogCheckpoint } from '@stepwise/event-store';
import {
  caughtUpUnlessInterrupted,
  ProjectionRunner,
  READ_MODELS_PROCESSOR,
  RebuildRefusedError,
  resetProjections,
  SharedLog,
  throwIfInterruptedBeforeStart,
  WORKERS_HOLD_READ_MODELS,
  type Projection,
} from '@stepwise/projections';
import { readModelProjections } from './read-models';

export interface RebuildAllOptions {
  readonly batchSize?: number;
  /** After each page both have applied: the position both have reached (first called once each has applied a page). */
  readonly onProgress?: (position: number) => void;
  readonly onError?: (error: unknown) => void;
  /** The read models to rebuild (default: all of them). */
  readonly readModels?: readonly Projection[];
  /**
   * Aborted, the rebuild stops after the page in hand and rejects with REBUILD_INTERRUPTED: the read
   * tables hold the log up to the read models' checkpoint (a worker goes on from there), the live
   * analytics are untouched and the half-built copy is dropped.
   */
  readonly signal?: AbortSignal;
}

/**
 * Answers where the rebuild stopped (the log head when it started, or later). Refused with
 * REBUILD_REFUSED, changing nothing, while a worker leads the read models or another rebuild builds
 * analytics: each runner empties what it rebuilds only once it holds its lease.
 */
export const rebuildAll = async (database: SqlDatabase, store: Pick<EventStore, 'subscribe'>, options: RebuildAllOptions = {}): Promise<LogCheckpoint> => {
  const projections = options.readModels ?? readModelProjections;
  const log = new SharedLog(store, 2);
  // Undefined until that runner has applied its first page: before both have, the slower one's
  // position is only where it started, and reporting it read "0 of N events".
  const reached: { readModels?: number; analytics?: number } = {};
  const progress = (): void => {
    if (reached.readModels === undefined || reached.analytics === undefined) return;
    options.onProgress?.(Math.min(reached.readModels, reached.analytics));
  };
  const readModels = new ProjectionRunner(database, log, {
    processor: READ_MODELS_PROCESSOR,
    projections,
    batchSize: options.batchSize,
    prepare: () => resetProjections(database, READ_MODELS_PROCESSOR, projections),
    // Emptied by prepare, and the lease keeps workers out: nothing is stored before the rebuild writes it.
    freshTables: true,
    onBatch: (_batch, checkpoint) => {
      reached.readModels = checkpoint.globalPosition;
      progress();
    },
    onError: options.onError,
  });
  const analytics = analyticsRebuildRunner(database, log, {
    batchSize: options.batchSize,
    onBatch: (_batch, checkpoint) => {
      reached.analytics = checkpoint.globalPosition;
      progress();
    },
    onError: options.onError,
  });
  const runners = [readModels, analytics];
  try {
    // Analytics first: its copy is its own, so taking its lease and then being refused the read
    // models' leaves nothing anyone reads changed. The log is read once both have subscribed.
    throwIfInterruptedBeforeStart(options.signal);
    await analytics.start();
    if (!analytics.leading) throw new RebuildRefusedError(ANOTHER_ANALYTICS_REBUILD);
    // Only the analytics copy, dropped below, was made so far.
    throwIfInterruptedBeforeStart(options.signal);
    await readModels.start();
    if (!readModels.leading) throw new RebuildRefusedError(WORKERS_HOLD_READ_MODELS);
    await caughtUpUnlessInterrupted(runners, options.signal);
  } catch (error) {
    await Promise.all(runners.map((runner) => runner.stop()));
    // Interrupted, failed or refused, the copy and its checkpoint go (unless another rebuild holds
    // the lease: then they are that one's); the error that stopped it is what is reported.
    await discardAnalyticsRebuild(database).catch(() => undefined);
    throw error;
  }
  await readModels.stop();
  return completeAnalyticsRebuildOf(database, analytics);
};
