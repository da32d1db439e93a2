/**
 * The read models rebuilt alone (`npm run rebuild-read-models`): once it holds the read models'
 * lease, every read table is emptied and the whole log replayed into them. While a worker leads the
 * read models it is refused with REBUILD_REFUSED and nothing is emptied.
 */
import type { SqlDatabase } from '@stepwise/database';
import type { EventStore, LogCheckpoint, RecordedEvent } from '@stepwise/event-store';
import {
  caughtUpUnlessInterrupted,
  ProjectionRunner,
  READ_MODELS_PROCESSOR,
  RebuildRefusedError,
  resetProjections,
  throwIfInterruptedBeforeStart,
  WORKERS_HOLD_READ_MODELS,
  type Projection,
} from '@stepwise/projections';
import { readModelProjections } from './read-models';

export interface RebuildReadModelsOptions {
  readonly batchSize?: number;
  readonly onBatch?: (events: readonly RecordedEvent[], checkpoint: LogCheckpoint) => void;
  readonly onError?: (error: unknown) => void;
  /** The read models to rebuild (default: all of them). */
  readonly readModels?: readonly Projection[];
  /**
   * Aborted, the rebuild stops after the batch in hand and rejects with REBUILD_INTERRUPTED: the read
   * tables then hold the log up to the read models' checkpoint (a worker goes on from there).
   */
  readonly signal?: AbortSignal;
}

export const rebuildReadModels = async (database: SqlDatabase, store: Pick<EventStore, 'subscribe'>, options: RebuildReadModelsOptions = {}): Promise<void> => {
  const projections = options.readModels ?? readModelProjections;
  const runner = new ProjectionRunner(database, store, {
    processor: READ_MODELS_PROCESSOR,
    projections,
    batchSize: options.batchSize,
    prepare: () => resetProjections(database, READ_MODELS_PROCESSOR, projections),
    // Emptied by prepare, and the lease keeps workers out: nothing is stored before the rebuild writes it.
    freshTables: true,
    onBatch: options.onBatch,
    onError: options.onError,
  });
  try {
    throwIfInterruptedBeforeStart(options.signal);
    await runner.start();
    if (!runner.leading) throw new RebuildRefusedError(WORKERS_HOLD_READ_MODELS);
    await caughtUpUnlessInterrupted([runner], options.signal);
  } finally {
    await runner.stop();
  }
};
