/**
 * A rebuild's runner (`freshTables`) inserts the rows of an immutable table by a plain INSERT, since
 * it emptied its tables and alone writes them. Should the log name such a row twice all the same,
 * the batch holding the second fails, is rolled back, and is applied again one by one, written as
 * ever (ON CONFLICT DO NOTHING): the rows end as a worker's runner leaves them, and the checkpoint
 * reaches the log's end. A worker's runner never takes the plain INSERT.
 */
import { randomUUID } from 'node:crypto';
import { tenantTableSecuritySql } from '@stepwise/database';
import { eventStoreMigrations, loadCheckpoint } from '@stepwise/event-store';
import type { EventSchemaVersions } from '@stepwise/kernel';
import type { Storage } from '@stepwise/platform';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { ProjectionRunner } from '../projection-runner';
import { projectionsMigrations } from '../projections.migrations';
import { defineRowProjection } from './row-projection';
import type { TableShape } from './table-shape';

type BellEvent = { readonly type: 'BellRung'; readonly data: { readonly bellId: string; readonly note: string } };
const bellEventSchemaVersions: EventSchemaVersions<BellEvent> = { BellRung: 1 };

type RingRow = { readonly tenant_id: string; readonly bell_id: string; readonly note: string };

describe.each<TestEngine>(['postgres', 'pglite'])('a runner of fresh tables, on %s', (engine) => {
  let storage: Storage;
  const table = `rings_${randomUUID().slice(0, 8)}`;
  /** One row per bell, as the first ring left it: immutable, keyed by the bell. */
  const ringsTable: TableShape<RingRow, 'tenant_id' | 'bell_id'> = {
    name: table,
    key: ['tenant_id', 'bell_id'],
    columns: { tenant_id: 'text', bell_id: 'text', note: 'text' },
    immutable: true,
  };
  const rings = defineRowProjection<BellEvent, { rings: typeof ringsTable }>({
    name: 'rings',
    tables: { rings: ringsTable },
    events: bellEventSchemaVersions,
    handlers: { BellRung: ({ rings: rows }, { data }, recorded) => rows.insert({ tenant_id: recorded.tenantId, bell_id: data.bellId, note: data.note }) },
  });

  beforeAll(async () => {
    storage = await openTestStorage(engine, { migrations: [...eventStoreMigrations, ...projectionsMigrations], upcasters: [] });
    await storage.database.exec(`CREATE TABLE ${table} (tenant_id text NOT NULL, bell_id text NOT NULL, note text NOT NULL, PRIMARY KEY (tenant_id, bell_id));
      ${tenantTableSecuritySql(table)}`);
  });
  afterAll(async () => {
    await storage?.close();
  });

  const ring = (tenantId: string, bellId: string, note: string) =>
    storage.eventStore.append(tenantId, `bell-${randomUUID()}`, [{ id: randomUUID(), type: 'BellRung', data: { bellId, note } }]);

  const run = async (freshTables: boolean): Promise<{ errors: unknown[]; processor: string }> => {
    const errors: unknown[] = [];
    const processor = `rings-${randomUUID().slice(0, 8)}`;
    const runner = new ProjectionRunner(storage.database, storage.eventStore, {
      processor,
      projections: [rings],
      // One event a batch: the second ring of a bell comes in a batch of its own, after the first committed.
      batchSize: 1,
      pollIntervalMs: 10,
      retryMaxMs: 20,
      freshTables,
      onError: (error) => errors.push(error),
    });
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    return { errors, processor };
  };

  const stored = async () =>
    (await storage.database.query<RingRow>(`SELECT tenant_id, bell_id, note FROM ${table} ORDER BY tenant_id, bell_id`)).rows;

  it('inserts each row once; a row the log names twice ends as ON CONFLICT DO NOTHING leaves it', async () => {
    const tenant = `tenant-${randomUUID()}`;
    await ring(tenant, 'bell-1', 'first');
    await ring(tenant, 'bell-2', 'only');
    await ring(tenant, 'bell-1', 'again');

    const fresh = await run(true);
    const rebuilt = await stored();
    expect(rebuilt).toEqual([
      { tenant_id: tenant, bell_id: 'bell-1', note: 'first' },
      { tenant_id: tenant, bell_id: 'bell-2', note: 'only' },
    ]);
    // The plain INSERT met the stored row once; that batch was applied again one by one.
    expect(fresh.errors).toHaveLength(1);
    expect(String((fresh.errors[0] as { code?: string }).code)).toBe('23505');
    const head = (await storage.database.query<{ head: string }>('SELECT max(global_position)::text AS head FROM es_events')).rows[0].head;
    expect((await loadCheckpoint(storage.database, fresh.processor)).globalPosition).toBe(Number(head));

    // A worker's runner over the same log, from an empty table: the same rows, and no conflict to recover from.
    await storage.database.exec(`TRUNCATE ${table}`);
    const worker = await run(false);
    expect(worker.errors).toEqual([]);
    expect(await stored()).toEqual(rebuilt);
  });
});
