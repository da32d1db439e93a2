// First: NODE_ENV must be settled before graphql-js and Express load.
import '@stepwise/platform/process-mode';
import { exitOnBootFailure, refuseAloneOnEmbedded } from '@stepwise/platform/settings';
import { loadWorkerConfigFromProcess } from './config/worker.config';

/**
 * The worker as its own process (any number of them, against PostgreSQL). Its settings are read
 * before the rest of it loads, so a refused setting is answered at once.
 */
const main = async (): Promise<void> => {
  const config = loadWorkerConfigFromProcess();
  refuseAloneOnEmbedded(config, 'worker');
  const { startWorker } = await import('./start-worker');
  await startWorker(config);
};

main().catch(exitOnBootFailure);
