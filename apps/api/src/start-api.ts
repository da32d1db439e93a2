import 'reflect-metadata';
import { checkDataFolder, closeOnSignal, createLogger, openRuntime, ProcessMetrics } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { bootstrapApi } from './bootstrap-api';
import type { ApiConfig } from './config/api.config';
import { checkApiKeyFiles } from './config/check-key-files';
import { checkListenAddress } from './config/check-listen-address';

/** The api process once its settings are read (main.ts): its key files and address checked, then its database opened and the server started. */
export const startApi = async (config: ApiConfig): Promise<void> => {
  const logger = createLogger('api', config.logLevel);
  await checkDataFolder(config.database);
  await checkApiKeyFiles(config);
  await checkListenAddress(config);
  const runtime = await openRuntime(config, logger, stepwiseSchema);
  const app = await bootstrapApi({ runtime, config, metrics: new ProcessMetrics() });
  closeOnSignal(runtime, [app]);
};
