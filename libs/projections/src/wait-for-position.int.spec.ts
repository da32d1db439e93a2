/**
 * Read-your-writes waiting on PostgreSQL: waiters on one processor share one checkpoint reader, and
 * each still resolves on its own position, or times out to false, as if it were alone.
 */
import { migrate, PostgresDatabase, type SqlDatabase } from '@stepwise/database';
import { testDatabaseUrl } from '@stepwise/test-support';
import { eventStoreMigrations, LOG_START, loadCheckpoint, saveCheckpoint, type LogCheckpoint } from '@stepwise/event-store';
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

  const moveTo = async (next: LogCheckpoint): Promise<void> => {
    await db.transaction(async (tx) => saveCheckpoint(tx, processor, await loadCheckpoint(tx, processor), next));
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

  it('rejects a malformed processor name instead of waiting', async () => {
    await expect(waitForPosition(db, 'bad name!', at(1), 1_000)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
