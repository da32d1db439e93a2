import 'reflect-metadata';
import { closeRuntime, createLogger, exitOnBootFailure, openRuntime } from '@stepwise/platform';
import { rebuildAll, stepwiseSchema } from '@stepwise/read-models';
import { loadWorkerConfigFromProcess } from './config/worker.config';
import { logHead, RebuildProgress } from './rebuild/rebuild-progress';

/**
 * `npm run rebuild`: every read model and the analytics at once, reading the log once (see
 * libs/read-models/src/rebuild-all.ts). Stop the workers first; the api keeps serving (the read models are empty
 * until done, the analytics are the old ones until the swap).
 */
const main = async (): Promise<void> => {
  const config = loadWorkerConfigFromProcess();
  const logger = createLogger('rebuild', config.logLevel);
  const runtime = await openRuntime(config, logger, stepwiseSchema);
  try {
    const started = Date.now();
    const progress = new RebuildProgress('read models and analytics', await logHead(runtime.database));
    const built = await rebuildAll(runtime.database, runtime.eventStore, {
      batchSize: config.projections.rebuildBatchSize,
      onProgress: (position) => progress.update(position),
      onError: (error) => logger.error({ err: error }, 'rebuild batch failed'),
    });
    progress.finish(built.globalPosition);
    logger.info({ position: built.globalPosition, ms: Date.now() - started }, 'all read models rebuilt from the start of the log, analytics swapped in');
  } finally {
    await closeRuntime(runtime);
  }
};

main().catch(exitOnBootFailure);
