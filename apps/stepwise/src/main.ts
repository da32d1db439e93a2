// First: NODE_ENV must be settled before graphql-js and Express load.
import '@stepwise/platform/process-mode';
import 'reflect-metadata';
import { stepwiseSchema } from '@stepwise/read-models';
import { closeOnSignal, createLogger, exitOnBootFailure, openRuntime, ProcessMetrics } from '@stepwise/platform';
import { bootstrapApi, checkApiKeyFiles, checkListenAddress, loadApiConfigFromProcess } from '@stepwise/api';
import { bootstrapWorker, loadWorkerConfigFromProcess } from '@stepwise/worker';

/**
 * The embedded default: api and worker in one process sharing one runtime (one PGlite session),
 * so `npm start` needs nothing but Node (and Redis, for nudges, when it is there).
 */
const main = async (): Promise<void> => {
  const apiConfig = loadApiConfigFromProcess();
  const workerConfig = loadWorkerConfigFromProcess();
  const logger = createLogger('stepwise', apiConfig.logLevel);
  // Key files and the address first: a setting that cannot be used is refused before the data folder is touched.
  await checkApiKeyFiles(apiConfig);
  await checkListenAddress(apiConfig);
  const runtime = await openRuntime(apiConfig, logger, stepwiseSchema);
  // One process, one registry: the api serves the worker's series too.
  const metrics = new ProcessMetrics();
  const worker = await bootstrapWorker(runtime, workerConfig, metrics);
  const api = await bootstrapApi({ runtime, config: apiConfig, metrics });
  closeOnSignal(runtime, [api, worker]);
};

main().catch(exitOnBootFailure);
