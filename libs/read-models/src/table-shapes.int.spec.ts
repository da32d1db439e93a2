/**
 * A row projection writes whole rows, so its table shapes must name every column of the table, with
 * its type, and the table's primary key: a column left out would keep a stale value where an insert
 * would have given it its default. And every lookup a shape declares (rows loaded by other columns
 * than the key, at each batch that names them) has an index led by its columns, so a batch's load is
 * an index probe, never a walk through the tenant's rows. Checked against the migrated schema.
 */
import { analyticsProjections } from '@stepwise/analytics-infrastructure';
import type { Storage } from '@stepwise/platform';
import type { AnyShape } from '@stepwise/projections';
import { openTestStorage } from '@stepwise/test-support';
import { readModelProjections, stepwiseSchema } from './read-models';

const TYPES: Record<string, string> = {
  text: 'text',
  integer: 'integer',
  smallint: 'smallint',
  bigint: 'bigint',
  boolean: 'boolean',
  'timestamp with time zone': 'timestamptz',
  date: 'date',
  jsonb: 'jsonb',
};

const shapes: AnyShape[] = [...readModelProjections, ...analyticsProjections()].flatMap((projection) => Object.values(projection.rows?.shapes ?? {}));

describe('the tables of the row projections', () => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', stepwiseSchema);
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('covers the projections that write rows', () => {
    expect(shapes.map((shape) => shape.name)).toEqual(expect.arrayContaining(['journey_timeline', 'journey_steps', 'analytics.journeys']));
  });

  it.each(shapes.map((shape) => [shape.name, shape] as const))('%s: every column with its type, and the primary key', async (name, shape) => {
    const [schema, table] = name.includes('.') ? name.split('.') : ['public', name];
    const { rows: columns } = await storage.database.query<{ column_name: string; data_type: string }>(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
      [schema, table],
    );
    expect(columns.length).toBeGreaterThan(0);
    expect(Object.fromEntries(columns.map((column) => [column.column_name, TYPES[column.data_type] ?? column.data_type]))).toEqual(shape.columns);
    const { rows: key } = await storage.database.query<{ column_name: string }>(
      `SELECT a.attname AS column_name FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
       WHERE i.indrelid = $1::regclass AND i.indisprimary
       ORDER BY array_position(i.indkey::int2[], a.attnum)`,
      [name],
    );
    expect(key.map((column) => column.column_name)).toEqual(shape.key);
  });

  const lookups = shapes.flatMap((shape) => ((shape.lookups ?? []) as readonly (readonly string[])[]).map((columns) => [shape.name, columns] as const));

  it('declares lookups to check', () => {
    expect(lookups.map(([name]) => name)).toContain('journey_timeline');
  });

  it.each(lookups)('%s: an index led by the lookup %j', async (name, columns) => {
    const { rows: indexes } = await storage.database.query<{ columns: string[] }>(
      `SELECT array_agg(a.attname::text ORDER BY k.position) AS columns
       FROM pg_index i
       CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
       WHERE i.indrelid = $1::regclass
       GROUP BY i.indexrelid`,
      [name],
    );
    const led = indexes.filter((index) => [...index.columns.slice(0, columns.length)].sort().join(',') === [...columns].sort().join(','));
    expect(led.length).toBeGreaterThan(0);
  });
});
