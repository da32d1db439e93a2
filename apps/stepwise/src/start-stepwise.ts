import 'reflect-metadata';
import { bootstrapApi, checkApiKeyFiles, checkListenAddress, type ApiConfig } from '@stepwise/api';
import { checkDataFolder, closeOnSignal, createLogger, openRuntime, ProcessMetrics } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { bootstrapWorker, type WorkerConfig } from '@stepwise/worker';

/**
 * The embedded default once its settings are read (main.ts): api and worker in one process sharing
 * one runtime (one PGlite session).
 */
export const startStepwise = async (apiConfig: ApiConfig, workerConfig: WorkerConfig): Promise<void> => {
  const logger = createLogger('stepwise', apiConfig.logLevel);
  // The data folder, key files and the address first: a setting that cannot be used is refused before anything is made.
  await checkDataFolder(apiConfig.database);
  await checkApiKeyFiles(apiConfig);
  await checkListenAddress(apiConfig);
  const runtime = await openRuntime(apiConfig, logger, stepwiseSchema);
  // One process, one registry: the api serves the worker's series too.
  const metrics = new ProcessMetrics();
  const worker = await bootstrapWorker(runtime, workerConfig, metrics);
  const api = await bootstrapApi({ runtime, config: apiConfig, metrics });
  closeOnSignal(runtime, [api, worker]);
};
