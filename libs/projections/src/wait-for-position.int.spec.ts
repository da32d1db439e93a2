/**
 * Read-your-writes waiting on PostgreSQL: waiters on one processor share one checkpoint reader, and
 * each still resolves on its own position, or times out to false, as if it were alone. Once the
 * watch listens, the runners' announcements answer waiters: no query until a deadline, and after a
 * lost listening session it reads and listens again.
 */
import { randomUUID } from 'node:crypto';
import { migrate, PostgresDatabase, type SqlDatabase } from '@stepwise/database';
import { adminQuery, beginOutage, createScratchDatabase, testDatabaseUrl, type ScratchDatabase } from '@stepwise/test-support';
import { eventStoreMigrations, LOG_START, loadCheckpoint, saveCheckpoint, type LogCheckpoint } from '@stepwise/event-store';
import { CHECKPOINT_CHANNEL, formatCheckpointSignal } from './checkpoint-signal';
import type { WatchedExecutor } from './checkpoint-watch';
import { waitForPosition } from './wait-for-position';

const at = (globalPosition: number): LogCheckpoint => ({ txId: 1000, globalPosition });

describe('waitForPosition on PostgreSQL', () => {
  let db: SqlDatabase;
  let processor: string;

  beforeAll(async () => {
    db = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 4 });
    await migrate(db, eventStoreMigrations);
  });

  afterAll(() => db.close());

  beforeEach(() => {
    processor = `wait-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  });

  /** Moves the checkpoint as a runner does: saved, and announced at commit. */
  const moveTo = async (next: LogCheckpoint, announce = true): Promise<void> => {
    await db.transaction(async (tx) => {
      await saveCheckpoint(tx, processor, await loadCheckpoint(tx, processor), next);
      if (announce) await tx.query('SELECT pg_notify($1, $2)', [CHECKPOINT_CHANNEL, formatCheckpointSignal(processor, next)]);
    });
  };

  /** The database, counting the queries sent through it (LISTEN goes its own way, on its own session). */
  const counting = (database: SqlDatabase): { executor: WatchedExecutor; queries: () => number } => {
    let queries = 0;
    const executor: WatchedExecutor = {
      query: (sql, params) => ((queries += 1), database.query(sql, params)),
      exec: (sql) => database.exec(sql),
      listen: (channel, onNotify, onLost) => database.listen(channel, onNotify, onLost),
    };
    return { executor, queries: () => queries };
  };

  /**
   * Announced moves, one at a time, each with a waiter, until one is answered without a query: the
   * watch then listens and has read since (live). Starts from the checkpoint at `from`; resolves to
   * the position reached.
   */
  const untilLive = async (executor: WatchedExecutor, queries: () => number, from: number): Promise<number> => {
    let position = from;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const before = queries();
      const waiting = waitForPosition(executor, processor, at(position + 1), 30_000);
      position += 1;
      await moveTo(at(position));
      expect(await waiting).toBe(true);
      if (queries() === before) return position;
      if (Date.now() > deadline) throw new Error('the watch never answered from an announcement alone');
    }
  };

  it('resolves each waiter when the checkpoint reaches its own position', async () => {
    await moveTo(at(1));
    const settled: number[] = [];
    const early = Array.from({ length: 20 }, () => waitForPosition(db, processor, at(5), 5_000).then((reached) => (settled.push(5), reached)));
    const late = waitForPosition(db, processor, at(10), 5_000).then((reached) => (settled.push(10), reached));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settled).toEqual([]);

    await moveTo(at(5));
    expect(await Promise.all(early)).toEqual(Array(20).fill(true));
    expect(settled).not.toContain(10);

    await moveTo(at(12));
    expect(await late).toBe(true);
  });

  it('answers at once when the position is already reached (the log start, for a processor that never ran)', async () => {
    await moveTo(at(7));
    expect(await waitForPosition(db, processor, at(7), 0)).toBe(true);
    expect(await waitForPosition(db, `${processor}-never`, LOG_START, 0)).toBe(true);
  });

  it('resolves false when the position is not reached in time, without holding other waiters', async () => {
    await moveTo(at(1));
    const patient = waitForPosition(db, processor, at(3), 5_000);
    expect(await waitForPosition(db, processor, at(3), 50)).toBe(false);
    expect(await waitForPosition(db, processor, at(3), 0)).toBe(false);
    await moveTo(at(3));
    expect(await patient).toBe(true);
  });

  it('sends no query while announcements answer its waiters, and one at a deadline', async () => {
    const { executor, queries } = counting(db);
    await moveTo(at(1));
    const from = await untilLive(executor, queries, 1);
    const before = queries();
    const waiting = Array.from({ length: 10 }, (_, index) => waitForPosition(executor, processor, at(from + 1 + index), 30_000));
    for (let position = from + 1; position <= from + 10; position += 1) await moveTo(at(position));
    expect(await Promise.all(waiting)).toEqual(Array(10).fill(true));
    expect(await waitForPosition(executor, processor, at(from + 10), 0)).toBe(true);
    expect(queries() - before).toBe(0);
    // Only a read answers false: the one at the deadline.
    expect(await waitForPosition(executor, processor, at(from + 11), 50)).toBe(false);
    expect(queries() - before).toBe(1);
    // A move nobody announced is still found, by that last read.
    await moveTo(at(from + 20), false);
    expect(await waitForPosition(executor, processor, at(from + 20), 50)).toBe(true);
    expect(queries() - before).toBe(2);
  });

  it('reads and listens again after its listening session is lost, missing no move', async () => {
    const applicationName = `wait-${randomUUID().slice(0, 8)}`;
    const own = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 2, applicationName });
    try {
      const { executor, queries } = counting(own);
      await moveTo(at(1));
      const from = await untilLive(executor, queries, 1);
      // Far beyond the test's own timeout: only a read after the loss, or a new announcement, can answer it.
      const waiting = waitForPosition(executor, processor, at(from + 1), 120_000);
      await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '${applicationName}-listener'`);
      await moveTo(at(from + 1));
      expect(await waiting).toBe(true);
      // It listens again: announcements alone answer waiters once more.
      await untilLive(executor, queries, from + 1);
    } finally {
      await own.close();
    }
  });

  it('rejects a malformed processor name instead of waiting', async () => {
    await expect(waitForPosition(db, 'bad name!', at(1), 1_000)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('waitForPosition while the database is unreachable', () => {
  let scratch: ScratchDatabase;
  let db: PostgresDatabase;

  beforeAll(async () => {
    scratch = await createScratchDatabase('wait_outage');
    db = new PostgresDatabase({ connectionString: scratch.url, max: 2 });
    await migrate(db, eventStoreMigrations);
  });

  afterAll(async () => {
    await adminQuery(`ALTER DATABASE ${scratch.name} ALLOW_CONNECTIONS true`);
    await db.close();
    await scratch.drop();
  });

  it('answers false at its deadline, never an error: what it waits for was committed before', async () => {
    const processor = `outage-${randomUUID().slice(0, 8)}`;
    const move = (next: LogCheckpoint) => db.transaction(async (tx) => saveCheckpoint(tx, processor, await loadCheckpoint(tx, processor), next));
    await move(at(1));
    expect(await waitForPosition(db, processor, at(1), 5_000)).toBe(true);

    const waiting = waitForPosition(db, processor, at(2), 2_000);
    // An outage: no new session is let in, and every session there is (the listening one too) is ended.
    const endOutage = await beginOutage(scratch.name);
    await expect(waiting).resolves.toBe(false);

    await endOutage();
    await move(at(2));
    expect(await waitForPosition(db, processor, at(2), 20_000)).toBe(true);
  });
});
