import { testDatabaseUrl } from '@stepwise/test-support';
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
