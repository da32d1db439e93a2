import type { OpenDatabaseOptions } from '@stepwise/database';
import type { EventStoreSchema } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import type { Logger } from 'pino';
import type { SharedConfig } from '../config/shared.config';
import { RedisConnection } from '../redis/redis-connection';
import { openStorage } from './open-storage';
import type { Runtime } from './runtime';

/** `clock`: when the event store records appended events (the system clock when absent; an injected clock in specs). */
export const openRuntime = async (
  config: SharedConfig,
  logger: Logger,
  schema: EventStoreSchema,
  options: OpenDatabaseOptions & { readonly clock?: Clock } = {},
): Promise<Runtime> => {
  const storage = await openStorage(config.database, schema, { ...options, migrate: config.database.migrateOnBoot, refuseNewer: true, logger });
  logger.info(
    config.database.kind === 'postgres' ? { database: 'postgres' } : { database: 'pglite', dataDir: config.database.dataDir },
    'Event store open',
  );
  const redis = new RedisConnection(config.redis.url, logger);
  return { config, logger, schema, database: storage.database, eventStore: storage.eventStore, storage, redis };
};

export const closeRuntime = async (runtime: Runtime): Promise<void> => {
  await runtime.redis.close();
  await runtime.storage.close();
};
