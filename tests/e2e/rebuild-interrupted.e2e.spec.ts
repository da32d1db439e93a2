/**
 * A rebuild stopped by Ctrl-C (SIGINT) or a process manager (SIGTERM) on PostgreSQL: it stops, says
 * in one line where it got to of the log head and what it leaves behind, and exits 128 + the
 * signal's number. The live analytics are untouched and the half-built copy is gone; the read tables
 * hold the log up to the read models' checkpoint; running the command again completes.
 *
 * The signal lands mid-way without relying on timing: a transaction held open on the database keeps
 * the second half of the history beyond what the log may hand out yet, so the rebuild, having shown
 * its first progress line, waits there until the test lets it go.
 */
import { Client } from 'pg';
import { ANALYTICS_PROCESSOR, ANALYTICS_REBUILD_PROCESSOR, ANALYTICS_TABLES, LIVE_ANALYTICS_SCHEMA, NEXT_ANALYTICS_SCHEMA } from '@stepwise/analytics-infrastructure';
import { openStorage, type Storage } from '@stepwise/platform';
import { READ_MODELS_PROCESSOR } from '@stepwise/projections';
import { stepwiseSchema } from '@stepwise/read-models';
import { generateReadModelHistory, type PendingAppend } from '@stepwise/read-models/testing';
import { holdTransactionOn, type HeldTransaction } from '../support/held-transaction';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-database';
import { childProcesses, compiledEntry, eventually, spawnProcess, type SpawnedProcess } from './support/spawned-process';

const started = childProcesses();
afterEach(() => started.killAll());

const REBUILD_ALL = 'apps/worker/src/rebuild.ts';
const REBUILD_READ_MODELS = 'apps/worker/src/rebuild-read-models.ts';
const REBUILD_ANALYTICS = 'apps/worker/src/rebuild-analytics.ts';

/** A progress line short of the head: "read models: 20 of 311 events (6.4%), …". */
const PROGRESS = /: ([\d,]+) of ([\d,]+) events \(/;
const INTERRUPTED = /^REBUILD_INTERRUPTED: (.+): rebuild interrupted by (SIG[A-Z]+) at ([\d,]+) of ([\d,]+) events; (.+)$/m;

const figure = (text: string): number => Number(text.replace(/,/g, ''));

interface Setting {
  readonly db: ScratchDatabase;
  readonly storage: Storage;
  readonly env: Record<string, string>;
}

/** A scratch database of its own, migrated, opened, and the commands' settings naming it (with `env` beside). */
const openSetting = async (name: string, env: Record<string, string>): Promise<Setting> => {
  const db = await createScratchDatabase(name);
  const storage = await openStorage({ kind: 'postgres', url: db.url, poolSize: 4 }, stepwiseSchema);
  return { db, storage, env: { STEPWISE_DATABASE_URL: db.url, STEPWISE_REBUILD_BATCH_SIZE: '20', ...env } };
};

const closeSetting = async ({ storage, db }: Setting): Promise<void> => {
  await storage.close();
  await db.drop();
};

const start = (entry: string, env: Record<string, string>): SpawnedProcess => {
  const spawned = spawnProcess(process.execPath, [compiledEntry(entry)], env);
  started.track(spawned.child);
  return spawned;
};

const runToEnd = async (entry: string, env: Record<string, string>): Promise<{ code: number | string; output: string }> => {
  const spawned = start(entry, env);
  const code = await spawned.exited;
  return { code, output: spawned.output() };
};

const checkpointOf = async (storage: Storage, processor: string): Promise<number | undefined> => {
  const { rows } = await storage.database.query<{ position: string }>('SELECT global_position AS position FROM es_checkpoints WHERE processor = $1', [processor]);
  return rows[0] === undefined ? undefined : Number(rows[0].position);
};

const logHead = async (storage: Storage): Promise<number> =>
  Number((await storage.database.query<{ head: string }>('SELECT max(global_position) AS head FROM es_events')).rows[0].head);

const liveAnalytics = async (storage: Storage): Promise<Record<string, unknown[]>> => {
  const rows: Record<string, unknown[]> = {};
  for (const table of ANALYTICS_TABLES) {
    rows[table] = (await storage.database.query(`SELECT * FROM ${LIVE_ANALYTICS_SCHEMA}.${table} t ORDER BY to_jsonb(t)::text`)).rows;
  }
  return rows;
};

const copyExists = async (storage: Storage): Promise<boolean> =>
  (await storage.database.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [NEXT_ANALYTICS_SCHEMA])).rows.length > 0;

const appendAll = async (storage: Storage, appends: readonly PendingAppend[]): Promise<void> => {
  for (const { tenantId, streamId, events } of appends) await storage.eventStore.append(tenantId, streamId, events);
};

describe.each([
  ['rebuild', REBUILD_ALL, 'SIGINT', 130],
  ['rebuild-read-models', REBUILD_READ_MODELS, 'SIGTERM', 143],
  ['rebuild-analytics', REBUILD_ANALYTICS, 'SIGINT', 130],
] as const)('npm run %s interrupted', (_name, entry, signal, exitCode) => {
  let setting: Setting;
  let held: HeldTransaction | undefined;

  beforeEach(async () => {
    setting = await openSetting('rebuild_interrupted', { STEPWISE_REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterEach(async () => {
    await held?.end();
    held = undefined;
    await closeSetting(setting);
  });

  it(`stops on ${signal}, says where it got to and what it left, exits ${exitCode}, and runs again to the end`, async () => {
    const { storage, env } = setting;
    const { appends } = generateReadModelHistory({ organisations: 2, journeysPerOrganisation: 2, roundsPerJourney: 4, seed: 31 });
    const half = Math.floor(appends.length / 2);
    // The first half rebuilt in full: the live analytics hold it.
    await appendAll(storage, appends.slice(0, half));
    expect(await runToEnd(REBUILD_ALL, env)).toMatchObject({ code: 0 });
    const analyticsBefore = await liveAnalytics(storage);
    expect(Object.values(analyticsBefore).some((rows) => rows.length > 0)).toBe(true);
    const analyticsCheckpointBefore = await checkpointOf(storage, ANALYTICS_PROCESSOR);

    // The second half committed behind a transaction still open: the log hands it out once that ends.
    held = await holdTransactionOn(storage.database);
    await appendAll(storage, appends.slice(half));
    const head = await logHead(storage);

    const rebuild = start(entry, env);
    const [, shown] = await rebuild.waitFor(PROGRESS, 60_000);
    expect(figure(shown)).toBeLessThan(head);
    rebuild.child.kill(signal);
    const code = await rebuild.exited;
    const output = rebuild.output();

    expect(code).toBe(exitCode);
    const lines = output.split('\n').filter((line) => INTERRUPTED.test(line));
    expect(lines).toHaveLength(1);
    const [, , named, reachedText, headText, left] = INTERRUPTED.exec(lines[0]) ?? [];
    expect(named).toBe(signal);
    expect(figure(headText)).toBe(head);
    const reached = figure(reachedText);
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(head);
    expect(left).toContain('running it again is safe');
    expect(output).not.toContain('    at ');
    expect(output).not.toMatch(/redis/i);

    // What it leaves: the live analytics as they were, no half-built copy, the read tables up to where it said.
    expect(await liveAnalytics(storage)).toEqual(analyticsBefore);
    expect(await checkpointOf(storage, ANALYTICS_PROCESSOR)).toBe(analyticsCheckpointBefore);
    expect(await copyExists(storage)).toBe(false);
    expect(await checkpointOf(storage, ANALYTICS_REBUILD_PROCESSOR)).toBeUndefined();
    if (entry !== REBUILD_ANALYTICS) {
      expect(left).toContain('the read tables hold the log up to there');
      expect(await checkpointOf(storage, READ_MODELS_PROCESSOR)).toBe(reached);
    } else {
      expect(left).toContain('the live analytics are untouched');
    }

    // Running it again, with nothing held back, completes.
    await held.end();
    held = undefined;
    const again = await runToEnd(entry, env);
    expect(again).toMatchObject({ code: 0 });
    expect(again.output).toContain(`${head.toLocaleString('en-US')} of ${head.toLocaleString('en-US')} events (100.0%)`);
    if (entry !== REBUILD_ANALYTICS) expect(await checkpointOf(storage, READ_MODELS_PROCESSOR)).toBe(head);
    if (entry !== REBUILD_READ_MODELS) expect(await checkpointOf(storage, ANALYTICS_PROCESSOR)).toBe(head);
  }, 120_000);
});

/**
 * A rebuild killed outright (SIGKILL, a lost host) says nothing and drops nothing: its half-built copy
 * and its checkpoint stay, and the checkpoint would show in the processors' lag as ever further
 * behind. The worker that leads the analytics finds the rebuild lease free and clears both.
 */
describe('npm run rebuild-analytics killed outright', () => {
  let setting: Setting;
  let held: HeldTransaction | undefined;

  beforeEach(async () => {
    // The worker it starts needs a real Redis (its nudge queue, under a prefix of its own).
    setting = await openSetting('rebuild_killed', {
      STEPWISE_REDIS_URL: process.env.STEPWISE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      STEPWISE_NUDGE_QUEUE_PREFIX: `rebuild-killed-${process.pid}`,
      STEPWISE_LOG_LEVEL: 'info',
    });
  });
  afterEach(async () => {
    await held?.end();
    held = undefined;
    await started.killAll();
    await closeSetting(setting);
  });

  it('leaves its copy and checkpoint, which the worker leading the analytics clears', async () => {
    const { storage, env } = setting;
    const { appends } = generateReadModelHistory({ organisations: 1, journeysPerOrganisation: 2, roundsPerJourney: 4, seed: 37 });
    const half = Math.floor(appends.length / 2);
    await appendAll(storage, appends.slice(0, half));
    held = await holdTransactionOn(storage.database);
    await appendAll(storage, appends.slice(half));

    const rebuild = start(REBUILD_ANALYTICS, env);
    await rebuild.waitFor(PROGRESS, 60_000);
    rebuild.child.kill('SIGKILL');
    await rebuild.exited;
    await held.end();
    held = undefined;
    expect(await checkpointOf(storage, ANALYTICS_REBUILD_PROCESSOR)).toBeDefined();
    expect(await copyExists(storage)).toBe(true);

    // The killed rebuild's session gone (its lease with it), the worker clears what it left on taking the lead.
    const advisoryLocks = async (): Promise<number> =>
      (
        await storage.database.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        )
      ).rows[0].n;
    expect(await eventually(async () => (await advisoryLocks()) === 0, 30_000)).toBe(true);
    const worker = start('apps/worker/src/main.ts', env);
    await worker.waitFor(/dropped the copy and checkpoint an interrupted analytics rebuild left behind/, 90_000);
    expect(await checkpointOf(storage, ANALYTICS_REBUILD_PROCESSOR)).toBeUndefined();
    expect(await copyExists(storage)).toBe(false);
  }, 180_000);
});

/**
 * A rebuild stuck inside a batch (here its first statement waits on a lock another session holds)
 * cannot finish the batch in hand: Ctrl-C pressed again, a moment after the first, stops it at once.
 * The test signals again every half second until the process has gone; the first signal alone
 * (within the moment) changes nothing but asking it to stop.
 */
describe('npm run rebuild-read-models stuck on a lock', () => {
  let db: ScratchDatabase;
  let storage: Storage;
  let locker: Client | undefined;

  beforeEach(async () => {
    db = await createScratchDatabase('rebuild_stuck');
    storage = await openStorage({ kind: 'postgres', url: db.url, poolSize: 4 }, stepwiseSchema);
  });
  afterEach(async () => {
    await locker?.end();
    locker = undefined;
    await storage.close();
    await db.drop();
  });

  it('stops at once on a repeated SIGINT, says so, exits 130, and runs again to the end', async () => {
    const env = { STEPWISE_DATABASE_URL: db.url, STEPWISE_REDIS_URL: 'redis://127.0.0.1:1' };
    const { appends } = generateReadModelHistory({ organisations: 1, journeysPerOrganisation: 1, roundsPerJourney: 2, seed: 7 });
    await appendAll(storage, appends);
    locker = new Client({ connectionString: db.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE journey_timeline IN ACCESS EXCLUSIVE MODE');

    const rebuild = start(REBUILD_READ_MODELS, env);
    const waiting = async (): Promise<boolean> =>
      (await storage.database.query(`SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE NOT l.granted AND d.datname = current_database()`)).rows.length > 0;
    expect(await eventually(waiting, 60_000)).toBe(true);

    let exited = false;
    void rebuild.exited.then(() => (exited = true));
    for (let sent = 0; !exited && sent < 60; sent += 1) {
      rebuild.child.kill('SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(await rebuild.exited).toBe(130);
    const output = rebuild.output();
    expect(output).toMatch(/^REBUILD_INTERRUPTED: read models: rebuild stopped at once by a repeated SIGINT at 0 of [\d,]+ events, without finishing the batch in hand; .*running it again is safe/m);
    expect(output).not.toContain('    at ');

    await locker.query('ROLLBACK');
    expect(await runToEnd(REBUILD_READ_MODELS, env)).toMatchObject({ code: 0 });
    expect(await checkpointOf(storage, READ_MODELS_PROCESSOR)).toBe(await logHead(storage));
  }, 120_000);
});

/**
 * A rebuild stopped early or under it, each in a scratch database of its own:
 * - Ctrl-C while it still opens the database (here its read of the schema's migrations waits on a
 *   lock the test holds): nothing was emptied or written, and the line says so rather than "at 0 of N";
 * - its lease's session ending under it (a failover, an idle-session killer): it stops following the
 *   log and fails with one line naming that cause, not the subscription it stopped.
 */
describe('npm run rebuild-read-models stopped before it started, or by losing its lease', () => {
  let setting: Setting;
  let locker: Client | undefined;
  let held: HeldTransaction | undefined;

  beforeEach(async () => {
    setting = await openSetting('rebuild_cut_short', { STEPWISE_REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterEach(async () => {
    await locker?.end();
    locker = undefined;
    await held?.end();
    held = undefined;
    await closeSetting(setting);
  });

  it('says it changed nothing, exits 130, and leaves the read tables as they were', async () => {
    const { storage, env, db } = setting;
    const { appends } = generateReadModelHistory({ organisations: 1, journeysPerOrganisation: 1, roundsPerJourney: 2, seed: 11 });
    await appendAll(storage, appends);
    expect(await runToEnd(REBUILD_READ_MODELS, env)).toMatchObject({ code: 0 });
    const before = { checkpoint: await checkpointOf(storage, READ_MODELS_PROCESSOR), journeys: await storage.database.query('SELECT journey_id FROM journeys ORDER BY 1') };
    expect(before.journeys.rows.length).toBeGreaterThan(0);

    locker = new Client({ connectionString: db.url });
    await locker.connect();
    await locker.query('BEGIN');
    // Every process checks the schema's migrations as it opens the database: that read waits here.
    await locker.query('LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE');
    const rebuild = start(REBUILD_READ_MODELS, env);
    // Asked on another session: inside the locker's transaction pg_stat_activity would stay as first read.
    const waitingOnTheLock = async (): Promise<boolean> =>
      (await storage.database.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows.length > 0;
    expect(await eventually(waitingOnTheLock, 60_000)).toBe(true);
    rebuild.child.kill('SIGINT');
    // The signal is heard at once; the rebuild learns of it once its database is open.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await locker.query('COMMIT');

    expect(await rebuild.exited).toBe(130);
    expect(rebuild.output()).toContain('REBUILD_INTERRUPTED: read models: rebuild interrupted by SIGINT before it started: the rebuild changed nothing, and running it again is safe');
    expect(rebuild.output()).not.toMatch(/ at \d+ of /);
    expect({ checkpoint: await checkpointOf(storage, READ_MODELS_PROCESSOR), journeys: await storage.database.query('SELECT journey_id FROM journeys ORDER BY 1') }).toEqual(before);
  }, 120_000);

  it('says REBUILD_FAILED, its lease ended, and exits 1', async () => {
    const { storage, env } = setting;
    const { appends } = generateReadModelHistory({ organisations: 1, journeysPerOrganisation: 2, roundsPerJourney: 4, seed: 43 });
    const half = Math.floor(appends.length / 2);
    await appendAll(storage, appends.slice(0, half));
    held = await holdTransactionOn(storage.database);
    await appendAll(storage, appends.slice(half));

    const rebuild = start(REBUILD_READ_MODELS, env);
    await rebuild.waitFor(PROGRESS, 60_000);
    const { rows } = await storage.database.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'stepwise-lease'`,
    );
    expect(rows).toHaveLength(1);

    expect(await rebuild.exited).toBe(1);
    expect(rebuild.output()).toContain('REBUILD_FAILED: read models: rebuild failed: its lease ended: the database session holding it was lost; the read tables hold what was written before it');
    expect(rebuild.output()).not.toContain('SUBSCRIPTION_STOPPED');
    expect(rebuild.output()).not.toContain('\n    at ');
  }, 120_000);
});
