/**
 * Event-store benchmark: `npm run bench:event-store`. Prints medians of a few runs per figure, for
 * PostgreSQL (fresh databases, dropped afterwards) and file-backed PGlite (a temp directory).
 * On PostgreSQL, single-event appends to new and to existing streams at 1 and 16 writers, with p50
 * and p99, through SqlEventStore, a minimal raw baseline (BEGIN, stream-head upsert, event insert,
 * COMMIT) and Emmett's PostgreSQL event store on its own database, each in its own process and
 * measured in alternation (event-store-bench/append.comparison.ts). On PGlite, single-event appends
 * at 1, 4 and 16 writers, ours against raw. Then batches of 10, reading a 1,000-event
 * stream, catching up the global log with readAll next to a bare page read of the same rows through the
 * same driver (no horizon, no mapping), and a subscription catching up through a handler that runs one
 * transaction per batch. Targets: append >= 0.8x raw at 16 writers; catch-up >= 50,000 events/s.
 * `--only postgres` or `--only pglite` runs one engine; `--appends-only` stops after the appends;
 * `--rounds n` sets the rounds of the PostgreSQL append comparison (default 5).
 */
import type { SqlDatabase, SqlExecutor } from '@stepwise/database';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { eventStoreMigrations, LOG_START, SqlEventStore, type EventStoreSchema } from '@stepwise/event-store';
import { openStorage, type Storage } from '@stepwise/platform';
import { compareAppends } from './event-store-bench/append.comparison';

const schema: EventStoreSchema = { migrations: eventStoreMigrations, upcasters: [] };

const RUNS = 3;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** `total` operations spread over `writers` concurrent loops; returns operations per second. */
const throughput = async (writers: number, total: number, op: (writer: number, i: number) => Promise<void>): Promise<number> => {
  const perWriter = Math.ceil(total / writers);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; i < perWriter; i += 1) await op(writer, i);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (perWriter * writers) / seconds;
};

const medianOf = async (measure: () => Promise<number>): Promise<number> => {
  const results: number[] = [];
  for (let run = 0; run < RUNS; run += 1) results.push(await measure());
  return median(results);
};

/** Runs two measurements in alternation (a, b, a, b, …) so drifting machine load hits both alike. */
const mediansOfPair = async (a: () => Promise<number>, b: () => Promise<number>): Promise<[number, number]> => {
  const first: number[] = [];
  const second: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    first.push(await a());
    second.push(await b());
  }
  return [median(first), median(second)];
};

const event = (data: Record<string, unknown> = { title: 'Take the next small step', comfort: 3 }) => ({
  id: randomUUID(),
  type: 'StepTaken',
  data,
  metadata: { actorId: 'member-1', correlationId: 'c-1' },
});

/** The baseline: what a hand-written append costs on the same tables with the same driver. */
const rawAppend = async (tx: SqlExecutor, tenant: string, stream: string): Promise<void> => {
  const head = await tx.query<{ version: string }>(
    `INSERT INTO es_streams AS s (tenant_id, stream_id, version, last_tx_id) VALUES ($1, $2, 1, pg_current_xact_id())
     ON CONFLICT (tenant_id, stream_id) DO UPDATE SET version = s.version + 1, last_tx_id = EXCLUDED.last_tx_id RETURNING version`,
    [tenant, stream],
  );
  const e = event();
  await tx.query(
    `INSERT INTO es_events (tenant_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
     VALUES ($1, $2, $3, $4, $5, 1, $6, $7)`,
    [tenant, stream, head.rows[0].version, e.id, e.type, JSON.stringify(e.data), JSON.stringify({ ...e.metadata, tenantId: tenant })],
  );
};

const seedLog = async (db: SqlDatabase, events: number): Promise<void> => {
  // Bulk seed in one statement per 10k: the catch-up figure is about reading, not writing.
  for (let done = 0; done < events; done += 10_000) {
    await db.query(
      `INSERT INTO es_events (tenant_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
       SELECT 'seed-' || (g % 20), 'seed-stream-' || $1 || '-' || g, 1, gen_random_uuid(), 'StepTaken', 1,
              jsonb_build_object('title', 'Take the next small step', 'comfort', 3, 'n', g),
              jsonb_build_object('tenantId', 'seed-' || (g % 20), 'recordedAt', '2026-01-01T00:00:00.000Z', 'actorId', 'member-1')
       FROM generate_series(1, $2::int) AS g`,
      [done, Math.min(10_000, events - done)],
    );
  }
};

/** The same pages with nothing of ours: the driver's plain rows, no horizon, no checkpoint pair, no mapping. */
const bareCatchUp = async (db: SqlDatabase): Promise<number> => {
  const started = process.hrtime.bigint();
  let after = { txId: '0', globalPosition: '0' };
  let count = 0;
  for (;;) {
    const { rows } = await db.query<{ tx_id: string; global_position: string | number }>(
      `SELECT global_position, tx_id, tenant_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata
       FROM es_events WHERE (tx_id, global_position) > ($1::xid8, $2::bigint) ORDER BY tx_id, global_position LIMIT 10000`,
      [after.txId, after.globalPosition],
    );
    count += rows.length;
    if (rows.length === 0) break;
    const last = rows[rows.length - 1];
    after = { txId: String(last.tx_id), globalPosition: String(last.global_position) };
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
};

/** A projection-like subscriber: one transaction per batch of the default size. */
const subscriptionCatchUp = async (db: SqlDatabase, store: SqlEventStore): Promise<number> => {
  const started = process.hrtime.bigint();
  let count = 0;
  const subscription = store.subscribe({
    from: LOG_START,
    handler: async (events, checkpoint) => {
      count += events.length;
      await db.transaction((tx) => tx.query('SELECT $1::bigint AS position', [checkpoint.globalPosition]));
    },
  });
  await subscription.caughtUp();
  await subscription.stop();
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
};

const catchUp = async (store: SqlEventStore): Promise<number> => {
  const started = process.hrtime.bigint();
  let checkpoint = LOG_START;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ after: checkpoint, maxCount: 10_000 });
    count += page.events.length;
    if (page.events.length === 0) break;
    checkpoint = page.checkpoint;
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
};

interface EngineSetup {
  readonly name: string;
  readonly storage: Storage;
  /** A second path to the same database for the raw baseline (its own pool on PostgreSQL). */
  readonly rawTransaction: <T>(work: (tx: SqlExecutor) => Promise<T>) => Promise<T>;
  readonly appendsPerRun: number;
  readonly catchUpEvents: number;
  /** Measures single-event appends; without it, ours against raw in this process. */
  readonly singleAppends?: () => Promise<void>;
}

const appendsOnly = process.argv.includes('--appends-only');
const appendRounds = process.argv.includes('--rounds') ? Number(process.argv[process.argv.indexOf('--rounds') + 1]) : undefined;

const oursAgainstRaw = async (setup: EngineSetup): Promise<void> => {
  const store = setup.storage.eventStore;
  for (const writers of [1, 4, 16]) {
    const tenant = `bench-${writers}`;
    const [ours, raw] = await mediansOfPair(
      () => throughput(writers, setup.appendsPerRun, (w, i) => store.append(tenant, `ours-${w}-${i % 10}`, [event()]).then(() => undefined)),
      () => throughput(writers, setup.appendsPerRun, (w, i) => setup.rawTransaction((tx) => rawAppend(tx, tenant, `raw-${w}-${i % 10}`))),
    );
    console.log(
      `single-event appends, ${String(writers).padStart(2)} writers: ours ${fmt(ours)}/s  raw ${fmt(raw)}/s  ratio ${(ours / raw).toFixed(2)}`,
    );
  }
};

const benchEngine = async (setup: EngineSetup): Promise<void> => {
  const { storage, name } = setup;
  const { database: db, eventStore: store } = storage;
  console.log(`\n== ${name}`);
  if (setup.singleAppends) await setup.singleAppends();
  else await oursAgainstRaw(setup);
  if (appendsOnly) return;
  const batched = await medianOf(() =>
    throughput(16, setup.appendsPerRun / 4, (w, i) =>
      store.append('bench-batch', `batch-${w}-${i % 10}`, Array.from({ length: 10 }, () => event())).then(() => undefined),
    ),
  );
  console.log(`batches of 10, 16 writers: ${fmt(batched * 10)} events/s (${fmt(batched)} appends/s)`);

  for (let i = 0; i < 10; i += 1) await store.append('bench-read', 'long', Array.from({ length: 100 }, () => event()));
  const readMs = await medianOf(async () => {
    const started = process.hrtime.bigint();
    const events = await store.readStream('bench-read', 'long');
    if (events.length !== 1000) throw new Error(`read ${events.length} events`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
  console.log(`read a 1,000-event stream: ${readMs.toFixed(1)} ms (${fmt(1000 / (readMs / 1000))} events/s)`);

  await seedLog(db, setup.catchUpEvents);
  const total = (await db.query<{ n: string }>('SELECT count(*) AS n FROM es_events')).rows[0].n;
  const rate = await medianOf(() => catchUp(store));
  const bare = await medianOf(() => bareCatchUp(db));
  console.log(
    `global catch-up (${fmt(Number(total))} events, pages of 10,000): ${fmt(rate)} events/s  bare page read ${fmt(bare)}/s  ratio ${(rate / bare).toFixed(2)}`,
  );
  const subscribed = await medianOf(() => subscriptionCatchUp(db, store));
  console.log(`subscription catch-up (default batches, one transaction per batch): ${fmt(subscribed)} events/s`);
};

const postgres = async (): Promise<void> => {
  const base = new URL(process.env.STEPWISE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `stepwise_bench_${process.pid}`;
  const emmettName = `${name}_emmett`;
  const admin = new Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.query(`CREATE DATABASE ${emmettName}`);
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const emmettUrl = new URL(base.toString());
  emmettUrl.pathname = `/${emmettName}`;
  const storage = await openStorage({ kind: 'postgres', url: url.toString(), poolSize: 20 }, schema);
  const rawPool = new Pool({ connectionString: url.toString(), max: 20 });
  try {
    await benchEngine({
      name: `PostgreSQL (${base.host}, pools of 20)`,
      storage,
      rawTransaction: async (work) => {
        const client = await rawPool.connect();
        try {
          await client.query('BEGIN');
          const result = await work({
            query: async (sql, params) => {
              const r = await client.query(sql, params as unknown[]);
              return { rows: r.rows, rowCount: r.rowCount ?? 0 };
            },
            exec: async (sql) => void (await client.query(sql)),
          });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      },
      appendsPerRun: 3000,
      catchUpEvents: 200_000,
      singleAppends: () => compareAppends({ stepwiseUrl: url.toString(), emmettUrl: emmettUrl.toString(), rounds: appendRounds }),
    });
  } finally {
    await storage.close();
    await rawPool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${emmettName} WITH (FORCE)`);
    await admin.end();
  }
};

const pglite = async (): Promise<void> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-bench-pglite-'));
  const storage = await openStorage({ kind: 'pglite', dataDir }, schema);
  // The raw baseline runs on its own PGlite session over a second directory with the same schema.
  const rawDir = mkdtempSync(join(tmpdir(), 'stepwise-bench-pglite-raw-'));
  const raw = await openStorage({ kind: 'pglite', dataDir: rawDir }, schema);
  const rawDb = raw.database;
  try {
    await benchEngine({
      name: 'PGlite (file-backed, temp dir)',
      storage,
      rawTransaction: (work) => rawDb.transaction(work),
      appendsPerRun: 1000,
      catchUpEvents: 50_000,
    });
  } finally {
    await storage.close();
    await raw.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(rawDir, { recursive: true, force: true });
  }
};

const main = async (): Promise<void> => {
  const started = Date.now();
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  console.log(`event-store benchmark: medians of ${RUNS} runs`);
  if (only !== 'pglite') await postgres();
  if (only !== 'postgres') await pglite();
  console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(0)} s`);
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
