/**
 * How an append wakes readers on PostgreSQL: alone in its process it notifies from its own
 * statement (one round trip in all, delivered at commit); side by side with other appends they share
 * a NOTIFY after commit (their commits must not queue on the notification lock). Either way a
 * subscriber that only a notification can wake in time receives every event.
 */
import { randomUUID } from 'node:crypto';
import { testDatabaseUrl } from '@stepwise/test-support';
import { migrate, PostgresDatabase, type SqlDatabase } from '@stepwise/database';
import type { RecordedEvent } from '../event-store.port';
import { eventStoreMigrations } from './event-store.migrations';
import { SqlEventStore } from './sql-event-store';

/** The database, counting the statements sent through it. */
const counting = (db: SqlDatabase): { db: SqlDatabase; statements: () => string[] } => {
  const statements: string[] = [];
  const counted = Object.create(db) as SqlDatabase;
  counted.query = (sql, params) => (statements.push(sql), db.query(sql, params));
  return { db: counted, statements: () => statements };
};

const until = async (condition: () => boolean): Promise<void> => {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('appends waking readers on PostgreSQL', () => {
  let db: PostgresDatabase;

  beforeAll(async () => {
    db = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 8 });
    await migrate(db, eventStoreMigrations);
  });

  afterAll(() => db.close());

  it('a lone append is one statement, and a side-by-side batch shares its wake-ups; a subscriber hears all', async () => {
    const tenant = `tenant-${randomUUID()}`;
    const reader = new SqlEventStore(db);
    const received: RecordedEvent[] = [];
    // A poll far beyond the waits below: only notifications deliver in time.
    const subscription = reader.subscribe({ tenantId: tenant, pollIntervalMs: 60_000, handler: async (batch) => void received.push(...batch) });
    await subscription.caughtUp();
    const { db: counted, statements } = counting(db);
    const writer = new SqlEventStore(counted);
    try {
      await writer.append(tenant, 'alone', [{ id: randomUUID(), type: 'StepPlanned', data: {} }]);
      await until(() => received.length === 1);
      expect(statements()).toHaveLength(1);
      expect(statements()[0]).toContain('pg_notify');

      await Promise.all(Array.from({ length: 16 }, (_, index) => writer.append(tenant, `side-${index}`, [{ id: randomUUID(), type: 'StepPlanned', data: {} }])));
      await until(() => received.length === 17);
      await writer.close(); // waits for a wake-up still pending
      const separate = statements().filter((sql) => !sql.includes('WITH stream_lock'));
      expect(separate.every((sql) => sql === "SELECT pg_notify('es_events', '')")).toBe(true);
      // Fewer wake-ups than appends: those that ran beside others shared them.
      expect(statements().filter((sql) => sql.includes('pg_notify')).length).toBeLessThan(17);
    } finally {
      await subscription.stop();
      await writer.close();
    }
  });
});
