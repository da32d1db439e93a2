import type { Migration } from '@stepwise/database';
import type { Upcaster } from './upcasting/upcaster.registry';

/**
 * What a process needs to know about its events before it opens the store: the migrations that
 * make its tables, and the upcasters that bring events stored in an older shape up to today's.
 */
export interface EventStoreSchema {
  readonly migrations: readonly Migration[];
  readonly upcasters: readonly Upcaster[];
}
