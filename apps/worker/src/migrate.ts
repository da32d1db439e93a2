import 'reflect-metadata';
import { createLogger, exitOnBootFailure, openStorage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { loadWorkerConfigFromProcess } from './config/worker.config';
import { refuseArguments } from './no-arguments';

/** `npm run migrate`: applies pending migrations to the configured database and exits. */
const main = async (): Promise<void> => {
  const config = loadWorkerConfigFromProcess('maintain');
  const logger = createLogger('migrate', config.logLevel);
  const storage = await openStorage(config.database, stepwiseSchema, { migrate: true, refuseNewer: true, logger });
  await storage.close();
  logger.info('database up to date');
};

refuseArguments(
  'usage: npm run migrate\n\nApplies pending database migrations and exits.\n\nSettings: STEPWISE_DATABASE_URL or STEPWISE_DATA_DIR (README, "Configuration").\n',
);
main().catch(exitOnBootFailure);
