/**
 * The global log under concurrency on PostgreSQL: a reader following it with readAll sees every
 * committed event exactly once, every stream in its own order, nothing from rolled-back transactions,
 * and never moves its checkpoint past a transaction that may still commit.
 */
import { migrate, PostgresDatabase, type SqlExecutor } from '@stepwise/database';
import { randomUUID } from 'node:crypto';
import { compareCheckpoints, eventStoreMigrations, SqlEventStore, type LogCheckpoint, type NewEvent, type RecordedEvent } from '@stepwise/event-store';
import { testDatabaseUrl } from '../support/test-database';

class DeliberateRollback extends Error {}

const newEvents = (count: number): NewEvent[] => Array.from({ length: count }, () => ({ id: randomUUID(), type: 'StepTaken', data: {} }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('global log consistency on PostgreSQL', () => {
  let db: PostgresDatabase;
  let store: SqlEventStore;

  beforeAll(async () => {
    db = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 20 });
    await migrate(db, eventStoreMigrations);
    store = new SqlEventStore(db);
  });

  afterAll(async () => {
    await store.close();
    await db.close();
  });

  it('16 writers on 50 streams, some rolling back: the reader sees each committed event once, in stream order', async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const start = await store.logHead();
    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    let writing = true;

    const writer = async (writerIndex: number) => {
      for (let round = 0; round < 25; round += 1) {
        const streamId = `journey-${(writerIndex * 7 + round * 13) % 50}`;
        const batch = newEvents(1 + (round % 3));
        if (round % 5 === 4) {
          // Appends inside a transaction that then aborts: none of it may ever be read.
          await db
            .transaction(async (tx) => {
              await store.appendIn(tx, tenantId, streamId, batch);
              batch.forEach((event) => rolledBack.add(event.id));
              throw new DeliberateRollback();
            })
            .catch((error) => {
              if (!(error instanceof DeliberateRollback)) throw error;
            });
        } else if (round % 2 === 0) {
          // Exact expectations with the usual reload-and-retry loop.
          for (;;) {
            const version = await store.streamVersion(tenantId, streamId);
            try {
              await store.append(tenantId, streamId, batch, { expected: version });
              break;
            } catch (error) {
              if ((error as { code?: string }).code !== 'WRONG_EXPECTED_VERSION') throw error;
            }
          }
          batch.forEach((event) => committed.add(event.id));
        } else {
          await store.append(tenantId, streamId, batch);
          batch.forEach((event) => committed.add(event.id));
        }
      }
    };

    const seen: RecordedEvent[] = [];
    const reader = async () => {
      let checkpoint: LogCheckpoint = start;
      for (;;) {
        const finalHead = writing ? undefined : await store.logHead();
        const page = await store.readAll({ after: checkpoint, tenantId, maxCount: 37 });
        seen.push(...page.events);
        checkpoint = page.checkpoint;
        if (finalHead && compareCheckpoints(checkpoint, finalHead) >= 0) return;
        if (page.events.length === 0) await sleep(5);
      }
    };

    const reading = reader();
    await Promise.all(Array.from({ length: 16 }, (_, index) => writer(index)));
    writing = false;
    await reading;

    const seenIds = seen.map((event) => event.id);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect(seenIds.filter((id) => rolledBack.has(id))).toEqual([]);
    expect(new Set(seenIds)).toEqual(committed);
    expect(rolledBack.size).toBeGreaterThan(0);
    const versionsByStream = new Map<string, number[]>();
    for (const event of seen) versionsByStream.set(event.streamId, [...(versionsByStream.get(event.streamId) ?? []), event.streamVersion]);
    for (const versions of versionsByStream.values()) expect(versions).toEqual(versions.map((_, index) => index + 1));
  }, 60_000);

  it('a subscription reading ahead of a slow handler delivers each committed event once, in log order, with exact checkpoints', async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const start = await store.logHead();
    const committed = new Set<string>();
    const delivered: RecordedEvent[] = [];
    const checkpoints: LogCheckpoint[] = [];
    const batchSize = 5;
    const subscription = store.subscribe({
      from: start,
      tenantId,
      batchSize,
      pollIntervalMs: 20,
      handler: async (batch, checkpoint) => {
        await sleep(2); // the next page is being read meanwhile
        const last = batch[batch.length - 1];
        if (batch.length === batchSize) expect(checkpoint).toEqual({ txId: last.txId, globalPosition: last.globalPosition });
        else expect(compareCheckpoints(checkpoint, last)).toBeGreaterThanOrEqual(0);
        delivered.push(...batch);
        checkpoints.push(checkpoint);
      },
    });
    await Promise.all(
      Array.from({ length: 8 }, async (_, writerIndex) => {
        for (let round = 0; round < 15; round += 1) {
          const batch = newEvents(1 + ((writerIndex + round) % 4));
          await store.append(tenantId, `journey-${(writerIndex * 3 + round) % 20}`, batch);
          batch.forEach((event) => committed.add(event.id));
        }
      }),
    );
    await subscription.caughtUp();
    await subscription.stop();

    expect(delivered.map((event) => event.id).sort()).toEqual([...committed].sort());
    const order = delivered.map((event) => ({ txId: event.txId, globalPosition: event.globalPosition }));
    expect([...order].sort(compareCheckpoints)).toEqual(order);
    expect(new Set(order.map((o) => `${o.txId}/${o.globalPosition}`)).size).toBe(order.length);
    for (let index = 1; index < checkpoints.length; index += 1) expect(compareCheckpoints(checkpoints[index], checkpoints[index - 1])).toBeGreaterThan(0);
  }, 60_000);

  it('does not read past a transaction that appended first and commits last, then reads it', async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const start = await store.logHead();
    let releaseA!: () => void;
    const aMayCommit = new Promise<void>((resolve) => (releaseA = resolve));
    let aAppended!: (position: LogCheckpoint) => void;
    const aPosition = new Promise<LogCheckpoint>((resolve) => (aAppended = resolve));

    const transactionA = db.transaction(async (tx: SqlExecutor) => {
      const result = await store.appendIn(tx, tenantId, 'late', newEvents(1));
      aAppended(result.position);
      await aMayCommit;
    });
    // Whatever an expectation says, A ends: left open, it would hold the log's horizon for every
    // later file that shares this database.
    try {
      // A failing before it appended (no connection, say) fails the test rather than leaving it waiting.
      const a = await Promise.race([aPosition, transactionA.then(() => Promise.reject(new Error('A ended before it appended')))]);
      const b = await store.append(tenantId, 'early', newEvents(1));
      expect(b.position.globalPosition).toBeGreaterThan(a.globalPosition);

      const whileAIsOpen = await store.readAll({ after: start, tenantId });
      expect(whileAIsOpen.events).toEqual([]);
      // The checkpoint stays before A's slot, so A cannot be skipped once it commits.
      expect(whileAIsOpen.checkpoint.txId).toBeLessThan(a.txId);
      // B has committed, but it is stuck behind A: a subscription does not deliver it either.
      const delivered: RecordedEvent[] = [];
      const subscription = store.subscribe({ from: start, tenantId, pollIntervalMs: 20, handler: async (batch) => void delivered.push(...batch) });
      await sleep(150);
      expect(delivered).toEqual([]);

      releaseA();
      await transactionA;
      const afterCommit = await store.readAll({ after: whileAIsOpen.checkpoint, tenantId });
      expect(afterCommit.events.map((event) => event.streamId)).toEqual(['late', 'early']);
      await subscription.caughtUp();
      await subscription.stop();
      expect(delivered.map((event) => event.streamId)).toEqual(['late', 'early']);
    } finally {
      releaseA();
      await transactionA.catch(() => undefined);
    }
  }, 30_000);
});
