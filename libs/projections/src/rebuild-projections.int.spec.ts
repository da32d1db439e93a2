/**
 * Resetting projections for a rebuild empties their tables and keeps (and where missing, makes) the
 * tables' statistics, so the replay's plans are made knowing how the rows spread over tenants.
 */
import { randomUUID } from 'node:crypto';
import { eventStoreMigrations } from '@stepwise/event-store';
import type { Storage } from '@stepwise/platform';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import type { Projection } from './projection';
import { projectionsMigrations } from './projections.migrations';
import { resetProjections } from './rebuild-projections';

describe.each<TestEngine>(['postgres', 'pglite'])('resetting projections for a rebuild, on %s', (engine) => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage(engine, { migrations: [...eventStoreMigrations, ...projectionsMigrations], upcasters: [] });
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('empties the tables and leaves them with statistics on their columns', async () => {
    const table = `reset_probe_${randomUUID().slice(0, 8)}`;
    await storage.database.exec(`CREATE TABLE ${table} (tenant_id text NOT NULL, id text NOT NULL, PRIMARY KEY (tenant_id, id))`);
    await storage.database.exec(
      `INSERT INTO ${table} SELECT 'tenant-' || (n % 20), 'row-' || n FROM generate_series(1, 2000) AS n`,
    );
    const statistics = async () =>
      (await storage.database.query<{ attname: string; n_distinct: number }>('SELECT attname, n_distinct FROM pg_stats WHERE tablename = $1 ORDER BY attname', [table])).rows;
    expect(await statistics()).toEqual([]);

    const projection: Projection = { name: 'reset-probe', eventTypes: [], tables: [table], apply: async () => undefined };
    await resetProjections(storage.database, `reset-${randomUUID()}`, [projection]);

    const { rows } = await storage.database.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${table}`);
    expect(rows[0].count).toBe('0');
    const kept = await statistics();
    expect(kept.map(({ attname }) => attname)).toEqual(['id', 'tenant_id']);
    expect(kept.find(({ attname }) => attname === 'tenant_id')?.n_distinct).toBe(20);
  });
});
