/**
 * The server side of `npm run bench:api`, forked by the benchmark so that the load generator does
 * not share an event loop with the server: Stepwise booted by the end-to-end harness (api and
 * worker in this one process, as `npm start` composes them) on a fresh PostgreSQL database that is
 * dropped on close; then the benchmark data, seeded over GraphQL, and the projection-lag probe.
 * It answers the parent's requests over the IPC channel.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { npmScriptNodeArgs } from '../../support/npm-script';
import { installRoundTripCounter } from '../../support/round-trip.counter';
import { startStepwise, type Stepwise } from '../../support/stepwise-harness';
import { seedBenchData } from './bench-data.seed';
import { answerParent, closeWhenParentGoes, tellParentReady } from '../support/child-rpc.responder';
import { peakRssMb } from '../support/peak-rss';
import { backendCpu, processCpuMs } from '../support/process-cpu';
import { ProjectionLagProbe } from './projection-lag.probe';
import type { ServerCpu, ServerReady, ServerRequest } from './stepwise-server.protocol';

const root = join(__dirname, '..', '..', '..');

/** Resolves once a Stepwise process logs `marker`, with the first api url it logged (if any). */
const started = (child: ChildProcess, marker: string, name: string): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    let output = '';
    let resolved = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      // Errors the process logs under load are the bench's to show (a failure's cause).
      for (const line of text.split('\n')) if (/"level":(50|60)/.test(line)) console.error(`${name}: ${line.slice(0, 2000)}`);
      if (resolved) return;
      output += text;
      if (output.includes(marker)) {
        resolved = true;
        resolve(/"url":"(http:\/\/[^"]+)\/graphql"/.exec(output)?.[1]);
        output = '';
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} process exited (${code})`)));
  });

/** Settings given to the bench, passed on to every server it starts. */
const passedOn = (names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));

/** STEPWISE_KEPT_ANSWERS_MB (0: every read goes to SQL). */
const keptAnswers = passedOn(['STEPWISE_KEPT_ANSWERS_MB']);
/** The background processors' and the nudge relay's waits, for comparing them. */
const backgroundWaits = passedOn(['STEPWISE_BACKGROUND_LINGER_MS', 'STEPWISE_BACKGROUND_PACE_MS', 'STEPWISE_NUDGE_RELAY_PACE_MS']);

const processEnv = (databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  ...(process.env.NODE_ENV && { NODE_ENV: process.env.NODE_ENV }),
  STEPWISE_DATABASE_URL: databaseUrl,
  STEPWISE_LOG_LEVEL: 'info',
  STEPWISE_MIGRATE_ON_BOOT: 'false',
  STEPWISE_PROJECTION_POLL_MS: '1000',
  ...keptAnswers,
  ...backgroundWaits,
  ...extra,
});

/** `--cpu-prof` given to this process (the bench's --cpu-prof DIR) profiles the server under load too. */
const profilingArgs = (): string[] => process.execArgv.filter((arg) => arg === '--cpu-prof' || arg.startsWith('--cpu-prof-dir='));

/** The production shape: the worker as its own process (`npm run start:worker`) on the same database. */
const startWorkerProcess = async (databaseUrl: string): Promise<ChildProcess> => {
  const worker = spawn(process.execPath, npmScriptNodeArgs('start:worker'), { cwd: root, env: processEnv(databaseUrl), stdio: ['ignore', 'pipe', 'inherit'] });
  await started(worker, 'read-model projections running', 'worker');
  return worker;
};

/**
 * `npm start` (api and worker, compiled) on the bench database, as the server under load: it
 * verifies the harness's tokens (the same local signing key) and its worker projects. Under
 * --split-worker, `npm run start:api` instead, beside `npm run start:worker`: the production shape
 * (docker-compose.yml). Node runs what the script runs (its heap flags too), without npm's process
 * in between.
 */
const startServing = async (
  script: 'start' | 'start:api',
  databaseUrl: string,
  keyFile: string,
  poolSize: string | undefined,
  apiAlone: boolean,
): Promise<{ child: ChildProcess; url: string }> => {
  const env = processEnv(databaseUrl, {
    STEPWISE_ENV: 'test',
    STEPWISE_PORT: '0',
    STEPWISE_AUTH_LOCAL_KEY_FILE: keyFile,
    STEPWISE_DATA_DIR: join(root, 'tmp', 'bench-unused'),
    ...(poolSize && { STEPWISE_DATABASE_POOL_SIZE: poolSize }),
    ...(apiAlone && { STEPWISE_READ_YOUR_WRITES_TIMEOUT_MS: '0' }),
  });
  const child = spawn(process.execPath, [...profilingArgs(), ...npmScriptNodeArgs(script)], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await started(child, 'api listening', `npm run ${script}`);
  if (!url) throw new Error(`npm run ${script} did not say where it listens`);
  return { child, url };
};

/** CPU ms the server processes have used so far (the api, and a worker of its own under --split-worker). */
const serverCpuMs = (pids: readonly (number | undefined)[]): number => pids.reduce<number>((sum, pid) => sum + (pid === undefined ? 0 : (processCpuMs(pid) ?? 0)), 0);

/** The high-water mark of a process's resident memory, in bytes (Linux); this process's own without a pid. */
const peakRss = (pid: number | undefined): number => (pid === undefined ? process.resourceUsage().maxRSS * 1024 : (peakRssMb(pid) ?? 0) * 1024 * 1024);

const main = async (): Promise<void> => {
  const quietJourneys = Number(process.argv[2] ?? '50');
  const poolSize = process.argv[3] === '-' ? undefined : process.argv[3];
  const splitWorker = process.argv[4] === 'split';
  const npmStart = process.argv[5] === 'npm-start';
  const apiAlone = process.argv[6] === 'api-alone';
  const roundTrips = installRoundTripCounter();
  if (npmStart || splitWorker) execFileSync(process.execPath, ['tools/build.js'], { cwd: root, stdio: 'inherit' });
  // The production polling fallback (the harness shortens it for tests): projections here are woken
  // by NOTIFY, and a shorter poll would flatter the lag figure if a notification were missed.
  // Under npm start (and --split-worker) the harness's api serves only the seeding and the
  // round-trip count (same code, this process), and npm start's worker (or start:worker) projects.
  const stepwise: Stepwise = await startStepwise({
    env: { STEPWISE_PROJECTION_POLL_MS: '1000', ...keptAnswers, ...(poolSize && { STEPWISE_DATABASE_POOL_SIZE: poolSize }) },
    inProcessWorker: !splitWorker && !npmStart,
  });
  const database = stepwise.config.database;
  const keyFile = stepwise.config.auth.keys.kind === 'local' ? stepwise.config.auth.keys.file : '';
  const children: ChildProcess[] = [];
  let closing = false;
  const close = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    for (const child of children) {
      if (child.exitCode !== null) continue;
      // A worker stopped by --api-alone is woken first, or it would never act on the SIGTERM.
      if (apiAlone) child.kill('SIGCONT');
      await new Promise((done) => (child.once('exit', done), child.kill('SIGTERM')));
    }
    await stepwise.close();
  };
  // Never leave the database behind: if the parent goes away, close (which drops it) and exit.
  closeWhenParentGoes(close);
  try {
    // Inside the try: a process that fails to start still has the database dropped behind it.
    if (database.kind !== 'postgres') throw new Error('the api benchmark runs on PostgreSQL');
    const worker = splitWorker ? await startWorkerProcess(database.url) : undefined;
    if (worker) children.push(worker);
    const script = npmStart ? (splitWorker ? 'start:api' : 'start') : undefined;
    const served = script ? await startServing(script, database.url, keyFile, poolSize, apiAlone) : undefined;
    if (served) children.push(served.child);
    const data = await seedBenchData(stepwise, quietJourneys);
    // Its triggers are made before the worker is stopped: a worker stopped inside a checkpoint's
    // transaction holds that table's lock, and CREATE TRIGGER on it then waited for ever.
    const probe = new ProjectionLagProbe(stepwise.runtime.database);
    await probe.install();
    // --api-alone: nothing projects from here on (close wakes it before stopping it).
    if (apiAlone) worker?.kill('SIGSTOP');
    answerParent<ServerRequest>(async (request) => {
      switch (request.op) {
        case 'reset-lag':
          return probe.reset();
        case 'measure-lag':
          return probe.measure();
        case 'reset-round-trips':
          return roundTrips.reset();
        case 'round-trips':
          return { perRequest: roundTrips.perRequest, lastStatements: roundTrips.lastStatements };
        case 'cpu': {
          // The bench database's backends, whoever opened them: during a run only the server's work.
          const backends = await backendCpu(stepwise.runtime.database, new URL(database.url).pathname.slice(1), '');
          const reading: ServerCpu = { serverMs: serverCpuMs([served?.child.pid ?? process.pid, worker?.pid]), postgresBackendsMs: [...backends] };
          return reading;
        }
        case 'peak-rss':
          return [
            { process: served ? (splitWorker ? 'npm run start:api' : 'npm start: api + worker, compiled') : `the harness process: api${worker ? '' : ' + worker'}, seeding included`, bytes: peakRss(served?.child.pid) },
            ...(worker ? [{ process: 'npm run start:worker', bytes: peakRss(worker.pid) }] : []),
          ];
        case 'close':
          return close();
      }
    });
    tellParentReady<ServerReady>({ type: 'ready', url: served?.url ?? stepwise.url, countingUrl: stepwise.url, data, poolSize: database.poolSize, served: script });
  } catch (error) {
    await close();
    throw error;
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
