import 'reflect-metadata';
import { closeRuntime, createLogger, exitOnBootFailure, openRuntime } from '@stepwise/platform';
import { ProjectionRunner, READ_MODELS_PROCESSOR, resetProjections } from '@stepwise/projections';
import { readModelProjections, stepwiseSchema } from '@stepwise/read-models';
import { loadWorkerConfigFromProcess } from './config/worker.config';
import { logHead, RebuildProgress } from './rebuild/rebuild-progress';

/**
 * `npm run rebuild-read-models`: empties every read table, then replays the whole global log into
 * them and exits. Stop the workers first; the api keeps serving (reads are empty until done).
 */
const main = async (): Promise<void> => {
  const config = loadWorkerConfigFromProcess();
  const logger = createLogger('rebuild', config.logLevel);
  const runtime = await openRuntime(config, logger, stepwiseSchema);
  try {
    const started = Date.now();
    await resetProjections(runtime.database, READ_MODELS_PROCESSOR, readModelProjections);
    let events = 0;
    let position = 0;
    const progress = new RebuildProgress('read models', await logHead(runtime.database));
    const runner = new ProjectionRunner(runtime.database, runtime.eventStore, {
      processor: READ_MODELS_PROCESSOR,
      projections: readModelProjections,
      batchSize: config.projections.rebuildBatchSize,
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
    progress.finish(position);
    logger.info({ events, ms: Date.now() - started }, 'read models rebuilt from the start of the log');
  } finally {
    await closeRuntime(runtime);
  }
};

main().catch(exitOnBootFailure);
