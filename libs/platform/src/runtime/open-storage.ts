/**
 * The one way a process or script opens its database and event store: api, worker, the embedded
 * default, the projection runner's own pool, `migrate`, `rebuild-read-models`, tests and benches.
 * It lives here rather than in @stepwise/database because it composes the event store, which
 * sits above the database library.
 */
import { migrate, openDatabase, type DatabaseTarget, type OpenDatabaseOptions, type SqlDatabase } from '@stepwise/database';
import { SqlEventStore, UpcasterRegistry, type EventStoreSchema } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import type { Logger } from 'pino';

export interface Storage {
  readonly database: SqlDatabase;
  readonly eventStore: SqlEventStore;
  /** Stops the store's subscriptions, then closes the database (and frees a PGlite folder). */
  close(): Promise<void>;
}

export interface OpenStorageOptions extends OpenDatabaseOptions {
  /** Apply pending migrations before handing the storage out (default true). */
  readonly migrate?: boolean;
  readonly logger?: Logger;
  readonly clock?: Clock;
}

export const openStorage = async (target: DatabaseTarget, schema: EventStoreSchema, options: OpenStorageOptions = {}): Promise<Storage> => {
  const database = await openDatabase(target, options);
  try {
    if (options.migrate !== false) {
      const applied = await migrate(database, schema.migrations);
      if (applied.length > 0) options.logger?.info({ migrations: applied }, 'Applied database migrations');
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const eventStore = new SqlEventStore(database, {
    upcasters: new UpcasterRegistry(schema.upcasters),
    ...(options.clock && { clock: options.clock }),
  });
  return {
    database,
    eventStore,
    close: async () => {
      await eventStore.close();
      await database.close();
    },
  };
};
