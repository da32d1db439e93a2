/**
 * `npm run seed:demo` on a database that already holds its seed's demo: the same story again writes
 * nothing new; another story for the same seed (another --until) is refused in the operator's terms,
 * DEMO_ALREADY_SEEDED with what to do, instead of a client's "clientMutationId already used", and
 * writes nothing. One in the same week as the first run's is the same story (it is laid out in
 * whole weeks): nothing new, no refusal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { npmScriptNodeArgs } from '../support/npm-script';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-database';
import { childProcesses, spawnProcess } from './support/spawned-process';

const started = childProcesses();
afterEach(() => started.killAll());

/** Seeding the whole demo on a busy machine. */
const SEEDING_MS = 120_000;

describe('npm run seed:demo on a database that holds its demo', () => {
  let db: ScratchDatabase;
  let env: Record<string, string>;
  /** The signing key's folder, removed afterwards. */
  let keyFolder: string;

  /** What `npm run seed:demo` runs: the seed compiled in dist/ (built by jest's global setup), not compiled again in memory. */
  const seed = async (...args: string[]): Promise<{ code: number | string; output: string }> => {
    const spawned = spawnProcess(process.execPath, [...npmScriptNodeArgs('seed:demo'), ...args], env);
    started.track(spawned.child);
    const code = await spawned.exited;
    // Its last lines may still be in the pipes when it exits.
    await spawned.closed;
    return { code, output: spawned.output() };
  };

  const events = async (): Promise<number> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return Number((await client.query<{ count: string }>('SELECT count(*) AS count FROM es_events')).rows[0].count);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await createScratchDatabase('demo_again');
    keyFolder = await mkdtemp(join(tmpdir(), 'stepwise-demo-again-'));
    env = { STEPWISE_DATABASE_URL: db.url, STEPWISE_REDIS_URL: 'redis://127.0.0.1:1', STEPWISE_AUTH_LOCAL_KEY_FILE: join(keyFolder, 'signing-key.json'), STEPWISE_LOG_LEVEL: 'silent' };
    expect(await seed('--seed', '5')).toMatchObject({ code: 0 });
  }, SEEDING_MS);
  afterAll(async () => {
    await db?.drop();
    if (keyFolder) await rm(keyFolder, { recursive: true, force: true });
  });

  it('the same story again writes nothing new', async () => {
    const before = await events();
    expect(await seed('--seed', '5')).toMatchObject({ code: 0, output: expect.stringContaining('Demo organisation: ') });
    expect(await events()).toBe(before);
  }, SEEDING_MS);

  it('the same seed made up to another day of the same week is the same demo: nothing new is written', async () => {
    const before = await events();
    expect(await seed('--seed', '5', '--until', '2026-11-29')).toMatchObject({ code: 0, output: expect.stringContaining('Demo organisation: ') });
    expect(await events()).toBe(before);
  }, SEEDING_MS);

  it('the same seed made up to a day of another week is refused, saying what to do, and writes nothing', async () => {
    const before = await events();
    const { code, output } = await seed('--seed', '5', '--until', '2026-11-30');
    expect(code).toBe(1);
    expect(output).toContain('seed:demo refused (DEMO_ALREADY_SEEDED): this database already holds the demo of seed 5');
    expect(output).toContain('(nothing was written)');
    expect(output).not.toContain('clientMutationId');
    expect(await events()).toBe(before);
  }, SEEDING_MS);
});
