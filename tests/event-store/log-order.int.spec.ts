/**
 * The global log is ordered by the numbers (tx_id, global_position), also where transaction ids gain
 * a digit (9 → 10, 99 → 100, 99,999 → 100,000): sorted as text they would come out of order, a full page
 * would end on the wrong event and the next page would skip events, and the log head (what
 * `caughtUp()` waits for) would be an old event, so caughtUp() could resolve before anything new is
 * delivered. Rows are written with chosen transaction ids, so each engine gets a database of its own.
 */
import { migrate, PgliteDatabase, PostgresDatabase, type SqlDatabase } from '@stepwise/database';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { compareCheckpoints, eventStoreMigrations, LOG_START, SqlEventStore, type LogCheckpoint, type RecordedEvent } from '@stepwise/event-store';
import { adminDatabaseUrl, databaseUrlFor, pgliteOutsideSandbox } from '../support';

// Written in this order, so global positions do not follow transaction ids; all below the ids a fresh
// PGlite (about 750) or PostgreSQL cluster is handing out, hence committed and readable.
const TX_IDS = [100, 9, 10, 99, 500, 11, 101, 8, 98];
const TENANTS = ['tenant-a', 'tenant-b'];

interface Engine {
  readonly name: string;
  open(): Promise<SqlDatabase>;
  dispose(): Promise<void>;
}

const pglite = (): Engine => {
  let db: PgliteDatabase;
  return {
    name: 'PGlite',
    open: async () => (db = await PgliteDatabase.open({ pglite: pgliteOutsideSandbox() })),
    dispose: () => db.close(),
  };
};

const postgres = (): Engine => {
  const name = `stepwise_log_order_${process.pid}_${Date.now().toString(36)}`;
  let db: PostgresDatabase;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminDatabaseUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'PostgreSQL',
    open: async () => {
      await admin(`CREATE DATABASE ${name}`);
      return (db = new PostgresDatabase({ connectionString: databaseUrlFor(name), max: 4 }));
    },
    dispose: async () => {
      await db?.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
};

describe.each([pglite(), postgres()])('global log order across digit boundaries of transaction ids ($name)', (engine) => {
  let db: SqlDatabase;
  let store: SqlEventStore;
  let expected: Array<{ txId: number; globalPosition: number; tenantId: string; type: string }>;

  beforeAll(async () => {
    db = await engine.open();
    await migrate(db, eventStoreMigrations);
    store = new SqlEventStore(db);
    let n = 0;
    for (const txId of TX_IDS) {
      for (const tenantId of TENANTS) {
        n += 1;
        const type = n % 3 === 0 ? 'PivotMade' : 'StepTaken';
        await db.query(
          `INSERT INTO es_events (tx_id, tenant_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
           VALUES ($1::text::xid8, $2, $3, 1, $4, $5, 1, $6, $7)`,
          [txId, tenantId, `s-${n}`, randomUUID(), type, JSON.stringify({ n }), JSON.stringify({ tenantId, recordedAt: new Date().toISOString() })],
        );
      }
    }
    const { rows } = await db.query<{ tx_id: string; global_position: string | number; tenant_id: string; event_type: string }>(
      'SELECT tx_id, global_position, tenant_id, event_type FROM es_events',
    );
    expected = rows
      .map((row) => ({ txId: Number(row.tx_id), globalPosition: Number(row.global_position), tenantId: row.tenant_id, type: row.event_type }))
      .sort(compareCheckpoints);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await engine.dispose();
  });

  const positions = (events: ReadonlyArray<LogCheckpoint>) => events.map((e) => `${e.txId}/${e.globalPosition}`);

  const readThrough = async (options: { maxCount: number; tenantId?: string; eventTypes?: string[] }) => {
    const seen: RecordedEvent[] = [];
    let checkpoint: LogCheckpoint = LOG_START;
    for (let pages = 0; pages < 100; pages += 1) {
      const page = await store.readAll({ ...options, after: checkpoint });
      seen.push(...page.events);
      if (compareCheckpoints(page.checkpoint, checkpoint) === 0) return { seen, checkpoint };
      checkpoint = page.checkpoint;
    }
    throw new Error('readAll did not settle');
  };

  it.each([1, 2, 3, 5, 10_000])('readAll in pages of %i returns every event once, in numeric log order', async (maxCount) => {
    const { seen, checkpoint } = await readThrough({ maxCount });
    expect(positions(seen)).toEqual(positions(expected));
    expect(compareCheckpoints(checkpoint, expected[expected.length - 1])).toBe(0);
  });

  it('filtered reads keep numeric order and move past what they filter out', async () => {
    const wanted = expected.filter((e) => e.tenantId === 'tenant-b' && e.type === 'PivotMade');
    const { seen, checkpoint } = await readThrough({ maxCount: 1, tenantId: 'tenant-b', eventTypes: ['PivotMade'] });
    expect(positions(seen)).toEqual(positions(wanted));
    expect(compareCheckpoints(checkpoint, expected[expected.length - 1])).toBe(0);
  });

  it('logHead is the numerically last event, so caughtUp() waits for events appended now', async () => {
    const { txId, globalPosition } = expected[expected.length - 1];
    expect(txId).toBe(500);
    expect(await store.logHead()).toEqual({ txId, globalPosition });
    const appended = await store.append('tenant-a', 'live', [{ id: randomUUID(), type: 'StepTaken', data: {} }]);
    expect(await store.logHead()).toEqual(appended.position);
    // The log now ends with it, for whichever test runs next.
    expected = [...expected, { ...appended.position, tenantId: 'tenant-a', type: 'StepTaken' }];

    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribe({ from: LOG_START, batchSize: 2, pollIntervalMs: 20, handler: async (batch) => void delivered.push(...batch) });
    await subscription.caughtUp();
    await subscription.stop();
    expect(positions(delivered)).toEqual(positions(expected));
  });
});
