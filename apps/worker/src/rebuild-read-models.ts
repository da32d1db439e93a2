import 'reflect-metadata';
import { ProjectionRunner, READ_MODELS_PROCESSOR, resetProjections } from '@stepwise/projections';
import { readModelProjections } from '@stepwise/read-models';
import { runRebuildCommand } from './rebuild/rebuild-command';

/**
 * `npm run rebuild-read-models`: empties every read table, then replays the whole global log into
 * them and exits. Stop the workers first; the api keeps serving (reads are empty until done).
 */
runRebuildCommand({
  service: 'rebuild',
  label: 'read models',
  prepare: (runtime) => resetProjections(runtime.database, READ_MODELS_PROCESSOR, readModelProjections),
  rebuild: async ({ runtime, logger, batchSize, progress }) => {
    let events = 0;
    let position = 0;
    const runner = new ProjectionRunner(runtime.database, runtime.eventStore, {
      processor: READ_MODELS_PROCESSOR,
      projections: readModelProjections,
      batchSize,
      onBatch: (batch, checkpoint) => {
        events += batch.length;
        position = checkpoint.globalPosition;
        progress.update(position);
      },
      onError: (error) => logger.error({ err: error }, 'rebuild batch failed; retrying'),
    });
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    return { position, figures: { events } };
  },
  done: 'read models rebuilt from the start of the log',
});
