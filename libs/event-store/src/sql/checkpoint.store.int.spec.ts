/**
 * A projection's writes and its checkpoint commit or roll back together, on both engines, and two
 * runners of one processor cannot both move the checkpoint from the same place.
 */
import { testDatabaseUrl } from '@stepwise/test-support';
import { pgliteOutsideSandbox } from '@stepwise/test-support';
import { LOG_START, type LogCheckpoint } from '../event-store.port';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.store';
import { eventStoreMigrations } from './event-store.migrations';
import { migrate, PgliteDatabase, PostgresDatabase, type SqlDatabase } from '@stepwise/database';

const engines: Array<[string, () => Promise<SqlDatabase>]> = [
  ['PostgreSQL', async () => new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 4 })],
  ['PGlite', () => PgliteDatabase.open({ pglite: pgliteOutsideSandbox() })],
];

describe.each(engines)('checkpoints on %s', (_engine, open) => {
  let db: SqlDatabase;
  // Each test its own processor, so tests pass in any order.
  let processor: string;
  beforeEach(() => {
    processor = `closer-rate-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  });

  beforeAll(async () => {
    db = await open();
    await migrate(db, eventStoreMigrations);
    await db.exec('CREATE TABLE IF NOT EXISTS test_closer_rate (processor text, journey_id text, reflections int, PRIMARY KEY (processor, journey_id))');
  });

  afterAll(() => db.close());

  /** One projection batch: a read-model write and the checkpoint, in one transaction. */
  const project = (expected: LogCheckpoint, next: LogCheckpoint, fail = false) =>
    db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO test_closer_rate VALUES ($1, 'j-1', 1)
         ON CONFLICT (processor, journey_id) DO UPDATE SET reflections = test_closer_rate.reflections + 1`,
        [processor],
      );
      await saveCheckpoint(tx, processor, expected, next);
      if (fail) throw new Error('projection failed after writing');
    });

  const reflections = async () =>
    (await db.query<{ reflections: number }>('SELECT reflections FROM test_closer_rate WHERE processor = $1', [processor])).rows[0]
      ?.reflections ?? 0;

  it('commits the write and the checkpoint together, and rolls both back together', async () => {
    expect(await loadCheckpoint(db, processor)).toEqual(LOG_START);
    await project(LOG_START, { txId: 10, globalPosition: 5 });
    expect(await loadCheckpoint(db, processor)).toEqual({ txId: 10, globalPosition: 5 });
    expect(await reflections()).toBe(1);

    await expect(project({ txId: 10, globalPosition: 5 }, { txId: 12, globalPosition: 9 }, true)).rejects.toThrow('projection failed');
    expect(await loadCheckpoint(db, processor)).toEqual({ txId: 10, globalPosition: 5 });
    expect(await reflections()).toBe(1);
  });

  it('a runner that lost the race gets CHECKPOINT_CONFLICT and its write rolls back', async () => {
    await project(LOG_START, { txId: 10, globalPosition: 5 });
    const from = await loadCheckpoint(db, processor);
    await project(from, { txId: 20, globalPosition: 30 });
    await expect(project(from, { txId: 21, globalPosition: 31 })).rejects.toMatchObject({
      code: 'CHECKPOINT_CONFLICT',
      expected: from,
      actual: { txId: 20, globalPosition: 30 },
    });
    expect(await reflections()).toBe(2);
    await expect(project(LOG_START, { txId: 1, globalPosition: 1 })).rejects.toMatchObject({ code: 'CHECKPOINT_CONFLICT' });
  });

  it('refuses to move a checkpoint backwards', async () => {
    await project(LOG_START, { txId: 10, globalPosition: 5 });
    const from = await loadCheckpoint(db, processor);
    await expect(project(from, { txId: from.txId - 1, globalPosition: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
