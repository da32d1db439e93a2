import 'reflect-metadata';
import { rebuildAnalytics } from '@stepwise/analytics-infrastructure';
import { closeRuntime, createLogger, exitOnBootFailure, openRuntime } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { loadWorkerConfigFromProcess } from './config/worker.config';
import { logHead, RebuildProgress } from './rebuild/rebuild-progress';

/**
 * `npm run rebuild-analytics`: replays the whole global log into a fresh copy of the analytics
 * tables beside the live ones, then swaps it in. Workers and the api keep running throughout:
 * leaders read the old analytics until the swap, and the worker's analytics processor goes on from
 * where the rebuild stopped. Run it after a metric definition changes.
 */
const main = async (): Promise<void> => {
  const config = loadWorkerConfigFromProcess();
  const logger = createLogger('rebuild-analytics', config.logLevel);
  const runtime = await openRuntime(config, logger, stepwiseSchema);
  try {
    const started = Date.now();
    const progress = new RebuildProgress('analytics', await logHead(runtime.database));
    let events = 0;
    const built = await rebuildAnalytics(runtime.database, runtime.eventStore, {
      batchSize: config.projections.rebuildBatchSize,
      onBatch: (batch, checkpoint) => {
        events += batch.length;
        progress.update(checkpoint.globalPosition);
      },
      onError: (error) => logger.error({ err: error }, 'analytics rebuild batch failed; retrying'),
    });
    progress.finish(built.globalPosition);
    logger.info({ events, position: built.globalPosition, ms: Date.now() - started }, 'analytics rebuilt beside the live tables and swapped in');
  } finally {
    await closeRuntime(runtime);
  }
};

main().catch(exitOnBootFailure);
