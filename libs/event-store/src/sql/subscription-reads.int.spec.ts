/**
 * How live subscriptions read, on both engines. Subscriptions of one store that a notification wakes
 * together read the log once between them: three readers of different event types, caught up and
 * asleep, are woken by one append; the store reads one page for all three, and each receives its own
 * events, in order. A subscription that lingers after a wake-up receives the appends of that moment
 * as one batch, and stopping it does not wait for its linger to run out. A paced reader holds what
 * comes soon after its last read until its pace runs out, unless someone waits for it to catch up.
 */
import { randomUUID } from 'node:crypto';
import { migrate, PgliteDatabase, PostgresDatabase, type SqlDatabase } from '@stepwise/database';
import { createScratchDatabase, pgliteOutsideSandbox, type ScratchDatabase } from '@stepwise/test-support';
import type { RecordedEvent, Subscription, SubscriptionOptions } from '../event-store.port';
import { eventStoreMigrations } from './event-store.migrations';
import { SqlEventStore } from './sql-event-store';

const until = async (condition: () => boolean): Promise<void> => {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A reader of one new tenant's StepPlanned events (`n` of each batch in `batches`), polling far beyond
 * the test so only notifications wake it, on a log that is not empty (so its first caughtUp() waits
 * for its first read); `plan(n)` appends one.
 */
const stepReader = async (store: SqlEventStore, waits: Pick<SubscriptionOptions, 'lingerMs' | 'paceMs'>) => {
  const tenant = `tenant-${randomUUID()}`;
  await store.append(tenant, `team-${randomUUID()}`, [{ id: randomUUID(), type: 'TeamCreated', data: {} }]);
  const batches: number[][] = [];
  const subscription = store.subscribe({
    tenantId: tenant,
    eventTypes: ['StepPlanned'],
    pollIntervalMs: 60_000,
    ...waits,
    handler: async (batch) => void batches.push(batch.map((event) => event.data.n as number)),
  });
  const plan = (n: number) => store.append(tenant, `journey-${randomUUID()}`, [{ id: randomUUID(), type: 'StepPlanned', data: { n } }]);
  return { batches, subscription, plan };
};

const READERS = { steps: ['StepPlanned'], reflections: ['ReflectionRecorded'], everything: undefined } as const;

const liveReads = (open: () => Promise<{ db: SqlDatabase; dispose: () => Promise<void> }>) => {
  let db: SqlDatabase;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await open());
    await migrate(db, eventStoreMigrations);
  });

  afterAll(() => dispose?.());

  it('one page read wakes three readers of different types, each handed only its own events', async () => {
    const store = new SqlEventStore(db);
    const tenant = `tenant-${randomUUID()}`;
    // A log that is not empty, so that caughtUp() below waits for each reader's first read (and the
    // LISTEN before it) rather than resolving at once on an empty log.
    await store.append(tenant, `team-${randomUUID()}`, [{ id: randomUUID(), type: 'TeamCreated', data: { n: 0 } }]);
    let pageReads = 0;
    store.observe({ read: (kind) => void (kind === 'all' && (pageReads += 1)) });
    const received: Record<keyof typeof READERS, RecordedEvent[]> = { steps: [], reflections: [], everything: [] };
    const subscriptions: Subscription[] = Object.entries(READERS).map(([name, eventTypes]) =>
      // A poll far beyond the test: only the append's notification wakes them.
      store.subscribe({ eventTypes, pollIntervalMs: 60_000, handler: async (batch) => void received[name as keyof typeof READERS].push(...batch) }),
    );
    try {
      // Caught up, each reader goes straight to sleep until a notification (or its far-off poll).
      await Promise.all(subscriptions.map((subscription) => subscription.caughtUp()));
      pageReads = 0;
      await store.append(tenant, `journey-${randomUUID()}`, [
        { id: randomUUID(), type: 'StepPlanned', data: { n: 1 } },
        { id: randomUUID(), type: 'ReflectionRecorded', data: { n: 2 } },
        { id: randomUUID(), type: 'StepPlanned', data: { n: 3 } },
      ]);
      await until(() => received.everything.length === 4);
      await until(() => received.steps.length === 2 && received.reflections.length === 1);
      expect(received.steps.map((event) => event.data.n)).toEqual([1, 3]);
      expect(received.reflections.map((event) => event.data.n)).toEqual([2]);
      expect(received.everything.map((event) => event.data.n)).toEqual([0, 1, 2, 3]);
      expect(pageReads).toBe(1);
    } finally {
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    }
  });

  it('a lingering reader gets two appends of one moment as one batch, and stops at once while it lingers', async () => {
    // The linger is far longer than two appends take, even on a busy machine.
    const { batches, subscription, plan } = await stepReader(new SqlEventStore(db), { lingerMs: 1_500 });
    try {
      await subscription.caughtUp();
      await plan(1);
      // Long enough for a reader that does not linger to have read the first on its own.
      await pause(300);
      await plan(2);
      await until(() => batches.flat().length === 2);
      expect(batches).toEqual([[1, 2]]);

      // Lingering again after this append, with a minute to go: stop() ends it.
      await plan(3);
      await pause(100);
    } finally {
      const stopping = Date.now();
      await subscription.stop();
      expect(Date.now() - stopping).toBeLessThan(1_000);
    }
  });

  it('a paced reader holds what comes soon after its last read until the pace runs out, and caughtUp() ends the wait', async () => {
    // A pace far beyond the test: only caughtUp() can end the wait in time.
    const { batches, subscription, plan } = await stepReader(new SqlEventStore(db), { paceMs: 60_000 });
    try {
      await subscription.caughtUp();
      await plan(1);
      // Long enough for a reader without a pace to have read it (as the first test's readers do).
      await pause(300);
      await plan(2);
      await pause(300);
      expect(batches).toEqual([]);
      await subscription.caughtUp();
      expect(batches).toEqual([[1, 2]]);
    } finally {
      await subscription.stop();
    }
  });
};

describe('live subscriptions reading the log, on PostgreSQL', () => {
  // A database of its own: no one else's appends wake these readers, and no one else's transactions hold the horizon.
  let scratch: ScratchDatabase;
  liveReads(async () => {
    scratch = await createScratchDatabase('stepwise_coalesced_reads');
    const db = new PostgresDatabase({ connectionString: scratch.url, max: 4 });
    return {
      db,
      dispose: async () => {
        await db.close();
        await scratch.drop();
      },
    };
  });
});

describe('live subscriptions reading the log, on PGlite', () => {
  liveReads(async () => {
    const db = await PgliteDatabase.open({ pglite: pgliteOutsideSandbox() });
    return { db, dispose: () => db.close() };
  });
});
