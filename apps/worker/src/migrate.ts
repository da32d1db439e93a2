import 'reflect-metadata';
import { createLogger, exitOnBootFailure, openDatabase } from '@stepwise/platform';
import { stepwiseMigrations } from '@stepwise/read-models';
import { migrate } from '@stepwise/event-store';
import { loadWorkerConfigFromProcess } from './config/worker.config';

/** `npm run migrate`: applies pending migrations to the configured database and exits. */
const main = async (): Promise<void> => {
  const config = loadWorkerConfigFromProcess();
  const logger = createLogger('migrate', config.logLevel);
  const database = await openDatabase(config.database);
  try {
    const applied = await migrate(database, stepwiseMigrations);
    logger.info({ applied }, applied.length > 0 ? 'migrations applied' : 'database already up to date');
  } finally {
    await database.close();
  }
};

main().catch(exitOnBootFailure);
