// First: NODE_ENV must be settled before graphql-js and Express load.
import '@stepwise/platform/process-mode';
import 'reflect-metadata';
import { closeOnSignal, createLogger, exitOnBootFailure, openRuntime, ProcessMetrics } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { bootstrapApi } from './bootstrap-api';
import { loadApiConfigFromProcess } from './config/api.config';
import { checkApiKeyFiles } from './config/check-key-files';
import { checkListenAddress } from './config/check-listen-address';

/** The api as its own process (any number of them, against PostgreSQL). */
const main = async (): Promise<void> => {
  const config = loadApiConfigFromProcess();
  const logger = createLogger('api', config.logLevel);
  await checkApiKeyFiles(config);
  await checkListenAddress(config);
  const runtime = await openRuntime(config, logger, stepwiseSchema);
  const app = await bootstrapApi({ runtime, config, metrics: new ProcessMetrics() });
  closeOnSignal(runtime, [app]);
};

main().catch(exitOnBootFailure);
