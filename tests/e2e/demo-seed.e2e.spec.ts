/**
 * `npm run seed:demo`: a demo organisation made through the command handlers on a fresh data
 * folder, then served by Stepwise and read over GraphQL with the tokens and curl commands it
 * printed, on PGlite and on PostgreSQL. The same seed makes the same demo; a data folder another
 * process holds is refused.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANALYTICS_PROCESSOR } from '@stepwise/analytics-infrastructure';
import { journeyStreamId } from '@stepwise/journeys-domain';
import { READ_MODELS_PROCESSOR, waitForPosition } from '@stepwise/projections';
import { openStorage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { pgliteOutsideSandbox } from '../support/pglite-module';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-database';
import { http, startStepwise, type Stepwise } from '../support/stepwise-harness';
import { npmScriptNodeArgs } from '../support/npm-script';
import { childProcesses } from './support/spawned-process';

const root = join(__dirname, '..', '..');
const SEED = '7';
/** Two seeds side by side on a busy machine; each alone takes about ten seconds. */
const SEEDING_MS = 180_000;
const SERVING_MS = 120_000;

interface Folder {
  readonly dir: string;
  readonly env: Record<string, string>;
}

/** Seeds run and not seen to exit yet: one a test gave up on (it failed, or ran out of time) is not left writing. */
const seeds = childProcesses();
afterEach(() => seeds.killAll());

/**
 * What `npm run seed:demo` runs: the seed compiled in dist/ (built by its `preseed:demo`, and here by
 * jest's global setup), as `npm start` runs the app.
 */
const seedDemo = (
  folder: Folder,
  seed: string,
  args: readonly string[] = ['--seed', seed],
  tracker: ReturnType<typeof childProcesses> = seeds,
): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = tracker.track(
      spawn(process.execPath, [...npmScriptNodeArgs('seed:demo'), ...args], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', ...folder.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    // Once its pipes have closed too: its last lines can still be in them when it exits.
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });

interface Printed {
  readonly organisationId: string;
  readonly teamIds: string[];
  readonly journeyIds: string[];
  readonly curls: { token: string; organisationId: string; body: string }[];
}

const printed = (stdout: string): Printed => ({
  organisationId: /^Demo organisation: (\S+)$/m.exec(stdout)![1],
  teamIds: [...stdout.matchAll(/^ {2}team (\S+)/gm)].map((match) => match[1]),
  journeyIds: [...stdout.matchAll(/^ {2}journey (\S+)/gm)].map((match) => match[1]),
  curls: [...stdout.matchAll(/^curl -s \S+ \\\n.*\n {2}-H "authorization: Bearer (\S+)" \\\n {2}-H 'x-organisation-id: (\S+)' \\\n {2}-d '(.*)'$/gm)].map(
    ([, token, organisationId, body]) => ({ token, organisationId, body: body.replace(/'\\''/g, "'") }),
  ),
});

/** Every event the seed wrote, in log order, read straight from its store: the folder's PGlite, or its PostgreSQL database. */
const recordedEvents = async (seeded: Folder): Promise<unknown[]> => {
  const url = seeded.env.STEPWISE_DATABASE_URL;
  const storage = url
    ? await openStorage({ kind: 'postgres', url, poolSize: 1 }, stepwiseSchema)
    : await openStorage({ kind: 'pglite', dataDir: seeded.env.STEPWISE_DATA_DIR }, stepwiseSchema, { pglite: pgliteOutsideSandbox() });
  try {
    // The version as a number on both engines (node-postgres reads a bigint as a string).
    const { rows } = await storage.database.query<{ stream_id: string; stream_version: number; event_type: string; data: unknown; created_at: Date }>(
      'SELECT stream_id, stream_version::int AS stream_version, event_type, data, created_at FROM es_events ORDER BY global_position',
    );
    return rows;
  } finally {
    await storage.close();
  }
};

/** Everything but the tokens, which carry the instant they were signed. */
const withoutTokens = (stdout: string): string => stdout.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '<token>');

describe('npm run seed:demo', () => {
  const folders: Folder[] = [];
  const servers: Stepwise[] = [];
  let first: { code: number | null; stdout: string; stderr: string };
  /**
   * The seed on PostgreSQL, started beside the one on PGlite and awaited by the tests that read it.
   * Its own tracker: it outlives the tests before its own, whose afterEach stops the seeds they started.
   */
  const onPostgresSeeds = childProcesses();
  let postgres: { database: ScratchDatabase; folder: Folder; seeded: Promise<{ code: number | null; stdout: string; stderr: string }> } | undefined;

  const folder = async (): Promise<Folder> => {
    const dir = await mkdtemp(join(tmpdir(), 'stepwise-demo-'));
    const made = {
      dir,
      env: { STEPWISE_DATA_DIR: join(dir, 'data'), STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'signing-key.json'), STEPWISE_LOG_LEVEL: process.env.STEPWISE_TEST_LOG_LEVEL ?? 'silent' },
    };
    folders.push(made);
    return made;
  };

  /** Frees the folder (or database) for the next test. */
  const stop = async (stepwise: Stepwise): Promise<void> => {
    servers.splice(servers.indexOf(stepwise), 1);
    await stepwise.close();
  };

  /** Stepwise on a seeded folder, once its read models and its analytics hold every event the seed wrote. */
  const serve = async (seeded: Folder, demo: Printed): Promise<Stepwise> => {
    const stepwise = await startStepwise({ engine: seeded.env.STEPWISE_DATABASE_URL ? 'postgres' : 'pglite', env: seeded.env });
    servers.push(stepwise);
    for (const journeyId of demo.journeyIds) {
      const [last] = await stepwise.runtime.eventStore.readStream(demo.organisationId, journeyStreamId(journeyId), { direction: 'backward' });
      const position = { txId: last.txId, globalPosition: last.globalPosition };
      for (const processor of [READ_MODELS_PROCESSOR, ANALYTICS_PROCESSOR]) {
        if (!(await waitForPosition(stepwise.runtime.database, processor, position, SERVING_MS / 2))) throw new Error(`${processor} did not catch up with the demo`);
      }
    }
    return stepwise;
  };

  beforeAll(async () => {
    const onPglite = await folder();
    const database = await createScratchDatabase('stepwise_demo');
    const base = await folder();
    const onPostgres = { ...base, env: { ...base.env, STEPWISE_DATABASE_URL: database.url } };
    postgres = { database, folder: onPostgres, seeded: seedDemo(onPostgres, SEED, undefined, onPostgresSeeds) };
    // At info, so its log lines are seen to stay off the report on stdout.
    first = await seedDemo({ ...onPglite, env: { ...onPglite.env, STEPWISE_LOG_LEVEL: 'info' } }, SEED);
  }, SEEDING_MS);

  afterAll(async () => {
    // Seeds the suite's setup gave up on stop writing before their folders are removed.
    await seeds.killAll();
    await onPostgresSeeds.killAll();
    for (const server of servers) await server.close();
    await postgres?.database.drop();
    for (const { dir } of folders) await rm(dir, { recursive: true, force: true });
  }, SERVING_MS);

  it('prints the organisation, its teams and journeys, three tokens and three curl commands', () => {
    expect(first.code).toBe(0);
    // The report alone on stdout (scripts read its tokens and requests); the log lines on stderr.
    expect(first.stdout).toMatch(/^Demo organisation: /);
    const logged = first.stderr.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { msg: string });
    expect(logged.map(({ msg }) => msg)).toContain('Applied database migrations');
    const demo = printed(first.stdout);
    expect(demo.teamIds).toHaveLength(3);
    expect(demo.journeyIds).toHaveLength(6);
    expect(demo.curls).toHaveLength(3);
    expect(demo.curls.every(({ organisationId }) => organisationId === demo.organisationId)).toBe(true);
  });

  // Two runs of seed 7, one on each engine (a second run on PGlite would cost a whole seed more): any
  // randomness or wall-clock time in the story would tell them apart.
  it('makes the same demo from the same seed: the same report and the same events, at the same instants', async () => {
    const second = await postgres!.seeded;
    expect(second.code).toBe(0);
    expect(withoutTokens(second.stdout)).toBe(withoutTokens(first.stdout));
    const [one, two] = [await recordedEvents(folders[0]), await recordedEvents(postgres!.folder)];
    expect(one.length).toBeGreaterThan(900);
    expect(two).toEqual(one);
  }, SEEDING_MS);

  /** What each printed curl command answers, sent as it is printed. */
  const answersTo = async (stepwise: Stepwise, curls: Printed['curls']): Promise<any[]> => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const answers = [];
    for (const curl of curls) {
      const response = await http(`${stepwise.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${curl.token}`, 'x-organisation-id': curl.organisationId },
        body: curl.body,
      });
      const body = response.json();
      expect(body.errors).toBeUndefined();
      answers.push(body.data);
    }
    return answers;
  };

  it('is served by Stepwise on PGlite: the staff member’s printed request answers, with a peer’s comfort hidden', async () => {
    const demo = printed(first.stdout);
    const stepwise = await serve(folders[0], demo);
    try {
      // The two analytics requests are asked on PostgreSQL below: in-process under jest, PGlite refuses
      // the analytics read model's Date parameters (another realm's Date), which `npm start` does not.
      const [asOf] = await answersTo(stepwise, [demo.curls[1]]);
      // Halfway through, the first journey had pivoted but not yet revised its vision.
      expect(asOf.journey).toMatchObject({ status: 'ACTIVE', direction: 'One sentence of feedback, acted on in class', vision: { version: 1 } });
      expect(asOf.journey.steps.length).toBeGreaterThan(10);
      expect(asOf.journey.reflectionCount).toBeGreaterThan(10);
      const last = asOf.journey.lastReflection;
      const staff = demo.curls[1];
      const me = await stepwise.graphql<{ me: { id: string } }>({ query: '{ me { id } }', token: staff.token, organisationId: staff.organisationId });
      const own = last.memberId === me.data?.me.id;
      expect([last.comfort === null, last.comfortHiddenBecause]).toEqual(own ? [false, null] : [true, 'INDIVIDUAL_COMFORT_IS_PRIVATE']);
    } finally {
      await stop(stepwise);
    }
  }, SERVING_MS);

  it('works on PostgreSQL too (STEPWISE_DATABASE_URL): the printed analytics requests answer, as the leader and the admin', async () => {
    const { folder: onPostgres, seeded: seeding } = postgres!;
    try {
      const seeded = await seeding;
      expect([seeded.code, seeded.stderr]).toEqual([0, '']);
      const demo = printed(seeded.stdout);
      const stepwise = await serve(onPostgres, demo);
      try {
        const [team, asOf, organisation] = await answersTo(stepwise, demo.curls);
        // Six months of the Maths team: a run of "not closer" and a pivot, a revision's dip, support and commitments.
        expect(team.teamAnalytics.direction.yes + team.teamAnalytics.direction.no).toBeGreaterThan(20);
        expect(team.teamAnalytics.momentum.stepsTaken).toBeGreaterThan(20);
        expect(team.teamAnalytics.pivots.count).toBe(1);
        // The pivot followed a run of "not closer": its lead time is a figure, not null.
        expect(team.teamAnalytics.pivots.medianHoursFromFirstNo).toBeGreaterThan(24);
        expect(team.teamAnalytics.transitionDips).toEqual([expect.objectContaining({ visionVersion: 2 })]);
        expect(team.teamAnalytics.commitments.kept).toBeGreaterThan(0);
        expect(asOf.journey).toMatchObject({ status: 'ACTIVE', vision: { version: 1 } });
        // The admin sees every team of the organisation.
        expect(organisation.organisationAnalytics.teams.map(({ name: team }: { name: string }) => team).sort()).toEqual([
          'Front Office',
          'Maths Department',
          'Pastoral Care',
        ]);
      } finally {
        await stop(stepwise);
      }
    } finally {
      await onPostgresSeeds.killAll();
    }
  }, SEEDING_MS);

  describe('refusals', () => {
    const refusals = [
      ['an unknown option', ['--bogus'], {}, 'VALIDATION_FAILED'],
      ['a seed that is not a whole number', ['--seed', 'x'], {}, 'VALIDATION_FAILED'],
      ['a day that does not exist', ['--until', '2026-13-45'], {}, 'VALIDATION_FAILED'],
      ['a day past its month’s end (not rolled over into the next)', ['--until', '2026-02-30'], {}, 'VALIDATION_FAILED'],
      // Before 2000 (a year under 100 was read as 19xx, after the organisation had been written).
      ['a day before 2000', ['--until', '0001-03-01'], {}, 'VALIDATION_FAILED'],
      // A story still to happen: its reflections would be stamped in the future.
      ['a day to come', ['--until', '2100-01-01'], {}, 'VALIDATION_FAILED'],
      ['a seed not written in digits', ['--seed', '0x10'], {}, 'VALIDATION_FAILED'],
      ['an option given twice', ['--seed', '1', '--seed', '2'], {}, 'VALIDATION_FAILED'],
      [
        'tokens from an identity provider',
        [],
        { STEPWISE_AUTH_JWKS_URL: 'https://idp.example.com/jwks', STEPWISE_AUTH_ISSUER: 'https://idp.example.com', STEPWISE_AUTH_AUDIENCE: 'stepwise' },
        'LOCAL_KEY_REQUIRED',
      ],
    ] as const;
    /** The refused seeds, run side by side: each is a process of its own on a folder of its own. */
    const refusing = childProcesses();
    let refused: Promise<{ dataDir: string; code: number | null; stdout: string; stderr: string }>[];

    beforeAll(() => {
      refused = refusals.map(async ([, args, env]) => {
        const base = await folder();
        return { dataDir: base.env.STEPWISE_DATA_DIR, ...(await seedDemo({ ...base, env: { ...base.env, ...env } }, '1', args, refusing)) };
      });
    });
    afterAll(() => refusing.killAll());

    it.each(refusals.map((row, index) => [...row, index] as const))('refuses %s with a code, before creating the data folder', async (_what, _args, _env, code, index) => {
      const { dataDir, ...answer } = await refused[index];
      expect([answer.code, answer.stdout]).toEqual([1, '']);
      expect(answer.stderr).toMatch(new RegExp(`^seed:demo refused \\(${code}\\)`));
      expect(existsSync(dataDir)).toBe(false);
    }, SERVING_MS);
  });

  it.each([['--help'], ['-h']])('%s prints what it does and its options, exit 0, making nothing', async (flag) => {
    const base = await folder();
    const answer = await seedDemo(base, '1', [flag]);
    expect([answer.code, answer.stderr]).toEqual([0, '']);
    expect(answer.stdout).toMatch(/^npm run seed:demo -- \[--seed N\] \[--until YYYY-MM-DD\]\n/);
    expect(answer.stdout).toContain('--seed N             which demo, a whole number from 1 to 2147483648');
    expect(existsSync(base.env.STEPWISE_DATA_DIR)).toBe(false);
  }, SERVING_MS);

  it('refuses, with DATA_FOLDER_LOCKED and nothing written, a data folder a running server holds', async () => {
    const eventsBefore = await recordedEvents(folders[0]);
    const stepwise = await startStepwise({ engine: 'pglite', env: folders[0].env });
    servers.push(stepwise);
    try {
      const refused = await seedDemo(folders[0], '8');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^seed:demo refused \(DATA_FOLDER_LOCKED\)/);
      expect(refused.stdout).toBe('');
    } finally {
      await stop(stepwise);
    }
    // Nothing of seed 8 reached the folder.
    expect(await recordedEvents(folders[0])).toEqual(eventsBefore);
  }, SERVING_MS);
});
