import type { EventStore, SqlDatabase } from '@stepwise/event-store';
import type { Logger } from 'pino';
import type { SharedConfig } from '../config/shared.config';
import type { RedisConnection } from '../redis/redis-connection';

/**
 * What a process holds once it has booted: its configuration, logger, database, event store and
 * Redis. In the embedded default, api and worker share one Runtime (PGlite is one session per process).
 */
export interface Runtime {
  readonly config: SharedConfig;
  readonly logger: Logger;
  readonly database: SqlDatabase;
  readonly eventStore: EventStore;
  readonly redis: RedisConnection;
}

export const RUNTIME = Symbol('stepwise.runtime');
