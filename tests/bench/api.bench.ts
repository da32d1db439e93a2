/**
 * API benchmark: `npm run bench:api` (options: --seconds N, --runs N, --warmup N, --only a,b;
 * --split-worker runs the worker as its own process; diagnostics: --cpu-prof DIR profiles the server
 * process, --pool N tries another pool size).
 * Boots Stepwise in a child process (api and worker together, as `npm start` and the end-to-end
 * harness compose them) on a fresh PostgreSQL database that is dropped afterwards, seeds data over
 * GraphQL, and drives it with autocannon at 50 connections from this process, so the load generator
 * has its own event loop (it still shares the machine's cores with the server and PostgreSQL).
 *
 * Scenarios: `{ __typename }` (no I/O: the cost of HTTP + Nest + Apollo alone), `{ health { status } }`
 * (the baseline: one query on the database and a Redis ping), `journey(id)` as a team's staff member
 * (token + x-organisation-id), and `recordReflection` (a new reflection per request; the mutation
 * returns once its own projection is visible), once with every connection on the same journey (all
 * writers contend on one stream) and once with one journey per connection. Each scenario is warmed
 * up, then measured in several runs; MEDIANS are printed. Projection lag under the mutation load is
 * measured in the database (see projection-lag.probe.ts). Targets are printed beside the figures.
 */
import { loadavg } from 'node:os';
import type { ProjectionLag } from './api-bench/projection-lag.probe';
import { runLoad, type LoadResult, type LoadScenario } from './api-bench/graphql-load.runner';
import { startBenchServer, type BenchServer } from './api-bench/stepwise-server.client';

const CONNECTIONS = 50;

const option = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
};
const SECONDS = Number(option('seconds', '10'));
const RUNS = Number(option('runs', '3'));
const WARMUP_SECONDS = Number(option('warmup', '3'));
const ONLY = option('only', '').split(',').filter(Boolean);
const CPU_PROFILE_DIR = option('cpu-prof', '');
/** Diagnostic only: the server's PostgreSQL pool size (default: Stepwise's own default). */
const POOL_SIZE = Number(option('pool', '0'));
/** Run the worker as its own process (the production shape) instead of inside the api's. */
const SPLIT_WORKER = process.argv.includes('--split-worker');

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

interface ScenarioFigures {
  readonly name: string;
  readonly runs: readonly LoadResult[];
  readonly lags: readonly ProjectionLag[];
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
}

const JOURNEY_QUERY = `query($id: ID!) { journey(id: $id) { id title status version
  vision { version statement expectations successSignals }
  direction
  lastStep { id title status takenAt }
  lastReflection { id closer comfort note at } } }`;

const RECORD_REFLECTION = `mutation($input: RecordReflectionInput!) { recordReflection(input: $input) {
  createdId journey { id version lastReflection { id closer comfort } } outcome { version globalPosition projected replayed } } }`;

const scenarios = (server: BenchServer): LoadScenario[] => {
  const { data } = server.ready;
  const staff = { authorization: `Bearer ${data.staffToken}`, 'x-organisation-id': data.organisationId };
  const reflection = (journeyId: string, connection: number): string =>
    JSON.stringify({ query: RECORD_REFLECTION, variables: { input: { journeyId, closer: 'UNSURE', comfort: (connection % 5) + 1, note: `bench ${connection}` } } });
  // A reflection the read model shows: its journey's lastReflection is set and the outcome says projected.
  const projected = (body: string): string | null =>
    !body.includes('"projected":true') ? 'outcome.projected false (read-your-writes timed out)' : body.includes('"lastReflection":{"id"') ? null : 'no lastReflection';
  return [
    { name: '__typename', bodyFor: () => JSON.stringify({ query: '{ __typename }' }), check: (body) => (body.includes('"__typename":"Query"') ? null : 'unexpected body') },
    { name: 'health', bodyFor: () => JSON.stringify({ query: '{ health { status } }' }), check: (body) => (body.includes('"status":"ready"') ? null : 'health not ready') },
    {
      name: 'journey',
      bodyFor: () => JSON.stringify({ query: JOURNEY_QUERY, variables: { id: data.journeyId } }),
      headers: staff,
      check: (body) => (body.includes('"lastStep":{"id"') && body.includes('"vision":{"version"') ? null : 'journey incomplete'),
    },
    { name: 'reflection-one-journey', bodyFor: (connection) => reflection(data.journeyId, connection), headers: staff, check: projected },
    {
      name: 'reflection-own-journey',
      bodyFor: (connection) => reflection(data.quietJourneyIds[connection % data.quietJourneyIds.length], connection),
      headers: staff,
      check: projected,
    },
  ];
};

const measure = async (server: BenchServer, scenario: LoadScenario): Promise<ScenarioFigures> => {
  const mutation = scenario.name.startsWith('reflection');
  if (WARMUP_SECONDS > 0) await runLoad(server.ready.url, scenario, { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
  const runs: LoadResult[] = [];
  const lags: ProjectionLag[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    if (mutation) await server.request('reset-lag');
    const result = await runLoad(server.ready.url, scenario, { connections: CONNECTIONS, seconds: SECONDS });
    runs.push(result);
    if (mutation) lags.push(await server.request<ProjectionLag>('measure-lag'));
    const failed = result.failures > 0 ? `  failures ${result.failures}: ${JSON.stringify(result.failureReasons)}` : '';
    const lag = mutation ? `  lag p50 ${fmt(lags[run].p50Ms, 1)} p99 ${fmt(lags[run].p99Ms, 1)} ms (${lags[run].events} events)` : '';
    console.log(`  ${scenario.name} run ${run + 1}: ${fmt(result.requestsPerSecond)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms${lag}${failed}`);
  }
  return {
    name: scenario.name,
    runs,
    lags,
    rps: median(runs.map((r) => r.requestsPerSecond)),
    p50: median(runs.map((r) => r.p50Ms)),
    p99: median(runs.map((r) => r.p99Ms)),
  };
};

const report = (figures: ReadonlyMap<string, ScenarioFigures>): void => {
  const health = figures.get('health');
  const typename = figures.get('__typename');
  console.log(`\n== medians of ${RUNS} x ${SECONDS} s, ${CONNECTIONS} connections (failures: total over the measured runs)`);
  console.log(`${'scenario'.padEnd(24)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'failures'.padStart(9)}  ${'x health'.padStart(8)} ${'x __typename'.padStart(12)}`);
  for (const f of figures.values()) {
    const failures = f.runs.reduce((sum, r) => sum + r.failures, 0);
    const responses = f.runs.reduce((sum, r) => sum + r.responses, 0);
    const ratio = (base?: ScenarioFigures): string => (base ? `${(f.rps / base.rps).toFixed(2)}x` : '-');
    console.log(
      `${f.name.padEnd(24)} ${fmt(f.rps).padStart(8)} ${String(f.p50).padStart(7)} ${String(f.p99).padStart(7)} ${`${failures}/${responses}`.padStart(9)}  ${ratio(health).padStart(8)} ${ratio(typename).padStart(12)}`,
    );
  }
  const target = (name: string, minRatio: number): void => {
    const f = figures.get(name);
    if (!f) return;
    const against = (base: ScenarioFigures | undefined, label: string): string =>
      base ? `${(f.rps / base.rps).toFixed(2)}x ${label} ${verdict(f.rps / base.rps >= minRatio)}` : `${label} not measured`;
    const failures = f.runs.reduce((sum, r) => sum + r.failures, 0);
    console.log(
      `${name.padEnd(24)} throughput >= ${minRatio}x baseline: ${against(health, 'health')} (${against(typename, '__typename')})   p99 ${f.p99} ms < 30 ms: ${verdict(f.p99 < 30)}   no failures: ${verdict(failures === 0)}`,
    );
  };
  console.log('\n== targets');
  target('journey', 0.6);
  target('reflection-one-journey', 0.3);
  target('reflection-own-journey', 0.3);
  for (const f of figures.values()) {
    if (f.lags.length === 0) continue;
    const p50 = median(f.lags.map((l) => l.p50Ms));
    const p99 = median(f.lags.map((l) => l.p99Ms));
    const upper = `from the api's pre-append clock: p50 ${fmt(median(f.lags.map((l) => l.fromRecordedAt.p50Ms)), 1)} p99 ${fmt(median(f.lags.map((l) => l.fromRecordedAt.p99Ms)), 1)} ms`;
    console.log(`${`projection lag, ${f.name}`.padEnd(24)} p50 ${fmt(p50, 1)} ms  p99 ${fmt(p99, 1)} ms < 50 ms: ${verdict(p99 < 50)}   (${upper})`);
  }
};

const main = async (): Promise<void> => {
  const started = Date.now();
  const server = await startBenchServer({
    quietJourneys: CONNECTIONS,
    poolSize: POOL_SIZE || undefined,
    splitWorker: SPLIT_WORKER,
    nodeOptions: CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [],
  });
  console.log(`load average at start ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  console.log(`api benchmark: server ${server.ready.url} (child process, ${SPLIT_WORKER ? 'api; worker in its own process' : 'api + worker'}, PostgreSQL pool ${server.ready.poolSize}); seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const figures = new Map<string, ScenarioFigures>();
  try {
    for (const scenario of scenarios(server)) {
      if (ONLY.length > 0 && !ONLY.includes(scenario.name)) continue;
      figures.set(scenario.name, await measure(server, scenario));
    }
  } finally {
    await server.close();
  }
  report(figures);
  // Other work on the machine moves every figure: say how busy it was.
  console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
