/**
 * Stopping Stepwise the way people and process managers do: SIGTERM to the process they started
 * (`npm start`'s npm, as docker, systemd without a cgroup kill, or `kill` send it) and Ctrl-C (SIGINT
 * to the terminal's whole process group). Every process must be gone and the port free within
 * seconds, and what was acknowledged must be there after a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueLocalToken, loadApiConfig } from '@stepwise/api';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-database';
import { http } from '../support/stepwise-harness';
import { descendantsOf, eventually, isAlive, LISTENING, portIsFree, spawnProcess, type SpawnedProcess } from './support/spawned-process';

const STOP_WITHIN_MS = 5_000;

/** Every process these tests saw, so none outlives them even when a stop fails. */
const seen = new Set<number>();

const killLeftovers = (running: SpawnedProcess[]): void => {
  for (const { pid } of running) for (const each of [pid, ...descendantsOf(pid)]) seen.add(each);
  for (const pid of seen) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (const { child } of running) {
    child.stdout?.destroy();
    child.stderr?.destroy();
  }
};

const graphql = async (url: string, token: string, query: string): Promise<any> => // eslint-disable-line @typescript-eslint/no-explicit-any
  (await http(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) })).json();

const createOrganisation = (url: string, token: string, name: string, clientMutationId?: string) =>
  graphql(
    url,
    token,
    `mutation { createOrganisation(input: { name: ${JSON.stringify(name)}${clientMutationId ? `, clientMutationId: ${JSON.stringify(clientMutationId)}` : ''} }) { organisation { name } outcome { projected replayed } } }`,
  );

const organisationNames = async (url: string, token: string): Promise<string[]> =>
  ((await graphql(url, token, '{ myOrganisations { name } }')).data.myOrganisations as { name: string }[]).map((org) => org.name).sort();

/** The caller's organisations once the read models show `expected` (projections may still be catching up), or what they show after 15 s. */
const organisationsOnceProjected = async (url: string, token: string, expected: string[]): Promise<string[]> => {
  let names: string[] = [];
  await eventually(async () => {
    names = await organisationNames(url, token);
    return JSON.stringify(names) === JSON.stringify([...expected].sort());
  }, 15_000);
  return names;
};

/** A write is acknowledged when its mutation answers without errors. */
const acknowledged = (response: any): boolean => response?.errors === undefined && response?.data?.createOrganisation != null; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Started {
  readonly process: SpawnedProcess;
  readonly url: string;
  readonly port: number;
}

const npmRun = async (script: string, env: Record<string, string>, options: { detached?: boolean } = {}): Promise<Started> => {
  const started = spawnProcess('npm', ['run', '--silent', script], { STEPWISE_PORT: '0', STEPWISE_LOG_LEVEL: 'info', ...env }, options);
  const [, url, port] = await started.waitFor(LISTENING);
  return { process: started, url, port: Number(port) };
};

/** Sends the signal, then expects npm and everything under it gone and the port free, in time. */
const expectStopped = async (stopped: SpawnedProcess, tree: number[], port: number | undefined, send: () => void): Promise<void> => {
  for (const pid of [stopped.pid, ...tree]) seen.add(pid);
  if (tree.length === 0) throw new Error(`nothing runs under ${stopped.pid}; output:\n${stopped.output()}`);
  const sent = Date.now();
  send();
  const allGone = await eventually(() => [stopped.pid, ...tree].every((pid) => !isAlive(pid)), STOP_WITHIN_MS);
  expect({ allGone, stillRunning: [stopped.pid, ...tree].filter(isAlive) }).toEqual({ allGone: true, stillRunning: [] });
  expect(Date.now() - sent).toBeLessThan(STOP_WITHIN_MS);
  if (port !== undefined) expect(await portIsFree(port)).toBe(true);
  // Its last lines may still be in the pipe once every process is gone (seen once on a busy machine).
  await stopped.closed;
  expect(stopped.output()).toContain('"msg":"stopped"');
};

describe('npm start stops cleanly on a signal', () => {
  let dir: string;
  let env: Record<string, string>;
  let token: string;
  const running: SpawnedProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-signal-'));
    env = { STEPWISE_DATA_DIR: join(dir, 'data'), STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'key.json') };
    token = await issueLocalToken(loadApiConfig(env, dir).auth, { subject: 'signal-admin', name: 'Grace' });
  });

  afterAll(async () => {
    killLeftovers(running);
    await rm(dir, { recursive: true, force: true });
  });

  it('on SIGTERM to npm, and on Ctrl-C, keeping every acknowledged write', async () => {
    const first = await npmRun('start', env);
    running.push(first.process);
    expect(acknowledged(await createOrganisation(first.url, token, 'Before SIGTERM'))).toBe(true);
    // A write still in flight when the signal arrives: the api lets it finish, or refuses it (503,
    // nothing started) once the stop has begun. Its answer can still be lost on the way (the
    // connection may end as the process stops, as on any network), so what must hold is what a client
    // relies on: retried with the same clientMutationId after the restart, it is applied exactly once.
    const inFlight = createOrganisation(first.url, token, 'In flight', 'in-flight-1').catch((error: Error) => ({ failed: error.message }));
    await expectStopped(first.process, descendantsOf(first.process.pid), first.port, () => process.kill(first.process.pid, 'SIGTERM'));
    const inFlightAnswer = await inFlight;

    // Ctrl-C in a terminal: SIGINT to the whole process group (npm and node both get it).
    const second = await npmRun('start', env, { detached: true });
    running.push(second.process);
    const retried = await createOrganisation(second.url, token, 'In flight', 'in-flight-1');
    expect(acknowledged(retried)).toBe(true);
    // Answered the first time, the retry replays; otherwise either outcome is right, as long as the
    // organisation exists once.
    if (acknowledged(inFlightAnswer)) expect(retried.data.createOrganisation.outcome.replayed).toBe(true);
    const inFlightKept = ['In flight'];
    expect(await organisationsOnceProjected(second.url, token, ['Before SIGTERM', ...inFlightKept])).toEqual(['Before SIGTERM', ...inFlightKept].sort());
    expect(acknowledged(await createOrganisation(second.url, token, 'Before Ctrl-C'))).toBe(true);
    await expectStopped(second.process, descendantsOf(second.process.pid), second.port, () => process.kill(-second.process.pid, 'SIGINT'));

    const third = await npmRun('start', env);
    running.push(third.process);
    const all = ['Before Ctrl-C', 'Before SIGTERM', ...inFlightKept];
    expect(await organisationsOnceProjected(third.url, token, all)).toEqual(all.sort());
    await expectStopped(third.process, descendantsOf(third.process.pid), third.port, () => process.kill(third.process.pid, 'SIGTERM'));
  }, 480_000);
});

describe('npm run start:api and start:worker stop cleanly on SIGTERM', () => {
  let database: ScratchDatabase;
  let dir: string;
  let env: Record<string, string>;
  let token: string;
  const running: SpawnedProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-signal-pg-'));
    database = await createScratchDatabase('stepwise_sig');
    env = {
      STEPWISE_DATABASE_URL: database.url,
      STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'key.json'),
      STEPWISE_DATABASE_POOL_SIZE: '4',
      STEPWISE_PROJECTION_POLL_MS: '200',
    };
    token = await issueLocalToken(loadApiConfig(env, dir).auth, { subject: 'signal-pg-admin' });
  });

  afterAll(async () => {
    killLeftovers(running);
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('stops both, then a restarted api reads back what was written', async () => {
    const worker = spawnProcess('npm', ['run', '--silent', 'start:worker'], { ...env, STEPWISE_LOG_LEVEL: 'info' });
    running.push(worker);
    const api = await npmRun('start:api', env);
    running.push(api.process);
    await worker.waitFor(/"msg":"worker running"/);
    expect(acknowledged(await createOrganisation(api.url, token, 'On PostgreSQL'))).toBe(true);
    // The worker projects it; the api restarted below runs without one.
    expect(await organisationsOnceProjected(api.url, token, ['On PostgreSQL'])).toEqual(['On PostgreSQL']);

    await expectStopped(api.process, descendantsOf(api.process.pid), api.port, () => process.kill(api.process.pid, 'SIGTERM'));
    await expectStopped(worker, descendantsOf(worker.pid), undefined, () => process.kill(worker.pid, 'SIGTERM'));

    const again = await npmRun('start:api', env);
    running.push(again.process);
    expect(await organisationsOnceProjected(again.url, token, ['On PostgreSQL'])).toEqual(['On PostgreSQL']);
    await expectStopped(again.process, descendantsOf(again.process.pid), again.port, () => process.kill(again.process.pid, 'SIGTERM'));
  }, 120_000);
});
