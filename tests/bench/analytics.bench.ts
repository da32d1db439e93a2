/**
 * Analytics benchmark: `npm run bench:analytics` (options: --events N (default 1,000,000),
 * --organisations N (100), --journeys N (2,000), --writers N (16), --seconds N, --runs N, --warmup N,
 * --skip-queries, --skip-catch-up (step 2 left out), --skip-rebuilds (step 3 left out: for iterating on the queries), --skip-separate (the
 * two rebuilds apart left out), --only a,b (the query scenarios to run: __typename, teamAnalytics,
 * organisationAnalytics; a ratio needs __typename among them); diagnostics: --keep leaves the database and prints its env, --cpu-prof
 * DIR profiles the api under the query load).
 *
 * On a fresh PostgreSQL database (dropped afterwards) it
 * 1. appends a generated, domain-valid history through the event store's `append` (stream chunks of
 *    up to 16 events, several writers at once; see analytics-bench/analytics-history.seed.ts);
 * 2. starts the worker (`apps/worker/src/main.ts` compiled into dist/, its own process, as
 *    `npm run start:worker` runs it) and times its catch-up from the start of the log: the analytics
 *    processor and the read models, side by side as in production;
 * 3. stops it and runs `rebuild` (every read model and the analytics in one pass over the log: the
 *    figure the target is for), then `rebuild-read-models` and `rebuild-analytics` one after the other
 *    (each its own process, compiled from dist/ as their npm scripts run them), each timed by its own
 *    closing log line (boot excluded);
 * 4. starts the api (`apps/api/src/main.ts` compiled, its own process, as `npm run start:api`) and
 *    drives `teamAnalytics` (as a team's leader) and `organisationAnalytics` (as the admin) of one
 *    organisation with autocannon at 50 connections, alternated with `{ __typename }` on the same
 *    server, run after run; MEDIANS are printed, with their ratio to `__typename`;
 * 5. prints each process's peak resident memory (VmHWM) and the targets beside the figures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { issueLocalToken, loadApiConfig } from '@stepwise/api';
import { closeRuntime, createLogger, openRuntime } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { loadWorkerConfig } from '@stepwise/worker';
import { freePort } from '../support/free-port';
import { adminDatabaseUrl, databaseUrlFor } from '../support/test-database';
import { runLoad, type LoadResult, type LoadScenario } from './api-bench/graphql-load.runner';
import { processCpuMs } from './support/process-cpu';
import { benchOrganisations, seedHistory, type BenchHistoryOptions, type BenchOrganisation } from './analytics-bench/analytics-history.seed';
import { buildDist, startApp, waitForOutput, type AppProcess } from './analytics-bench/stepwise-app.process';
import { fmt, load, median, verdict } from './support/bench-figures';
import { option } from './support/bench-options';

const CONNECTIONS = 50;

const EVENTS = Number(option('events', '1000000'));
const ORGANISATIONS = Number(option('organisations', '100'));
const JOURNEYS = Number(option('journeys', '2000'));
const WRITERS = Number(option('writers', '16'));
const SECONDS = Number(option('seconds', '10'));
const RUNS = Number(option('runs', '3'));
const WARMUP_SECONDS = Number(option('warmup', '3'));
const SKIP_QUERIES = process.argv.includes('--skip-queries');
const SKIP_REBUILDS = process.argv.includes('--skip-rebuilds');
/** Leaves out step 2 (the worker's catch-up): for iterating on the rebuild. */
const SKIP_CATCH_UP = process.argv.includes('--skip-catch-up');
/** Skips timing `rebuild-read-models` and `rebuild-analytics` apart after the one-pass rebuild. */
const SKIP_SEPARATE = process.argv.includes('--skip-separate');
const CPU_PROFILE_DIR = option('cpu-prof', '');
const ONLY = option('only', '').split(',').map((name) => name.trim()).filter((name) => name !== '');
/** Diagnostic: leave the database (and its env) behind for profiling a rebuild by hand. */
const KEEP = process.argv.includes('--keep');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The `ms` field of the last pino line carrying `message`. */
const loggedMs = (output: string, message: string): number => {
  const line = output.split('\n').reverse().find((candidate) => candidate.includes(message));
  if (!line) throw new Error(`no "${message}" in the output`);
  return Number((JSON.parse(line) as { ms: number }).ms);
};

const ANALYTICS_SELECTION = `{ from to timezone
  direction { yes no unsure people closerRate comfortMean comfortDistribution }
  weeks { week stepsTaken direction { yes no unsure closerRate comfortMean } }
  momentum { stepsTaken openSteps overdueSteps }
  loopDiscipline { stepsTaken reflectedInWindow share medianHoursToReflection }
  pivots { count medianHoursFromFirstNo }
  participation { members reflected share }
  stalled { count stalledAfterDays }
  support { open oldestAgeHours }
  commitments { kept missed open overdue }
  teams { teamId name direction { yes no closerRate } }
  transitionDips { journeyId visionVersion baseline trough recovered }
  attention { code journeyId message } }`;

/** A run's load figures and the api's CPU (user and system, /proc) per response over it. */
interface QueryRun extends LoadResult {
  readonly cpuUs: number;
}

interface Figures {
  readonly rps: number;
  readonly cpuUs: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
  readonly responses: number;
}

const summarise = (runs: readonly QueryRun[]): Figures => ({
  rps: median(runs.map((r) => r.requestsPerSecond)),
  cpuUs: median(runs.map((r) => r.cpuUs)),
  p50: median(runs.map((r) => r.p50Ms)),
  p99: median(runs.map((r) => r.p99Ms)),
  failures: runs.reduce((sum, r) => sum + r.failures, 0),
  responses: runs.reduce((sum, r) => sum + r.responses, 0),
});

/**
 * The query scenarios. Headers are fixed per scenario in the shared load runner, so every connection
 * reads as the leader (or admin) of the first organisation; the team analytics connections spread
 * over its teams.
 */
const queryScenarios = async (auth: Parameters<typeof issueLocalToken>[0], organisation: BenchOrganisation): Promise<LoadScenario[]> => {
  const leader = await issueLocalToken(auth, { subject: organisation.leaderSubject, name: 'Bench leader' });
  const admin = await issueLocalToken(auth, { subject: organisation.adminSubject, name: 'Bench admin' });
  const analytics = (body: string): string | null => (body.includes('"weeks":[{"week"') && body.includes('"yes":') ? null : 'no weeks');
  return [
    { name: '__typename', bodyFor: () => JSON.stringify({ query: '{ __typename }' }), check: (body) => (body.includes('"__typename":"Query"') ? null : 'unexpected body') },
    {
      name: 'teamAnalytics',
      bodyFor: (connection) =>
        JSON.stringify({ query: `query($teamId: ID!) { teamAnalytics(teamId: $teamId) ${ANALYTICS_SELECTION} }`, variables: { teamId: organisation.teamIds[connection % organisation.teamIds.length] } }),
      headers: { authorization: `Bearer ${leader}`, 'x-organisation-id': organisation.organisationId },
      check: analytics,
    },
    {
      name: 'organisationAnalytics',
      bodyFor: () => JSON.stringify({ query: `{ organisationAnalytics ${ANALYTICS_SELECTION} }` }),
      headers: { authorization: `Bearer ${admin}`, 'x-organisation-id': organisation.organisationId },
      check: analytics,
    },
  ];
};

/** Waits until requests left in flight by the last run have drained: a lone `__typename` is quick again. */
const settle = async (url: string): Promise<void> => {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const sent = Date.now();
    await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).then((response) => response.text());
    if (Date.now() - sent < 20) return;
    await sleep(200);
  }
};

const checkpoint = async (client: Client, processor: string): Promise<number> => {
  const { rows } = await client.query<{ global_position: string }>('SELECT global_position FROM es_checkpoints WHERE processor = $1', [processor]);
  return Number(rows[0]?.global_position ?? 0);
};

const main = async (): Promise<void> => {
  const started = Date.now();
  console.log(`analytics benchmark: ${fmt(EVENTS)} events, ${ORGANISATIONS} organisations, ${fmt(JOURNEYS)} journeys, ${WRITERS} writers; load average at start ${load()}`);
  const dir = await mkdtemp(join(tmpdir(), 'stepwise-anbench-'));
  const name = `stepwise_anbench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const env: Record<string, string> = {
    STEPWISE_ENV: 'test',
    STEPWISE_LOG_LEVEL: 'info',
    STEPWISE_DATA_DIR: join(dir, 'data'),
    STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'signing-key.json'),
    STEPWISE_REDIS_URL: process.env.STEPWISE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    STEPWISE_DATABASE_URL: databaseUrlFor(name),
    STEPWISE_MIGRATE_ON_BOOT: 'false',
  };
  const running: AppProcess[] = [];
  const client = new Client({ connectionString: databaseUrlFor(name) });
  const peaks: Record<string, number> = {};
  const lines: string[] = [];
  const say = (line: string): void => {
    console.log(line);
    lines.push(line);
  };
  try {
    const migrate = startApp('apps/worker/src/migrate.ts', env);
    if ((await migrate.exited) !== 0) throw new Error('migrations failed');
    await client.connect();

    // 1. The history, through the event store.
    const history: BenchHistoryOptions = { events: EVENTS, organisations: ORGANISATIONS, journeys: JOURNEYS, seed: 42, now: new Date() };
    const organisations = benchOrganisations(history);
    const writerConfig = loadWorkerConfig({ ...env, STEPWISE_DATABASE_POOL_SIZE: String(WRITERS) }, dir);
    const runtime = await openRuntime(writerConfig, createLogger('bench-seed', 'warn'), stepwiseSchema);
    let seeded;
    try {
      seeded = await seedHistory(runtime.eventStore, history, organisations, WRITERS, (events) => process.stdout.write(`\r  seeding: ${fmt(events)} events, ${fmt((events / (Date.now() - started)) * 1000)} events/s   `));
    } finally {
      await closeRuntime(runtime);
    }
    const { rows } = await client.query<{ n: string; head: string }>('SELECT count(*) AS n, max(global_position) AS head FROM es_events');
    const events = Number(rows[0].n);
    const head = Number(rows[0].head);
    process.stdout.write('\n');
    say(`seeded ${fmt(events)} events in ${fmt(seeded.appends)} appends in ${fmt(seeded.ms / 1000, 1)} s: ${fmt((seeded.events / seeded.ms) * 1000)} events/s (${WRITERS} writers); load ${load()}`);

    // 2. Catch-up: a worker from the start of the log (unless --skip-catch-up).
    buildDist();
    const catchUp = async (): Promise<void> => {
      const worker = startApp('apps/worker/src/main.ts', env, { npmScript: 'start:worker' });
      running.push(worker);
      await waitForOutput(worker, 'analytics projections running', 120_000);
      const catchUpStart = Date.now();
      const reached: Record<string, number> = {};
      while (Object.keys(reached).length < 2) {
        for (const processor of ['analytics', 'read-models']) {
          if (reached[processor] === undefined && (await checkpoint(client, processor)) >= head) reached[processor] = Date.now() - catchUpStart;
        }
        if (worker.child.exitCode !== null) throw new Error('the worker exited during catch-up');
        await sleep(250);
      }
      await worker.stop();
      peaks['worker (catch-up)'] = worker.peakRssMb();
      say(`catch-up, analytics and read models side by side in one worker: analytics ${fmt((events / reached.analytics) * 1000)} events/s (${fmt(reached.analytics / 1000, 1)} s), read models ${fmt((events / reached['read-models']) * 1000)} events/s (${fmt(reached['read-models'] / 1000, 1)} s); load ${load()}`);
    };
    if (!SKIP_CATCH_UP) await catchUp();

    // 3. Rebuilds, the worker stopped, compiled as their npm scripts run them: all at once in one pass
    //    (`npm run rebuild`), then (unless --skip-separate) `rebuild-read-models` and `rebuild-analytics` one after the other.
    const rebuild = async (script: string, message: string, label: string): Promise<number> => {
      const app = startApp(script, env, { npmScript: script.replace(/^apps\/worker\/src\/(.*)\.ts$/, '$1') });
      running.push(app);
      if ((await app.exited) !== 0) throw new Error(`${script} failed`);
      const ms = loggedMs(app.output(), message);
      peaks[label] = app.peakRssMb();
      say(`rebuild ${label}: ${fmt((events / ms) * 1000)} events/s (${fmt(ms / 1000, 1)} s); load ${load()}`);
      return ms;
    };
    const onePassMs = SKIP_REBUILDS ? NaN : await rebuild('apps/worker/src/rebuild.ts', 'all read models rebuilt', 'all in one pass');
    const rebuildRate = (events / onePassMs) * 1000;
    let separate = '';
    if (!SKIP_REBUILDS && !SKIP_SEPARATE) {
      const readModelsMs = await rebuild('apps/worker/src/rebuild-read-models.ts', 'read models rebuilt', 'read models');
      const analyticsMs = await rebuild('apps/worker/src/rebuild-analytics.ts', 'analytics rebuilt', 'analytics');
      separate = `; read models ${fmt((events / readModelsMs) * 1000)}, analytics ${fmt((events / analyticsMs) * 1000)}, one after the other ${fmt((events / (readModelsMs + analyticsMs)) * 1000)} events/s`;
    }
    if (!SKIP_REBUILDS) say(`rebuild of all read models in one pass (npm run rebuild): ${fmt(rebuildRate)} events/s${separate}`);

    // 4. Queries over GraphQL.
    let team: Figures | undefined;
    let organisation: Figures | undefined;
    let typename: Figures | undefined;
    if (!SKIP_QUERIES) {
      const port = await freePort();
      const api = startApp('apps/api/src/main.ts', { ...env, STEPWISE_PORT: String(port), STEPWISE_LOG_LEVEL: 'warn' }, {
        npmScript: 'start:api',
        nodeOptions: CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [],
      });
      running.push(api);
      const url = `http://127.0.0.1:${port}`;
      for (let ready = false; !ready; ) {
        if (api.child.exitCode !== null) throw new Error('the api exited while booting');
        ready = await fetch(`${url}/health`).then((response) => response.ok, () => false);
        if (!ready) await sleep(250);
      }
      const scenarios = (await queryScenarios(loadApiConfig(env, dir).auth, organisations[0])).filter((scenario) => ONLY.length === 0 || ONLY.includes(scenario.name));
      const results = new Map<string, QueryRun[]>(scenarios.map((scenario) => [scenario.name, []]));
      for (const scenario of scenarios) {
        if (WARMUP_SECONDS > 0) await runLoad(url, scenario, { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
        await settle(url);
      }
      for (let run = 0; run < RUNS; run += 1) {
        for (const scenario of scenarios) {
          const cpuBefore = processCpuMs(api.child.pid ?? -1) ?? NaN;
          const loaded = await runLoad(url, scenario, { connections: CONNECTIONS, seconds: SECONDS });
          const result = { ...loaded, cpuUs: (((processCpuMs(api.child.pid ?? -1) ?? NaN) - cpuBefore) * 1000) / loaded.responses };
          results.get(scenario.name)?.push(result);
          await settle(url);
          const failed = result.failures > 0 ? `  failures ${result.failures}: ${JSON.stringify(result.failureReasons)}` : '';
          console.log(`  ${scenario.name} run ${run + 1}: ${fmt(result.requestsPerSecond)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  api cpu ${fmt(result.cpuUs)} µs/req${failed}`);
        }
      }
      await api.stop();
      peaks.api = api.peakRssMb();
      const ran = (label: string): Figures | undefined => (results.get(label)?.length ? summarise(results.get(label) ?? []) : undefined);
      typename = ran('__typename');
      team = ran('teamAnalytics');
      organisation = ran('organisationAnalytics');
      say(`\n== queries: medians of ${RUNS} x ${SECONDS} s, ${CONNECTIONS} connections, alternated with __typename (failures: total over the measured runs;`);
      say('   api cpu: the api process\'s CPU per response, steadier than req/s on a shared machine; its ratio is __typename\'s over the query\'s)');
      for (const [label, f] of [['__typename', typename], ['teamAnalytics', team], ['organisationAnalytics', organisation]] as const) {
        if (!f) continue;
        const ratio = typename ? `  ${(f.rps / typename.rps).toFixed(2)}x __typename (cpu ${(typename.cpuUs / f.cpuUs).toFixed(2)}x)` : '';
        say(`${label.padEnd(24)} ${fmt(f.rps).padStart(8)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms  api cpu ${fmt(f.cpuUs).padStart(5)} µs/req  failures ${f.failures}/${f.responses}${ratio}`);
      }
    }

    say('\n== peak resident memory (VmHWM)');
    for (const [label, mb] of Object.entries(peaks)) say(`${label.padEnd(24)} ${fmt(mb)} MB`);

    say('\n== targets');
    if (!SKIP_REBUILDS) say(`rebuild >= 15,000 events/s: all in one pass ${fmt(rebuildRate)} events/s ${verdict(rebuildRate >= 15_000)}${separate}`);
    if (team && typename) say(`teamAnalytics >= 0.5x __typename: ${(team.rps / typename.rps).toFixed(2)}x ${verdict(team.rps / typename.rps >= 0.5)}   p99 ${team.p99} ms < 25 ms: ${verdict(team.p99 < 25)}   no failures: ${verdict(team.failures === 0)}`);
    if (organisation && typename) say(`organisationAnalytics (no target): ${(organisation.rps / typename.rps).toFixed(2)}x __typename, p99 ${organisation.p99} ms`);
    for (const [label, mb] of Object.entries(peaks)) say(`${label} < 300 MB: ${verdict(mb < 300)}`);
    say(`\ndone in ${fmt((Date.now() - started) / 1000)} s; load average now ${load()}`);
  } finally {
    for (const app of running) await app.stop();
    await client.end().catch(() => undefined);
    if (KEEP) {
      console.log(`kept: ${Object.entries(env).map(([key, value]) => `${key}=${value}`).join(' ')}`);
      return;
    }
    const dropper = new Client({ connectionString: adminDatabaseUrl() });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
    await rm(dir, { recursive: true, force: true });
  }
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
