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
import { journeyStreamId } from '@stepwise/journeys-domain';
import { openStorage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { Client } from 'pg';
import { pgliteOutsideSandbox } from '../support/pglite-module';
import { adminDatabaseUrl, databaseUrlFor } from '../support/test-database';
import { http, startStepwise, type Stepwise } from '../support/stepwise-harness';

const root = join(__dirname, '..', '..');
const SEED = '7';
/** Two seeds side by side on a busy machine; each alone takes about ten seconds. */
const SEEDING_MS = 180_000;
const SERVING_MS = 120_000;

interface Folder {
  readonly dir: string;
  readonly env: Record<string, string>;
}

const seedDemo = (folder: Folder, seed: string, args: readonly string[] = ['--seed', seed]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', './tools/register.js', 'apps/stepwise/src/seed-demo/seed-demo.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...folder.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
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

/** Every event the seed wrote, in log order, read straight from the folder's store. */
const recordedEvents = async (seeded: Folder): Promise<unknown[]> => {
  const storage = await openStorage({ kind: 'pglite', dataDir: seeded.env.STEPWISE_DATA_DIR }, stepwiseSchema, { pglite: pgliteOutsideSandbox() });
  try {
    const { rows } = await storage.database.query<{ stream_id: string; stream_version: number; event_type: string; data: unknown; created_at: Date }>(
      'SELECT stream_id, stream_version, event_type, data, created_at FROM es_events ORDER BY global_position',
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
  let second: { code: number | null; stdout: string; stderr: string };

  const folder = async (): Promise<Folder> => {
    const dir = await mkdtemp(join(tmpdir(), 'stepwise-demo-'));
    const made = {
      dir,
      env: { STEPWISE_DATA_DIR: join(dir, 'data'), STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'signing-key.json'), STEPWISE_LOG_LEVEL: 'silent' },
    };
    folders.push(made);
    return made;
  };

  /** Frees the folder (or database) for the next test. */
  const stop = async (stepwise: Stepwise): Promise<void> => {
    servers.splice(servers.indexOf(stepwise), 1);
    await stepwise.close();
  };

  /** Stepwise on a seeded folder, once its read models hold every journey event the seed wrote. */
  const serve = async (seeded: Folder, demo: Printed, stdout: string): Promise<Stepwise> => {
    const stepwise = await startStepwise({ engine: seeded.env.STEPWISE_DATABASE_URL ? 'postgres' : 'pglite', env: seeded.env });
    servers.push(stepwise);
    const admin = await stepwise.token(/demo-\d+-morgan-avery/.exec(stdout)![0]);
    for (const journeyId of demo.journeyIds) {
      const head = await stepwise.runtime.eventStore.streamVersion(demo.organisationId, journeyStreamId(journeyId));
      for (let attempt = 0; ; attempt += 1) {
        const response = await stepwise.graphql<{ journey: { version: number } }>({
          query: 'query($id: ID!) { journey(id: $id) { version } }',
          variables: { id: journeyId },
          token: admin,
          organisationId: demo.organisationId,
        });
        if (response.data?.journey?.version === head) break;
        if (attempt > 600) throw new Error(`read models did not catch up with journey ${journeyId}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return stepwise;
  };

  beforeAll(async () => {
    const [one, two] = [await folder(), await folder()];
    [first, second] = await Promise.all([seedDemo(one, SEED), seedDemo(two, SEED)]);
  }, SEEDING_MS);

  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const { dir } of folders) await rm(dir, { recursive: true, force: true });
  }, SERVING_MS);

  it('prints the organisation, its teams and journeys, three tokens and three curl commands', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const demo = printed(first.stdout);
    expect(demo.teamIds).toHaveLength(3);
    expect(demo.journeyIds).toHaveLength(6);
    expect(demo.curls).toHaveLength(3);
    expect(demo.curls.every(({ organisationId }) => organisationId === demo.organisationId)).toBe(true);
  });

  it('makes the same demo from the same seed: the same report and the same events, at the same instants', async () => {
    expect(second.code).toBe(0);
    expect(withoutTokens(second.stdout)).toBe(withoutTokens(first.stdout));
    const [one, two] = [await recordedEvents(folders[0]), await recordedEvents(folders[1])];
    expect(one.length).toBeGreaterThan(900);
    expect(two).toEqual(one);
  }, SERVING_MS);

  it('is served by Stepwise: the printed curl commands answer, as the leader, the staff member and the admin', async () => {
    const demo = printed(first.stdout);
    const stepwise = await serve(folders[0], demo, first.stdout);
    try {
      const answers = [];
      for (const curl of demo.curls) {
        const response = await http(`${stepwise.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${curl.token}`, 'x-organisation-id': curl.organisationId },
          body: curl.body,
        });
        const body = response.json();
        expect(body.errors).toBeUndefined();
        answers.push(body.data);
      }
      const [teamJourneys, timeline, asOf] = answers;
      // Six months of a team's two journeys: revisions, a pivot, and a mean comfort over enough people.
      const journeys = teamJourneys.teamJourneys.edges.map(({ node }: { node: Record<string, any> }) => node); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(journeys.map(({ title, status }: { title: string; status: string }) => [title, status])).toEqual([
        ['Homework that gets done', 'COMPLETED'],
        ['Feedback students act on', 'ACTIVE'],
      ]);
      expect(journeys[1]).toMatchObject({ direction: 'One sentence of feedback, acted on in class', vision: { version: 2 } });
      expect(journeys[1].comfort).toMatchObject({ hiddenBecause: null, meanComfort: expect.any(Number) });
      expect(journeys[1].comfort.people).toBeGreaterThanOrEqual(3);

      // The staff member reads the timeline with their peers' comfort hidden, their own shown.
      const lines = timeline.journeyTimeline.edges.map(({ node }: { node: { summary: string; comfortHiddenBecause: string | null } }) => node);
      const reflections = lines.filter(({ summary }: { summary: string }) => summary.includes(' reflected'));
      expect(reflections.length).toBeGreaterThan(0);
      for (const line of reflections) {
        const own = line.summary.startsWith('Tom Becker ');
        expect([own, line.comfortHiddenBecause]).toEqual(own ? [true, null] : [false, 'INDIVIDUAL_COMFORT_IS_PRIVATE']);
        expect(/comfort \d\/5$/.test(line.summary)).toBe(own);
      }

      // Halfway through, the first journey had pivoted but not yet revised its vision.
      expect(asOf.journey).toMatchObject({ status: 'ACTIVE', direction: 'One sentence of feedback, acted on in class', vision: { version: 1 } });
      expect(asOf.journey.steps.length).toBeGreaterThan(10);
      expect(asOf.journey.reflectionCount).toBeGreaterThan(10);
    } finally {
      await stop(stepwise);
    }
  }, SERVING_MS);

  it('works on PostgreSQL too (STEPWISE_DATABASE_URL), and what it prints answers there', async () => {
    const name = `stepwise_demo_${process.pid}_${Date.now().toString(36)}`;
    const admin = new Client({ connectionString: adminDatabaseUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const base = await folder();
      const onPostgres = { ...base, env: { ...base.env, STEPWISE_DATABASE_URL: databaseUrlFor(name) } };
      const seeded = await seedDemo(onPostgres, '11');
      expect([seeded.code, seeded.stderr]).toEqual([0, '']);
      const demo = printed(seeded.stdout);
      const stepwise = await serve(onPostgres, demo, seeded.stdout);
      const [leaderCurl] = demo.curls;
      const response = await http(`${stepwise.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${leaderCurl.token}`, 'x-organisation-id': leaderCurl.organisationId },
        body: leaderCurl.body,
      });
      expect(response.json().data.teamJourneys.edges).toHaveLength(2);
      await stop(stepwise);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, SEEDING_MS);

  it.each([
    ['an unknown option', ['--bogus'], {}, 'VALIDATION_FAILED'],
    ['a seed that is not a whole number', ['--seed', 'x'], {}, 'VALIDATION_FAILED'],
    ['a day that does not exist', ['--until', '2026-13-45'], {}, 'VALIDATION_FAILED'],
    [
      'tokens from an identity provider',
      [],
      { STEPWISE_AUTH_JWKS_URL: 'https://idp.example.com/jwks', STEPWISE_AUTH_ISSUER: 'https://idp.example.com', STEPWISE_AUTH_AUDIENCE: 'stepwise' },
      'LOCAL_KEY_REQUIRED',
    ],
  ] as const)('refuses %s with a code, before creating the data folder', async (_what, args, env, code) => {
    const base = await folder();
    const refused = await seedDemo({ ...base, env: { ...base.env, ...env } }, '1', args);
    expect([refused.code, refused.stdout]).toEqual([1, '']);
    expect(refused.stderr).toMatch(new RegExp(`^seed:demo refused \\(${code}\\)`));
    expect(existsSync(base.env.STEPWISE_DATA_DIR)).toBe(false);
  }, SERVING_MS);

  it('refuses, with DATA_FOLDER_LOCKED and nothing written, a data folder a running server holds', async () => {
    const eventsBefore = await recordedEvents(folders[1]);
    const stepwise = await startStepwise({ engine: 'pglite', env: folders[1].env });
    servers.push(stepwise);
    try {
      const refused = await seedDemo(folders[1], '8');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^seed:demo refused \(DATA_FOLDER_LOCKED\)/);
      expect(refused.stdout).toBe('');
    } finally {
      await stop(stepwise);
    }
    // Nothing of seed 8 reached the folder.
    expect(await recordedEvents(folders[1])).toEqual(eventsBefore);
  }, SERVING_MS);
});
