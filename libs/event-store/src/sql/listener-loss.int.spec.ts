/**
 * A subscriber's listening session dying (a failover, a restarted pgbouncer, an idle-session killer,
 * pg_terminate_backend): the subscriber reads at once what it may have missed and listens again, so
 * appends keep waking it instead of waiting for its polling fallback from then on.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { testDatabaseUrl } from '@stepwise/test-support';
import { migrate, PostgresDatabase } from '@stepwise/database';
import type { RecordedEvent } from '../event-store.port';
import { eventStoreMigrations } from './event-store.migrations';
import { SqlEventStore } from './sql-event-store';

const until = async (what: string, condition: () => boolean | Promise<boolean>): Promise<void> => {
  const deadline = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Sessions of this test's own application name, and a way to end them (only ours: the database is shared). */
const sessionsNamed = async (applicationName: string, terminate: boolean): Promise<number> => {
  const admin = new Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid, CASE WHEN $2 THEN pg_terminate_backend(pid) END FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()`,
      [applicationName, terminate],
    );
    return rows.length;
  } finally {
    await admin.end();
  }
};

describe('a subscriber whose listening session is killed', () => {
  const applicationName = `sw-listen-${randomUUID().slice(0, 8)}`;
  const listener = `${applicationName}-listener`;
  let db: PostgresDatabase;

  beforeAll(async () => {
    db = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 4, applicationName });
    await migrate(db, eventStoreMigrations);
  });

  afterAll(() => db.close());

  /**
   * A tenant's subscriber on `database`, with a poll far beyond the waits below: only a read on
   * losing (or failing to open) the listening session, or a notification, delivers in time.
   */
  const subscribed = (database: PostgresDatabase) => {
    const tenant = `tenant-${randomUUID()}`;
    const store = new SqlEventStore(database);
    const received: RecordedEvent[] = [];
    const subscription = store.subscribe({ tenantId: tenant, pollIntervalMs: 60_000, handler: async (batch) => void received.push(...batch) });
    const append = (streamId: string) => store.append(tenant, streamId, [{ id: randomUUID(), type: 'StepPlanned', data: {} }]);
    return { received, subscription, append };
  };

  it('still receives every append, woken by a new listening session rather than its poll', async () => {
    const { received, subscription, append } = subscribed(db);
    try {
      await subscription.caughtUp();
      await append('before');
      await until('the append before the kill', () => received.length === 1);

      expect(await sessionsNamed(listener, true)).toBe(1);
      // Appended while the session is gone: its notification reaches no one.
      await append('during');
      await until('the append made while the session was gone', () => received.length === 2);

      await until('a new listening session', async () => (await sessionsNamed(listener, false)) === 1);
      await append('after');
      await until('the append after listening again', () => received.length === 3);
      expect(received.map((event) => event.streamId)).toEqual(['before', 'during', 'after']);
    } finally {
      await subscription.stop();
    }
  });

  it('tries again within a second when listening fails, rather than waiting out its poll', async () => {
    // The same database, its first LISTEN refused (as one sent to a session the server is still ending is).
    let refusals = 1;
    const refusingOnce = new Proxy(db, {
      get(target, property) {
        if (property === 'listen') {
          return (...args: Parameters<PostgresDatabase['listen']>) => (refusals-- > 0 ? Promise.reject(new Error('LISTEN refused')) : target.listen(...args));
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const { received, subscription, append } = subscribed(refusingOnce);
    try {
      await subscription.caughtUp();
      expect(refusals).toBeLessThan(1);
      await append('while-deaf');
      await until('the append made before it listened again', () => received.length === 1);
      // Listening again by now: the next append wakes it.
      await until('listening again', () => refusals < 0);
      await append('listening');
      await until('the append after it listened again', () => received.length === 2);
      expect(received.map((event) => event.streamId)).toEqual(['while-deaf', 'listening']);
    } finally {
      await subscription.stop();
    }
  });
});
