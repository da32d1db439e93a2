import 'reflect-metadata';
import { checkSharedKeyFiles } from '@stepwise/nudges-infrastructure';
import { checkDataFolder, closeOnSignal, createLogger, openRuntime } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { bootstrapWorker } from './bootstrap-worker';
import type { WorkerConfig } from './config/worker.config';

/** The worker process once its settings are read (main.ts): its data folder and key files checked, then its database opened and its processors started. */
export const startWorker = async (config: WorkerConfig): Promise<void> => {
  const logger = createLogger('worker', config.logLevel);
  await checkDataFolder(config.database);
  await checkSharedKeyFiles(config);
  const runtime = await openRuntime(config, logger, stepwiseSchema);
  const app = await bootstrapWorker(runtime, config);
  closeOnSignal(runtime, [app]);
};
