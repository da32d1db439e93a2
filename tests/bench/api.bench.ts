/**
 * API benchmark: `npm run bench:api` (options: --seconds N, --runs N, --warmup N, --only a,b,
 * --connections 10,50; --split-worker serves from `npm run start:api` beside `npm run start:worker`, the
 * production shape of docker-compose.yml, instead of `npm start`; diagnostics: --cpu-prof DIR
 * profiles the server processes, one file each (the seeding harness and `npm start`, the one under
 * load), --api-alone (with --split-worker) stops the worker after seeding and serves mutations
 * without waiting for their projection, so a reflection's figures are the api's own share, --pool N tries another pool size, --node-env X runs both servers under another NODE_ENV
 * than production). STEPWISE_KEPT_ANSWERS_MB=0 in the bench's environment turns the api's kept answers
 * off in every server it starts, so reads go to SQL each time (journey and teamJourneys otherwise
 * answer repeats from memory: see README, Kept answers). STEPWISE_BACKGROUND_LINGER_MS and
 * STEPWISE_BACKGROUND_PACE_MS in its environment are passed on to every server it starts likewise (the worker's background processors: README, Configuration).
 * Boots Stepwise on a fresh PostgreSQL database that is dropped afterwards: the end-to-end harness in
 * a child process (it seeds data over GraphQL and counts SQL round trips) and, beside it, `npm start`
 * (compiled, api and worker) as the server under load (--harness loads the harness's api instead),
 * and drives it with autocannon from this process, so the load generator has its own event
 * loop (it still shares the machine's cores with the servers and PostgreSQL). Beside it runs a bare
 * NestJS + Apollo server (one resolver, the same Express adapter): the baseline for `{ __typename }`.
 *
 * Scenarios: `{ __typename }` on the bare server and on Stepwise (no I/O: the cost of HTTP + Nest +
 * Apollo, and what Stepwise's edge adds), `{ health { status } }` (one query on the database and a
 * Redis ping), `journey(id)` and `teamJourneys(teamId, first: 10)` as a team's staff member (token +
 * x-organisation-id), and `recordReflection` (a new reflection per request; the mutation returns once
 * its own projection is visible), once with every connection on the same journey (all writers
 * contend on one stream) and once with one journey per connection. Measurement alternates: each round
 * runs every scenario once at each connection count, so a burst of load elsewhere on the machine
 * lands on all of them; MEDIANS over the rounds are printed, with ratios taken inside each round.
 * Also printed: CPU per request of the server's node process and of PostgreSQL's backends (read
 * from /proc around each run, and compared like the throughput: the work a request costs moves far
 * less with another process's burst than its throughput does, so it is shown beside the throughput
 * ratios, which stay the targets), SQL round trips per request (counted in the server, requests sent one at a time),
 * the server's peak RSS, and projection lag under the mutation load, measured in the database (see
 * projection-lag.probe.ts). Targets are printed beside the figures.
 */
import { request as httpRequest } from 'node:http';
import type { ProjectionLag } from './api-bench/projection-lag.probe';
import { runLoad, type LoadResult, type LoadScenario } from './api-bench/graphql-load.runner';
import { startBareServer, startBenchServer, type BareServer, type BenchServer } from './api-bench/stepwise-server.client';
import type { PeakRss, ServerCpu } from './api-bench/stepwise-server.protocol';
import { cpuBetween, processCpuMs } from './support/process-cpu';
import { fmt, load, median, verdict } from './support/bench-figures';
import { option } from './support/bench-options';

const SECONDS = Number(option('seconds', '5'));
const RUNS = Number(option('runs', '3'));
const WARMUP_SECONDS = Number(option('warmup', '3'));
const ONLY = option('only', '').split(',').filter(Boolean);
const CONNECTION_COUNTS = option('connections', '10,50').split(',').map(Number);
const CPU_PROFILE_DIR = option('cpu-prof', '');
/** Diagnostic only: the server's PostgreSQL pool size (default: Stepwise's own default). */
const POOL_SIZE = Number(option('pool', '0'));
/** Run the worker as its own process (the production shape) instead of inside the api's. */
const SPLIT_WORKER = process.argv.includes('--split-worker');
/**
 * Diagnostic only (needs --split-worker): the worker is stopped once seeding is done and the api
 * answers mutations without waiting for their projection, so a mutation costs what the api alone
 * spends on it. Its answers say `projected: false`, and the lag and round trips are not measured.
 */
const API_ALONE = process.argv.includes('--api-alone');
if (API_ALONE && !SPLIT_WORKER) throw new Error('--api-alone needs --split-worker: the worker must be a process of its own to be stopped');
/** Load the harness's in-process api instead of a separate `npm start` (compiled) process. */
const NPM_START = !process.argv.includes('--harness');
/** Both servers run as production processes do (see the apps' main.ts files); diagnostics may change it. */
const NODE_ENV = option('node-env', 'production');
/** Requests sent one at a time per scenario to count its SQL round trips. */
const ROUND_TRIP_SAMPLES = 5;

interface BenchScenario extends LoadScenario {
  /** Which server it runs against: the bare baseline or Stepwise. */
  readonly server: 'bare' | 'stepwise';
  readonly mutation: boolean;
}

interface Run {
  readonly round: number;
  readonly connections: number;
  readonly result: LoadResult;
  readonly lag?: ProjectionLag;
  /** CPU per response, in µs: the server's node process(es), and PostgreSQL's backends (none for the bare server). */
  readonly cpu: { readonly nodeUs: number; readonly postgresUs: number };
}

const JOURNEY_FIELDS = `id title status version
  vision { version statement expectations successSignals }
  direction
  lastStep { id title status takenAt }
  lastReflection { id closer comfort note at }`;
const JOURNEY_QUERY = `query($id: ID!) { journey(id: $id) { ${JOURNEY_FIELDS} } }`;
const TEAM_JOURNEYS_QUERY = `query($teamId: ID!) { teamJourneys(teamId: $teamId, first: 10) { edges { cursor node { ${JOURNEY_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;

const RECORD_REFLECTION = `mutation($input: RecordReflectionInput!) { recordReflection(input: $input) {
  createdId journey { id version lastReflection { id closer comfort } } outcome { version globalPosition projected replayed } } }`;

const scenarios = (server: BenchServer): BenchScenario[] => {
  const { data } = server.ready;
  const staff = { authorization: `Bearer ${data.staffToken}`, 'x-organisation-id': data.organisationId };
  const reflection = (journeyId: string, connection: number): string =>
    JSON.stringify({ query: RECORD_REFLECTION, variables: { input: { journeyId, closer: 'UNSURE', comfort: (connection % 5) + 1, note: `bench ${connection}` } } });
  // A reflection the read model shows: its journey's lastReflection is set and the outcome says projected.
  const projected = (body: string): string | null =>
    API_ALONE ? (body.includes('"createdId"') ? null : 'no createdId') : !body.includes('"projected":true') ? 'outcome.projected false (read-your-writes timed out)' : body.includes('"lastReflection":{"id"') ? null : 'no lastReflection';
  const typename = (body: string): string | null => (body.includes('"__typename":"Query"') ? null : 'unexpected body');
  return [
    { name: 'bare __typename', server: 'bare', mutation: false, bodyFor: () => JSON.stringify({ query: '{ __typename }' }), check: typename },
    { name: '__typename', server: 'stepwise', mutation: false, bodyFor: () => JSON.stringify({ query: '{ __typename }' }), check: typename },
    {
      name: 'health',
      server: 'stepwise',
      mutation: false,
      bodyFor: () => JSON.stringify({ query: '{ health { status } }' }),
      check: (body) => (body.includes('"status":"ready"') ? null : 'health not ready'),
    },
    {
      name: 'journey',
      server: 'stepwise',
      mutation: false,
      bodyFor: () => JSON.stringify({ query: JOURNEY_QUERY, variables: { id: data.journeyId } }),
      headers: staff,
      check: (body) => (body.includes('"lastStep":{"id"') && body.includes('"vision":{"version"') ? null : 'journey incomplete'),
    },
    {
      name: 'teamJourneys',
      server: 'stepwise',
      mutation: false,
      bodyFor: () => JSON.stringify({ query: TEAM_JOURNEYS_QUERY, variables: { teamId: data.teamId } }),
      headers: staff,
      check: (body) => (body.includes('"hasNextPage":true') && (body.match(/"cursor"/g) ?? []).length === 10 ? null : 'page incomplete'),
    },
    { name: 'reflection-one-journey', server: 'stepwise', mutation: true, bodyFor: (connection) => reflection(data.journeyId, connection), headers: staff, check: projected },
    {
      name: 'reflection-own-journey',
      server: 'stepwise',
      mutation: true,
      bodyFor: (connection) => reflection(data.quietJourneyIds[connection % data.quietJourneyIds.length], connection),
      headers: staff,
      check: projected,
    },
  ];
};

/** One request, no keep-alive; the body is returned for checking. */
const post = (url: string, scenario: LoadScenario, connection: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}/graphql`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...scenario.headers }, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(scenario.bodyFor(connection));
  });

interface RoundTrips {
  readonly median: number;
  readonly max: number;
  readonly statements: readonly string[];
}

/** SQL round trips per request: requests one at a time (so pool waits cannot misattribute), counted in the server. */
const countRoundTrips = async (server: BenchServer, scenario: BenchScenario): Promise<RoundTrips> => {
  await server.request('reset-round-trips');
  for (let i = 0; i < ROUND_TRIP_SAMPLES; i += 1) {
    const body = await post(server.ready.countingUrl, scenario, i);
    const wrong = body.includes('"errors"') ? body.slice(0, 200) : scenario.check(body);
    if (wrong) throw new Error(`${scenario.name}: ${wrong}`);
  }
  const counted = await server.request<{ perRequest: number[]; lastStatements: string[] }>('round-trips');
  return { median: median(counted.perRequest), max: Math.max(...counted.perRequest), statements: counted.lastStatements };
};

/** CPU used so far by the server a scenario loads: read from /proc, so it holds however busy the machine is. */
const cpuOf = async (scenario: BenchScenario, server: BenchServer, bare: BareServer): Promise<ServerCpu> =>
  scenario.server === 'bare' ? { serverMs: bare.pid === undefined ? 0 : (processCpuMs(bare.pid) ?? 0), postgresBackendsMs: [] } : server.request<ServerCpu>('cpu');

const runOnce = async (url: string, server: BenchServer, bare: BareServer, scenario: BenchScenario, connections: number, round: number): Promise<Run> => {
  const measuresLag = scenario.mutation && !API_ALONE;
  if (measuresLag) await server.request('reset-lag');
  const cpuBefore = await cpuOf(scenario, server, bare);
  const result = await runLoad(url, scenario, { connections, seconds: SECONDS });
  const cpuAfter = await cpuOf(scenario, server, bare);
  const perResponse = (ms: number): number => (ms * 1000) / Math.max(1, result.responses);
  const cpu = { nodeUs: perResponse(cpuAfter.serverMs - cpuBefore.serverMs), postgresUs: perResponse(cpuBetween(new Map(cpuBefore.postgresBackendsMs), new Map(cpuAfter.postgresBackendsMs))) };
  const lag = measuresLag ? await server.request<ProjectionLag>('measure-lag') : undefined;
  const failed = result.failures > 0 ? `  failures ${result.failures}: ${JSON.stringify(result.failureReasons)}` : '';
  const lagText = lag ? `  lag p50 ${fmt(lag.p50Ms, 1)} p99 ${fmt(lag.p99Ms, 1)} ms (${lag.events} events)` : '';
  console.log(
    `  round ${round} c${String(connections).padEnd(3)} ${scenario.name.padEnd(24)} ${fmt(result.requestsPerSecond).padStart(7)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  cpu ${fmt(cpu.nodeUs)} + ${fmt(cpu.postgresUs)} µs/req${lagText}${failed}`,
  );
  return { round, connections, result, lag, cpu };
};

const TARGETS: Record<string, { ratio: number; p99Ms: number }> = {
  journey: { ratio: 0.6, p99Ms: 30 },
  teamJourneys: { ratio: 0.45, p99Ms: 30 },
  'reflection-one-journey': { ratio: 0.35, p99Ms: 60 },
  'reflection-own-journey': { ratio: 0.35, p99Ms: 60 },
  __typename: { ratio: 0.9, p99Ms: 30 },
};

/** The median over the rounds of `ratio` between a scenario's run and the baseline's run of the same round. */
const ratioWithinRounds = (mine: readonly Run[], baseline: readonly Run[], ratio: (run: Run, same: Run) => number): number => {
  const ratios = mine.flatMap((run) => {
    const same = baseline.find((b) => b.round === run.round);
    return same ? [ratio(run, same)] : [];
  });
  return ratios.length > 0 ? median(ratios) : Number.NaN;
};

const cpuUs = (run: Run): number => run.cpu.nodeUs + run.cpu.postgresUs;

/**
 * The same comparisons by CPU per response (node and PostgreSQL, read from /proc): the work a request
 * costs, which another process's burst moves far less than it moves throughput. Beside the
 * throughput ratios, never instead of them: the targets are the throughput ratios.
 */
const reportCpu = (list: readonly BenchScenario[], runs: ReadonlyMap<string, Run[]>): void => {
  for (const connections of CONNECTION_COUNTS) {
    console.log(`\n== CPU per request at ${connections} connections (medians; ratio = the baseline's CPU per request / this one's, within each round)`);
    console.log(`${'scenario'.padEnd(24)} ${'node µs'.padStart(8)} ${'pg µs'.padStart(7)} ${'x __typename'.padStart(12)} ${'x bare'.padStart(7)}`);
    const at = (name: string): Run[] => (runs.get(name) ?? []).filter((r) => r.connections === connections);
    const ratioTo = (name: string, base: string): number => ratioWithinRounds(at(name), at(base), (run, same) => cpuUs(same) / cpuUs(run));
    for (const scenario of list) {
      const mine = at(scenario.name);
      if (mine.length === 0) continue;
      console.log(
        `${scenario.name.padEnd(24)} ${fmt(median(mine.map((r) => r.cpu.nodeUs))).padStart(8)} ${fmt(median(mine.map((r) => r.cpu.postgresUs))).padStart(7)} ${`${fmt(ratioTo(scenario.name, '__typename'), 2)}x`.padStart(12)} ${`${fmt(ratioTo(scenario.name, 'bare __typename'), 2)}x`.padStart(7)}`,
      );
    }
  }
};

const report = (list: readonly BenchScenario[], runs: ReadonlyMap<string, Run[]>, trips: ReadonlyMap<string, RoundTrips>, peaks: readonly PeakRss[]): void => {
  for (const connections of CONNECTION_COUNTS) {
    console.log(`\n== ${connections} connections: medians of ${RUNS} rounds x ${SECONDS} s (ratios taken within each round, then the median)`);
    console.log(
      `${'scenario'.padEnd(24)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'failures'.padStart(9)} ${'x __typename'.padStart(12)} ${'x bare'.padStart(7)} ${'trips'.padStart(6)}  target`,
    );
    const at = (name: string): Run[] => (runs.get(name) ?? []).filter((r) => r.connections === connections);
    const ratioTo = (name: string, base: string): number => ratioWithinRounds(at(name), at(base), (run, same) => run.result.requestsPerSecond / same.result.requestsPerSecond);
    for (const scenario of list) {
      const mine = at(scenario.name);
      if (mine.length === 0) continue;
      const rps = median(mine.map((r) => r.result.requestsPerSecond));
      const p50 = median(mine.map((r) => r.result.p50Ms));
      const p99 = median(mine.map((r) => r.result.p99Ms));
      const failures = mine.reduce((sum, r) => sum + r.result.failures, 0);
      const responses = mine.reduce((sum, r) => sum + r.result.responses, 0);
      const xTypename = ratioTo(scenario.name, '__typename');
      const xBare = ratioTo(scenario.name, 'bare __typename');
      const target = TARGETS[scenario.name];
      const ratio = scenario.name === '__typename' ? xBare : xTypename;
      const verdicts = target
        ? `>= ${target.ratio}x ${Number.isNaN(ratio) ? 'not measured (its baseline was not run)' : verdict(ratio >= target.ratio)}${connections === 10 ? `, p99 < ${target.p99Ms} ms ${verdict(p99 < target.p99Ms)}` : ''}`
        : '';
      const trip = trips.get(scenario.name);
      console.log(
        `${scenario.name.padEnd(24)} ${fmt(rps).padStart(8)} ${String(p50).padStart(7)} ${String(p99).padStart(7)} ${`${failures}/${responses}`.padStart(9)} ${`${fmt(xTypename, 2)}x`.padStart(12)} ${`${fmt(xBare, 2)}x`.padStart(7)} ${(trip ? (trip.max === trip.median ? String(trip.median) : `${trip.median}-${trip.max}`) : '-').padStart(6)}  ${verdicts}`,
      );
      const lags = mine.flatMap((r) => (r.lag ? [r.lag] : []));
      if (lags.length > 0) {
        const upper = `from the api's pre-append clock: p50 ${fmt(median(lags.map((l) => l.fromRecordedAt.p50Ms)), 1)} p99 ${fmt(median(lags.map((l) => l.fromRecordedAt.p99Ms)), 1)} ms`;
        console.log(`${''.padEnd(24)} projection lag p50 ${fmt(median(lags.map((l) => l.p50Ms)), 1)} ms  p99 ${fmt(median(lags.map((l) => l.p99Ms)), 1)} ms  (${upper})`);
      }
    }
  }
  reportCpu(list, runs);
  console.log('\n== SQL round trips per request (median-max of requests sent one at a time; target: 1 per tenant-scoped read, <= 5 per mutation)');
  for (const [name, trip] of trips) console.log(`${name.padEnd(24)} ${trip.median}${trip.max !== trip.median ? `-${trip.max}` : ''}: ${trip.statements.join(' | ')}`);
  for (const peak of peaks) console.log(`\n== peak RSS of the server under load (${peak.process}): ${fmt(peak.bytes / 2 ** 20)} MB < 300 MB: ${verdict(peak.bytes < 300 * 2 ** 20)}`);
};

const main = async (): Promise<void> => {
  const started = Date.now();
  const [startedServer, startedBare] = await Promise.allSettled([
    startBenchServer({
      quietJourneys: Math.max(...CONNECTION_COUNTS),
      poolSize: POOL_SIZE || undefined,
      splitWorker: SPLIT_WORKER,
      apiAlone: API_ALONE,
      npmStart: NPM_START,
      nodeOptions: CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [],
      nodeEnv: NODE_ENV,
    }),
    startBareServer({ nodeEnv: NODE_ENV }),
  ]);
  // One that failed to start ends the bench: the other is let go, so nothing is left waiting on it.
  if (startedServer.status === 'rejected' || startedBare.status === 'rejected') {
    await Promise.all([startedServer, startedBare].map((started) => (started.status === 'fulfilled' ? started.value.close() : undefined)));
    throw startedServer.status === 'rejected' ? startedServer.reason : (startedBare as PromiseRejectedResult).reason;
  }
  const [server, bare]: [BenchServer, BareServer] = [startedServer.value, startedBare.value];
  console.log(`load average at start ${load()}`);
  console.log(
    `api benchmark: server ${server.ready.url} (${server.ready.served ? `npm run ${server.ready.served}, compiled, in its own process${SPLIT_WORKER ? `; npm run start:worker in another${API_ALONE ? ', stopped after seeding: mutations answer unprojected' : ''}` : ''}` : `the harness in a child process, ${SPLIT_WORKER ? 'api; worker in its own process' : 'api + worker'}`}, PostgreSQL pool ${server.ready.poolSize}, NODE_ENV=${NODE_ENV}); bare NestJS + Apollo ${bare.url}; seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const list = scenarios(server).filter((scenario) => ONLY.length === 0 || ONLY.includes(scenario.name));
  const urlOf = (scenario: BenchScenario): string => (scenario.server === 'bare' ? bare.url : server.ready.url);
  const runs = new Map<string, Run[]>(list.map((scenario) => [scenario.name, []]));
  const trips = new Map<string, RoundTrips>();
  let peaks: PeakRss[] = [];
  try {
    // Counted on the harness's api, which waits for projections that a stopped worker never makes.
    for (const scenario of list) if (scenario.server === 'stepwise' && !API_ALONE) trips.set(scenario.name, await countRoundTrips(server, scenario));
    for (const scenario of list) if (WARMUP_SECONDS > 0) await runLoad(urlOf(scenario), scenario, { connections: Math.max(...CONNECTION_COUNTS), seconds: WARMUP_SECONDS });
    for (let round = 1; round <= RUNS; round += 1) {
      for (const connections of CONNECTION_COUNTS) {
        for (const scenario of list) runs.get(scenario.name)?.push(await runOnce(urlOf(scenario), server, bare, scenario, connections, round));
      }
    }
    peaks = await server.request<PeakRss[]>('peak-rss');
  } finally {
    await Promise.all([server.close(), bare.close()]);
  }
  report(list, runs, trips, peaks);
  // Other work on the machine moves every figure: say how busy it was.
  console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${load()}`);
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
