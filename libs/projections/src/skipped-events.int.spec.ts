/**
 * A processor reads some event types of the log, not all. Events it does not read must not leave its
 * stored checkpoint behind: the lag it reports on /metrics and a mutation waiting to read its own
 * writes both go by the stored checkpoint, and neither may wait for an event of a type it never reads.
 */
import { randomUUID } from 'node:crypto';
import { migrate, PostgresDatabase } from '@stepwise/database';
import { eventStoreMigrations, loadCheckpoint, SqlEventStore, type LogCheckpoint } from '@stepwise/event-store';
import { runInTenant } from '@stepwise/kernel';
import { createScratchDatabase, type ScratchDatabase } from '@stepwise/test-support';
import { projectionLag } from './projection-lag';
import { ProjectionRunner } from './projection-runner';
import { projectionsMigrations } from './projections.migrations';
import { waitForPosition } from './wait-for-position';

describe('ProjectionRunner past events it does not read, on PostgreSQL', () => {
  // A database of its own: the lag counts every event past the checkpoint, whoever appended it.
  let scratch: ScratchDatabase;
  let database: PostgresDatabase;
  let store: SqlEventStore;
  const tenant = `tenant-${randomUUID()}`;
  const processor = `skipping-${randomUUID()}`;
  const applied: string[] = [];
  let runner: ProjectionRunner;

  const append = (type: string): Promise<LogCheckpoint> =>
    runInTenant({ tenantId: tenant, correlationId: 'c' }, async () => {
      const result = await store.append(tenant, `stream-${randomUUID()}`, [{ id: randomUUID(), type, data: {} }]);
      return result.position;
    });

  beforeAll(async () => {
    scratch = await createScratchDatabase('skipped_events');
    database = new PostgresDatabase({ connectionString: scratch.url, max: 3 });
    store = new SqlEventStore(database);
    await migrate(database, [...eventStoreMigrations, ...projectionsMigrations]);
    runner = new ProjectionRunner(database, store, {
      processor,
      projections: [{ name: 'counting', eventTypes: ['Counted'], tables: [], apply: async (_tx, event) => void applied.push(event.id) }],
      pollIntervalMs: 50,
    });
    await runner.start();
  });

  afterAll(async () => {
    await runner.stop();
    await store.close();
    await database.close();
    await scratch.drop();
  });

  it('moves the stored checkpoint past them, so it reports no lag and read-your-writes answers', async () => {
    await append('Counted');
    await runner.caughtUp();
    const ignored = await append('NotCounted');
    await runner.caughtUp();

    expect(applied).toHaveLength(1);
    expect(await waitForPosition(database, processor, ignored, 1_000)).toBe(true);
    const stored = await loadCheckpoint(database, processor);
    expect(stored).toEqual(ignored);
    const lag = (await projectionLag(database)).find((entry) => entry.processor === processor);
    expect(lag).toEqual({ processor, events: 0, seconds: 0 });
  });

  it('reports a processor the deployment runs that never saved a checkpoint as behind by the whole log, and one that did once', async () => {
    const lags = await projectionLag(database, [processor, 'never-ran']);
    expect(lags.filter((entry) => entry.processor === processor)).toEqual([{ processor, events: 0, seconds: 0 }]);
    const neverRan = lags.find((entry) => entry.processor === 'never-ran');
    expect(neverRan?.events).toBe(2);
    expect(neverRan?.seconds).toBeGreaterThan(0);
  });
});
