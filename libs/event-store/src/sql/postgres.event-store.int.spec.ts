import { holdForeignTransaction, testDatabaseUrl, type HeldTransaction } from '@stepwise/test-support';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { eventStoreMigrations } from './event-store.migrations';
import { migrate, PostgresDatabase } from '@stepwise/database';
import { SqlEventStore } from './sql-event-store';

let db: PostgresDatabase;

describeEventStoreContract('PostgreSQL', {
  open: async () => {
    db = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 8 });
    await migrate(db, eventStoreMigrations);
    return new SqlEventStore(db);
  },
  dispose: () => db.close(),
});

// Another database of the cluster runs a transaction with an id for the whole suite: it can never
// write our log, so nothing here (catching up, live appends, caughtUp) may wait for it.
let stranger: HeldTransaction;
let besideStranger: PostgresDatabase;

describeEventStoreContract('PostgreSQL beside a transaction open in another database', {
  open: async () => {
    stranger = await holdForeignTransaction();
    besideStranger = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 8 });
    await migrate(besideStranger, eventStoreMigrations);
    return new SqlEventStore(besideStranger);
  },
  dispose: async () => {
    await besideStranger.close();
    await stranger.end();
  },
});
