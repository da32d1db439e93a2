/**
 * The multi-process deployment: two api processes and two worker processes, each started the way
 * `npm run start:api` / `start:worker` start them, against one PostgreSQL database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueLocalToken, loadApiConfig } from '@stepwise/api';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-database';
import { graphqlAt, http } from '../support/stepwise-harness';
import { askUntil } from './support/ask-until';
import { buildOrg, startJourney } from './support/org-builder';
import { compiledEntry } from './support/spawned-process';
import { errorCode, stepwiseApi, type StepwiseApi } from './support/stepwise-api';

const root = join(__dirname, '..', '..');

const start = (entry: string, env: Record<string, string>): ChildProcess =>
  spawn(process.execPath, [compiledEntry(entry)], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'ignore'] });

/** Starts an api on a free port (STEPWISE_PORT=0) and resolves to its URL once it logs where it listens. */
const startApi = (env: Record<string, string>, processes: ChildProcess[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const api = start('apps/api/src/main.ts', { ...env, STEPWISE_PORT: '0', STEPWISE_LOG_LEVEL: 'info' });
    processes.push(api);
    let output = '';
    api.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const listening = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/.exec(output);
      if (listening) resolve(listening[1]);
    });
    api.once('exit', (code) => reject(new Error(`api exited (${code}) before listening`)));
  });

const waitUntilReady = async (url: string, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await http(`${url}/health/ready`)).status === 200) return;
    } catch {
      // not answering yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become ready`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

const graphql = async (url: string, token: string, query: string, organisationId?: string) => {
  const response = await http(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(organisationId && { 'x-organisation-id': organisationId }) },
    body: JSON.stringify({ query }),
  });
  return response.json();
};

describe('several api and worker processes on PostgreSQL', () => {
  let database: ScratchDatabase;
  let urls: string[] = [];
  const processes: ChildProcess[] = [];
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-mp-'));
    database = await createScratchDatabase('stepwise_mp');
    env = {
      STEPWISE_DATABASE_URL: database.url,
      STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'key.json'),
      STEPWISE_LOG_LEVEL: 'warn',
      STEPWISE_PROJECTION_POLL_MS: '200',
      STEPWISE_DATABASE_POOL_SIZE: '5',
    };
    // All four boot at once: migrations must serialise themselves.
    processes.push(start('apps/worker/src/main.ts', env), start('apps/worker/src/main.ts', env));
    urls = await Promise.all([startApi(env, processes), startApi(env, processes)]);
    await Promise.all(urls.map((url) => waitUntilReady(url)));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(
      processes.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))),
    );
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes through one api and reads through the other', async () => {
    const token = await issueLocalToken(loadApiConfig(env, dir).auth, { subject: 'mp-admin', name: 'Margaret' });
    const [first, second] = urls;
    const created = await graphql(first, token, 'mutation { createOrganisation(input: { name: "Two Rivers" }) { organisation { id } outcome { projected } } }');
    expect(created.errors).toBeUndefined();
    expect(created.data.createOrganisation.outcome.projected).toBe(true);
    const organisationId = created.data.createOrganisation.organisation.id;
    const team = await graphql(second, token, 'mutation { createTeam(input: { name: "Science" }) { teamId team { name } } }', organisationId);
    expect(team.data.createTeam.team).toEqual({ name: 'Science' });
    const teams = await graphql(first, token, '{ teams { name } members { displayName orgRole } }', organisationId);
    expect(teams.data).toEqual({ teams: [{ name: 'Science' }], members: [{ displayName: 'Margaret', orgRole: 'ADMIN' }] });
  });

  it('one clientMutationId sent to both apis at once: one team, and exactly one answer says replayed: false', async () => {
    const token = await issueLocalToken(loadApiConfig(env, dir).auth, { subject: 'mp-racer', name: 'Rae' });
    const created = await graphql(urls[0], token, 'mutation { createOrganisation(input: { name: "Racing Retries" }) { organisation { id } } }');
    const organisationId = created.data.createOrganisation.organisation.id;
    for (let round = 1; round <= 10; round += 1) {
      const mutation = `mutation { createTeam(input: { name: "Team ${round}", clientMutationId: "race-${round}" }) { teamId outcome { version replayed } } }`;
      const answers = await Promise.all(urls.map((url) => graphql(url, token, mutation, organisationId)));
      const payloads = answers.map((answer) => answer.data.createTeam);
      expect({ round, replayed: payloads.map((payload) => payload.outcome.replayed).sort() }).toEqual({ round, replayed: [false, true] });
      expect(payloads[1].teamId).toBe(payloads[0].teamId);
    }
    const teams = await graphql(urls[1], token, '{ teams { name } }', organisationId);
    expect(teams.data.teams).toHaveLength(10);
  });

  it('shows a journey one api keeps as soon as it hears of a change written through the other: steps, and team roles', async () => {
    const apiAt = (url: string): StepwiseApi => stepwiseApi({ graphql: graphqlAt(url), token: (subject, name) => issueLocalToken(loadApiConfig(env, dir).auth, { subject, name }) });
    const [writer, keeper] = urls.map(apiAt);
    const org = await buildOrg(writer, { label: 'mp-kept', staff: 1 });
    const journeyId = await startJourney(writer, org);
    const staff = org.staff[0];
    const lastStepSeen = async (): Promise<string | undefined> => (await keeper.query(staff, 'journey', { id: journeyId })).lastStep?.title;
    await lastStepSeen();
    await lastStepSeen();
    await writer.mutate(org.leader, 'planStep', { journeyId, title: 'Written through the other api' });
    // The keeping api hears the notice from the worker's commit on its own listening session: soon, not necessarily before the writer answered.
    expect(await askUntil(lastStepSeen, (title) => title === 'Written through the other api', 10_000)).toBe('Written through the other api');
    await writer.mutate(org.admin, 'removeTeamMember', { teamId: org.teamId, memberId: staff.memberId });
    const refusal = () => keeper.attemptQuery(staff, 'journey', { id: journeyId }).then(errorCode);
    expect(await askUntil(refusal, (code) => code === 'JOURNEY_NOT_FOUND', 10_000)).toBe('JOURNEY_NOT_FOUND');
  });

  it('keeps serving reads and writes when one worker stops', async () => {
    const worker = processes[0];
    await new Promise((resolve) => (worker.once('exit', resolve), worker.kill('SIGTERM')));
    const token = await issueLocalToken(loadApiConfig(env, dir).auth, { subject: 'mp-admin-2' });
    const created = await graphql(urls[1], token, 'mutation { createOrganisation(input: { name: "Second" }) { organisation { name } outcome { projected } } }');
    expect(created.data.createOrganisation).toEqual({ organisation: { name: 'Second' }, outcome: { projected: true } });
  });
});
