/**
 * On PostgreSQL an own-transaction append wakes readers with a NOTIFY of its own after commit, and
 * that wake-up commits asynchronously (it needs no durability). The asynchronous setting must stay
 * inside the wake-up's transaction: the pooled session then carries the next append, which must
 * commit durably.
 */
import { randomUUID } from 'node:crypto';
import { testDatabaseUrl } from '@stepwise/test-support';
import { migrate, PostgresDatabase } from '@stepwise/database';
import { EVENTS_CHANNEL } from './append.statement';
import { eventStoreMigrations } from './event-store.migrations';
import { SqlEventStore } from './sql-event-store';

describe('the wake-up after an append (PostgreSQL)', () => {
  let db: PostgresDatabase;
  let store: SqlEventStore;

  beforeAll(async () => {
    // One pooled session: the wake-up and every later statement share it.
    db = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 1 });
    await migrate(db, eventStoreMigrations);
    store = new SqlEventStore(db);
  });

  afterAll(async () => {
    await store?.close();
    await db?.close();
  });

  it('reaches listeners, and leaves the session committing durably', async () => {
    let woken!: () => void;
    const wakeUp = new Promise<void>((resolve) => (woken = resolve));
    const unlisten = await db.listen(EVENTS_CHANNEL, () => woken());
    try {
      await store.append(`tenant-${randomUUID()}`, 's', [{ id: randomUUID(), type: 'StepPlanned', data: { title: 'x' } }]);
      await wakeUp;
      // Flush the coalesced wake-up: close() waits for the one in flight.
      await store.close();
      const { rows } = await db.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
      expect(rows[0].synchronous_commit).toBe('on');
    } finally {
      await unlisten();
    }
  });
});
