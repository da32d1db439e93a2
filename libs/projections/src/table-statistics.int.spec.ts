/**
 * A runner filling its tables from empty analyses those without statistics once, after
 * `statisticsAfter` events, so its statements are planned knowing how the rows spread.
 */
import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, type RecordedEvent } from '@stepwise/event-store';
import type { Storage } from '@stepwise/platform';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { projectionsMigrations } from './projections.migrations';
import { analyseTablesWithoutStatistics, tablesWithoutStatistics } from './table-statistics';

describe.each<TestEngine>(['postgres', 'pglite'])('tables without statistics, on %s', (engine) => {
  let storage: Storage;
  let runner: ProjectionRunner | undefined;

  beforeAll(async () => {
    storage = await openTestStorage(engine, { migrations: [...eventStoreMigrations, ...projectionsMigrations], upcasters: [] });
    await storage.database.exec('CREATE SCHEMA IF NOT EXISTS statistics_probe');
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
  });
  afterAll(async () => {
    await storage?.close();
  });

  const newTable = async (schema?: string): Promise<string> => {
    const table = `${schema ? `${schema}.` : ''}counted_${randomUUID().slice(0, 8)}`;
    await storage.database.exec(`CREATE TABLE ${table} (tenant_id text NOT NULL, id text NOT NULL, PRIMARY KEY (tenant_id, id))`);
    return table;
  };

  const counting = (table: string): Projection => ({
    name: 'counting',
    eventTypes: ['Counted'],
    tables: [table],
    runsAs: 'owner',
    apply: async (tx, event: RecordedEvent) => {
      await tx.query(`INSERT INTO ${table} (tenant_id, id) VALUES ($1, $2)`, [event.tenantId, event.id]);
    },
  });

  const append = (count: number) =>
    storage.eventStore.append(`tenant-${randomUUID()}`, `counter-${randomUUID()}`, Array.from({ length: count }, () => ({ id: randomUUID(), type: 'Counted', data: {} })));

  const follow = async (table: string, statisticsAfter: number): Promise<unknown[]> => {
    const errors: unknown[] = [];
    runner = new ProjectionRunner(storage.database, storage.eventStore, {
      processor: `statistics-probe-${randomUUID().slice(0, 8)}`,
      projections: [counting(table)],
      batchSize: 10,
      pollIntervalMs: 20,
      statisticsAfter,
      onError: (error) => errors.push(error),
    });
    await runner.start();
    await runner.caughtUp();
    return errors;
  };

  it('names the tables, schema-qualified or not, that have none, and analyses only those', async () => {
    const [plain, qualified, analysed] = [await newTable(), await newTable('statistics_probe'), await newTable()];
    for (const table of [plain, qualified, analysed]) await storage.database.exec(`INSERT INTO ${table} VALUES ('tenant-a', 'row-1'), ('tenant-b', 'row-2')`);
    await storage.database.exec(`ANALYZE ${analysed}`);
    expect(await tablesWithoutStatistics(storage.database, [plain, qualified, analysed])).toEqual([plain, qualified]);
    expect(await analyseTablesWithoutStatistics(storage.database, [plain, qualified, analysed])).toEqual([plain, qualified]);
    expect(await tablesWithoutStatistics(storage.database, [plain, qualified, analysed])).toEqual([]);
  });

  it('leaves a runner’s tables alone until it has applied statisticsAfter events, then analyses them', async () => {
    const below = await newTable();
    await append(30);
    expect(await follow(below, 1_000_000)).toEqual([]);
    expect(await tablesWithoutStatistics(storage.database, [below])).toEqual([below]);
    await runner?.stop();

    const past = await newTable();
    expect(await follow(past, 25)).toEqual([]);
    expect(await tablesWithoutStatistics(storage.database, [past])).toEqual([]);
    const { rows } = await storage.database.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${past}`);
    expect(Number(rows[0].count)).toBeGreaterThanOrEqual(30);
  });
});
