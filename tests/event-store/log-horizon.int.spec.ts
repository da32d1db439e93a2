/**
 * The global log's horizon on PostgreSQL: what may hold it and what may not. A transaction in
 * another database of the cluster can never write our log, so it holds nothing; one in our database
 * holds what committed after it, and when it ends readers catch up at once rather than at the next
 * poll. The reading role needs no privilege beyond the log table.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PostgresDatabase } from '@stepwise/database';
import { eventStoreMigrations, SqlEventStore, type NewEvent, type RecordedEvent } from '@stepwise/event-store';
import type { Storage } from '@stepwise/platform';
import { adminDatabaseUrl, databaseUrlFor, holdForeignTransaction, holdTransactionOn, openTestStorage } from '@stepwise/test-support';

const events = (count: number): NewEvent[] => Array.from({ length: count }, () => ({ id: randomUUID(), type: 'StepTaken', data: {} }));

const waitFor = async (condition: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

/** Retries `check` every 20 ms until it holds (or 15 s pass). */
const eventually = async (check: () => Promise<boolean>): Promise<void> => {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the global log horizon on PostgreSQL', () => {
  let storage: Storage;
  let store: SqlEventStore;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', { migrations: eventStoreMigrations, upcasters: [] });
    store = storage.eventStore;
  });

  afterAll(() => storage.close());

  it('a transaction in another database holds nothing: reads, subscriptions and caughtUp go on past it', async () => {
    const stranger = await holdForeignTransaction();
    try {
      const tenant = `tenant-${randomUUID()}`;
      await store.append(tenant, 's', events(3));
      // The stranger holds its transaction throughout. Something in our own database may still hold
      // the horizon for a moment (autovacuum's ANALYZE of the fresh tables writes pg_statistic under
      // an xid), so the read is retried until that passes; the stranger never ends before it does.
      let versions: number[] = [];
      await eventually(async () => {
        versions = (await store.readAll({ tenantId: tenant })).events.map((event) => event.streamVersion);
        return versions.length === 3 && (await store.horizonHolder()) === undefined;
      });
      expect(versions).toEqual([1, 2, 3]);
      const { rows } = await storage.database.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1 AND backend_xid IS NOT NULL', [stranger.pid]);
      expect(Number(rows[0].n)).toBe(1);

      const received: RecordedEvent[] = [];
      const subscription = store.subscribe({ tenantId: tenant, pollIntervalMs: 5_000, handler: async (batch) => void received.push(...batch) });
      await subscription.caughtUp();
      expect(received).toHaveLength(3);
      await store.append(tenant, 's', events(1));
      await waitFor(() => received.length === 4, 2_000);
      await subscription.caughtUp();
      await subscription.stop();
    } finally {
      await stranger.end();
    }
  });

  it('a transaction in our database holds what committed after it; when it ends, readers catch up long before the next poll', async () => {
    const tenant = `tenant-${randomUUID()}`;
    const received: RecordedEvent[] = [];
    const subscription = store.subscribe({ tenantId: tenant, pollIntervalMs: 5_000, handler: async (batch) => void received.push(...batch) });
    await subscription.caughtUp();

    const blocker = await holdTransactionOn(storage.database);
    let ended = false;
    try {
      await store.append(tenant, 's', events(2));
      let caughtUp = false;
      const caughtUpNow = subscription.caughtUp().then(() => (caughtUp = true));
      // The blocker could still append rows that sort before these: nobody may read them yet.
      await sleep(150);
      expect(received).toHaveLength(0);
      expect(caughtUp).toBe(false);
      expect((await store.readAll({ tenantId: tenant })).events).toHaveLength(0);

      const holder = await store.horizonHolder();
      expect(holder).toMatchObject({ pid: blocker.pid, database: blocker.database, xid: blocker.xid });
      expect(holder?.ageSeconds).toBeGreaterThan(0.1);

      const released = Date.now();
      await blocker.end();
      ended = true;
      await caughtUpNow;
      // The poll would come 5 s later: the reader looked again on its own.
      expect(Date.now() - released).toBeLessThan(1_000);
      expect(received.map((event) => event.streamVersion)).toEqual([1, 2]);
    } finally {
      if (!ended) await blocker.end();
      await subscription.stop();
    }
  });

  it('a role with no privilege beyond the log reads past a stranger and still waits for our own transactions', async () => {
    const role = `stepwise_reader_${randomUUID().slice(0, 8)}`;
    const { rows } = await storage.database.query<{ name: string }>('SELECT current_database()::text AS name');
    const databaseName = rows[0].name;
    const admin = new Client({ connectionString: adminDatabaseUrl() });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await storage.database.exec(`GRANT SELECT ON es_events TO ${role}`);
    const url = new URL(databaseUrlFor(databaseName));
    url.username = role;
    const readerDb = new PostgresDatabase({ connectionString: url.toString(), max: 2 });
    const reader = new SqlEventStore(readerDb);
    const stranger = await holdForeignTransaction();
    try {
      const tenant = `tenant-${randomUUID()}`;
      await store.append(tenant, 's', events(2));
      expect((await reader.readAll({ tenantId: tenant })).events).toHaveLength(2);

      const blocker = await holdTransactionOn(storage.database);
      try {
        await store.append(tenant, 's', events(1));
        expect((await reader.readAll({ tenantId: tenant })).events).toHaveLength(2);
      } finally {
        await blocker.end();
      }
      expect((await reader.readAll({ tenantId: tenant })).events).toHaveLength(3);
    } finally {
      await stranger.end();
      await reader.close();
      await readerDb.close();
      await storage.database.exec(`REVOKE ALL ON es_events FROM ${role}`);
      await admin.query(`DROP ROLE ${role}`);
      await admin.end();
    }
  });
});
