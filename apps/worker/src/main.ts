// First: NODE_ENV must be settled before graphql-js and Express load.
import '@stepwise/platform/process-mode';
import 'reflect-metadata';
import { closeOnSignal, createLogger, exitOnBootFailure, openRuntime } from '@stepwise/platform';
import { checkSharedKeyFiles } from '@stepwise/nudges-infrastructure';
import { stepwiseSchema } from '@stepwise/read-models';
import { bootstrapWorker } from './bootstrap-worker';
import { loadWorkerConfigFromProcess } from './config/worker.config';

/** The worker as its own process (any number of them, against PostgreSQL). */
const main = async (): Promise<void> => {
  const config = loadWorkerConfigFromProcess();
  const logger = createLogger('worker', config.logLevel);
  await checkSharedKeyFiles(config);
  const runtime = await openRuntime(config, logger, stepwiseSchema);
  const app = await bootstrapWorker(runtime, config);
  closeOnSignal(runtime, [app]);
};

main().catch(exitOnBootFailure);
