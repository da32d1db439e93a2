// First: NODE_ENV must be settled before graphql-js and Express load.
import '@stepwise/platform/process-mode';
import { loadApiConfigFromProcess } from '@stepwise/api/config';
import { exitOnBootFailure } from '@stepwise/platform/settings';
import { loadWorkerConfigFromProcess } from '@stepwise/worker/config';

/**
 * The embedded default: api and worker in one process sharing one runtime (one PGlite session),
 * so `npm start` needs nothing but Node (and Redis, for nudges, when it is there). Its settings are
 * read before the rest of it loads, so a refused setting is answered at once.
 */
const main = async (): Promise<void> => {
  const apiConfig = loadApiConfigFromProcess();
  const workerConfig = loadWorkerConfigFromProcess();
  const { startStepwise } = await import('./start-stepwise');
  await startStepwise(apiConfig, workerConfig);
};

main().catch(exitOnBootFailure);
