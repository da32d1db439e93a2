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
import { analyticsRebuildRunner, ANOTHER_ANALYTICS_REBUILD, completeAnalyticsRebuild, prepareAnalyticsRebuild } from '@stepwise/analytics-infrastructure';
import type { SqlDatabase } from '@stepwise/database';
import type { EventStore, LogCheckpoint } from '@stepwise/event-store';
import { ProjectionRunner, READ_MODELS_PROCESSOR, resetProjections, SharedLog, type Projection } from '@stepwise/projections';
import { readModelProjections } from './read-models';

export interface RebuildAllOptions {
  readonly batchSize?: number;
  /** After each page both have applied: the position both have reached. */
  readonly onProgress?: (position: number) => void;
  readonly onError?: (error: unknown) => void;
  /** The read models to rebuild (default: all of them). */
  readonly readModels?: readonly Projection[];
}

export class RebuildRefusedError extends Error {}

/** Answers where the rebuild stopped (the log head when it started, or later). */
export const rebuildAll = async (database: SqlDatabase, store: Pick<EventStore, 'subscribe'>, options: RebuildAllOptions = {}): Promise<LogCheckpoint> => {
  const projections = options.readModels ?? readModelProjections;
  await resetProjections(database, READ_MODELS_PROCESSOR, projections);
  await prepareAnalyticsRebuild(database);
  const log = new SharedLog(store, 2);
  const reached = { readModels: 0, analytics: 0 };
  const progress = (): void => options.onProgress?.(Math.min(reached.readModels, reached.analytics));
  const readModels = new ProjectionRunner(database, log, {
    processor: READ_MODELS_PROCESSOR,
    projections,
    batchSize: options.batchSize,
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
    await Promise.all(runners.map((runner) => runner.start()));
    if (!readModels.leading) throw new RebuildRefusedError('A worker holds the read models lease: stop the workers first');
    if (!analytics.leading) throw new RebuildRefusedError(ANOTHER_ANALYTICS_REBUILD);
    await Promise.all(runners.map((runner) => runner.caughtUp()));
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
  }
  return completeAnalyticsRebuild(database);
};
