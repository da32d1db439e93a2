import type { SqlDatabase } from '@stepwise/database';
import type { EventStore, EventStoreSchema } from '@stepwise/event-store';
import type { Logger } from 'pino';
import type { SharedConfig } from '../config/shared.config';
import type { RedisConnection } from '../redis/redis-connection';
import type { Storage } from './open-storage';

/**
 * What a process holds once it has booted: its configuration, logger, database, event store and
 * Redis. In the embedded default, api and worker share one Runtime (PGlite is one session per process).
 */
export interface Runtime {
  readonly config: SharedConfig;
  readonly logger: Logger;
  /** The migrations and upcasters the storage was opened with: a second pool opens with the same. */
  readonly schema: EventStoreSchema;
  readonly database: SqlDatabase;
  readonly eventStore: EventStore;
  readonly storage: Storage;
  readonly redis: RedisConnection;
}

export const RUNTIME = Symbol('stepwise.runtime');
