/**
 * The event store on each SQL engine, opened with its own migrations only: what the event store's
 * specs run on. PostgreSQL shares the run's database (each spec writes its own tenants); PGlite is
 * in memory.
 */
import { migrate, PgliteDatabase, PostgresDatabase, type SqlDatabase } from '@stepwise/database';
import { eventStoreMigrations, SqlEventStore } from '@stepwise/event-store';
import { pgliteOutsideSandbox } from './pglite-module';
import { testDatabaseUrl } from './test-database';

/** PostgreSQL alone: for a spec about transactions that overlap, which PGlite runs one at a time. */
export const openEventStorePostgres = async (): Promise<SqlDatabase> => new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 3 });

export const EVENT_STORE_ENGINES: readonly [string, () => Promise<SqlDatabase>][] = [
  ['PostgreSQL', openEventStorePostgres],
  ['PGlite', () => PgliteDatabase.open({ pglite: pgliteOutsideSandbox() })],
];

export interface EventStoreOnEngine {
  readonly db: SqlDatabase;
  readonly store: SqlEventStore;
}

/** Registers the describe block's hooks: the database opened and migrated before, both closed after. Read inside tests only. */
export const eventStoreOn = (open: () => Promise<SqlDatabase>): EventStoreOnEngine => {
  let db: SqlDatabase | undefined;
  let store: SqlEventStore | undefined;
  beforeAll(async () => {
    db = await open();
    await migrate(db, eventStoreMigrations);
    store = new SqlEventStore(db);
  });
  afterAll(async () => {
    await store?.close();
    await db?.close();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the event store is read outside a test');
    return value;
  };
  return {
    get db() {
      return opened(db);
    },
    get store() {
      return opened(store);
    },
  };
};
