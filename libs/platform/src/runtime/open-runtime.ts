import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  migrate,
  PgliteDatabase,
  PostgresDatabase,
  SqlEventStore,
  type Migration,
  type PgliteDatabaseOptions,
  type SqlDatabase,
} from '@stepwise/event-store';
import type { Logger } from 'pino';
import type { DatabaseConfig, SharedConfig } from '../config/shared.config';
import { RedisConnection } from '../redis/redis-connection';
import type { Runtime } from './runtime';

export interface OpenDatabaseOptions {
  /** The PGlite module to use (tests load it outside jest's module sandbox). */
  readonly pglite?: PgliteDatabaseOptions['pglite'];
}

export const openDatabase = async (config: DatabaseConfig, options: OpenDatabaseOptions = {}): Promise<SqlDatabase> => {
  if (config.kind === 'postgres') return new PostgresDatabase({ connectionString: config.url, max: config.poolSize });
  // PGlite makes its own folder but not the folders above it.
  await mkdir(dirname(config.dataDir), { recursive: true });
  return PgliteDatabase.open({ dataDir: config.dataDir, ...(options.pglite && { pglite: options.pglite }) });
};

export const openRuntime = async (
  config: SharedConfig,
  logger: Logger,
  migrations: readonly Migration[],
  options: OpenDatabaseOptions = {},
): Promise<Runtime> => {
  const database = await openDatabase(config.database, options);
  try {
    if (config.database.migrateOnBoot) {
      const applied = await migrate(database, migrations);
      if (applied.length > 0) logger.info({ migrations: applied }, 'Applied database migrations');
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  logger.info(
    config.database.kind === 'postgres' ? { database: 'postgres' } : { database: 'pglite', dataDir: config.database.dataDir },
    'Event store open',
  );
  const eventStore = new SqlEventStore(database);
  const redis = new RedisConnection(config.redis.url, logger);
  return { config, logger, database, eventStore, redis };
};

export const closeRuntime = async (runtime: Runtime): Promise<void> => {
  await runtime.redis.close();
  await runtime.eventStore.close();
  await runtime.database.close();
};
