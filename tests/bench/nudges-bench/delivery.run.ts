/**
 * One measured run of a contender: nudges owed through its producer, delivered to a fresh local
 * webhook receiver, timed from the start of each write (the outbox transaction, or the addBulk) to
 * the receiver's arrival.
 *
 * - `burst`: `nudges` owed as fast as the producer writes them, in batches: throughput is nudges
 *   over the time from the first write to the last arrival. Its latencies are mostly the wait behind
 *   the backlog, and are shown for that.
 * - `paced`: nudges due at once, owed at a steady rate below what either contender sustains (a
 *   batch every tick, open loop): latency is what a nudge waits when the path is not saturated.
 *
 * For Stepwise a run ends once every delivery is settled in PostgreSQL (the members' in-app ones too),
 * and is checked: every delivery DELIVERED with one recorded attempt, nothing left in the outbox.
 */
import type { SqlDatabase } from '@stepwise/database';
import type { OwedNudge } from '@stepwise/nudges-domain';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/nudges';
import type { ContenderProcess } from './delivery-contender.client';
import { benchNudge, runPopulation, seedPopulation, type NudgeProducer, type RunPopulation } from './nudge.producers';
import type { MeterReading } from './process.meter';
import { backendCpu, cpuBetween, redisCpuMs } from './service-cpu';

export type LoadShape = { readonly kind: 'burst'; readonly nudges: number; readonly batchSize: number } | { readonly kind: 'paced'; readonly perSecond: number; readonly seconds: number };

export interface RunContext {
  readonly contender: ContenderProcess;
  readonly producer: NudgeProducer;
  /** The benchmark's own pool on the bench database (writes, seeding, checks). */
  readonly database: SqlDatabase;
  readonly databaseName: string;
  readonly redisUrl: string;
  readonly tenants: number;
  readonly membersPerTenant: number;
}

/** Medians (and p99) of where a nudge's time went, Stepwise only: from its delivery record's timestamps. */
export interface StageTimes {
  readonly [stage: string]: { readonly p50: number; readonly p99: number };
}

export interface RunResult {
  readonly contender: ContenderProcess['name'];
  readonly shape: LoadShape['kind'];
  readonly nudges: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** From the first write to when every delivery was settled (Stepwise: in PostgreSQL). */
  readonly settledMs: number;
  readonly reading: MeterReading;
  readonly postgresCpuMs: number;
  readonly redisCpuMs: number;
  readonly stages: StageTimes;
  /** What did not hold (a lost or repeated nudge, an unsettled delivery): a run with problems has no valid figures. */
  readonly problems: readonly string[];
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

const sortedOf = (values: Iterable<number>): number[] => [...values].sort((a, b) => a - b);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a run may take before it is reported as losing nudges: generous, so a slow machine is not taken for a loss. */
const timeoutFor = (nudges: number): number => Math.max(120_000, nudges * 25);

/** Owes the shape's nudges; resolves to each nudge's write start (epoch ms), once every write is done. */
const owe = async (shape: LoadShape, producer: NudgeProducer, population: RunPopulation): Promise<Map<string, number>> => {
  const writes = new Map<string, number>();
  let index = 0;
  const batch = (size: number): OwedNudge[] => Array.from({ length: size }, () => benchNudge(population, index++));
  const write = async (nudges: OwedNudge[]): Promise<void> => {
    const at = Date.now();
    for (const nudge of nudges) writes.set(nudge.nudgeId, at);
    await producer.owe(nudges, population);
  };
  if (shape.kind === 'burst') {
    for (let done = 0; done < shape.nudges; done += shape.batchSize) await write(batch(Math.min(shape.batchSize, shape.nudges - done)));
    return writes;
  }
  const tickMs = 50;
  const ticks = Math.round((shape.seconds * 1000) / tickMs);
  const perTick = (shape.perSecond * tickMs) / 1000;
  const started = Date.now();
  const pending: Promise<void>[] = [];
  let owed = 0;
  for (let tick = 0; tick < ticks; tick += 1) {
    await sleep(started + tick * tickMs - Date.now());
    const size = Math.round(perTick * (tick + 1)) - owed;
    owed += size;
    if (size > 0) pending.push(write(batch(size)));
  }
  await Promise.all(pending);
  return writes;
};

const waitForArrivals = async (receiver: WebhookReceiver, expected: number, problems: string[]): Promise<void> => {
  const deadline = Date.now() + timeoutFor(expected);
  while (receiver.handled.size < expected) {
    if (Date.now() > deadline) {
      problems.push(`only ${receiver.handled.size} of ${expected} nudges reached the receiver within ${timeoutFor(expected) / 1000} s`);
      return;
    }
    await sleep(20);
  }
};

/** Stepwise: waits until every delivery of the run is finished, then checks that each was delivered once, with its attempt recorded. */
const waitForSettled = async (context: RunContext, population: RunPopulation, nudges: number, problems: string[]): Promise<void> => {
  const deadline = Date.now() + timeoutFor(nudges);
  const tenants = population.tenants;
  for (;;) {
    const { rows } = await context.database.query<{ open: string }>(
      `SELECT count(*) FILTER (WHERE finished_at IS NULL) AS open FROM nudges.deliveries WHERE tenant_id = ANY($1::text[])`,
      [tenants],
    );
    if (Number(rows[0].open) === 0) break;
    if (Date.now() > deadline) {
      problems.push(`${rows[0].open} deliveries still open after ${timeoutFor(nudges) / 1000} s more`);
      break;
    }
    await sleep(50);
  }
  const { rows } = await context.database.query<{ delivered: string; other: string; attempts: string; unrelayed: string }>(
    `SELECT (SELECT count(*) FROM nudges.deliveries WHERE tenant_id = ANY($1::text[]) AND state = 'DELIVERED' AND attempts = 1) AS delivered,
            (SELECT count(*) FROM nudges.deliveries WHERE tenant_id = ANY($1::text[]) AND NOT (state = 'DELIVERED' AND attempts = 1)) AS other,
            (SELECT count(*) FROM nudges.delivery_attempts WHERE tenant_id = ANY($1::text[]) AND outcome = 'DELIVERED') AS attempts,
            (SELECT count(*) FROM nudges.outbox WHERE tenant_id = ANY($1::text[]) AND relayed_at IS NULL) AS unrelayed`,
    [tenants],
  );
  const counts = rows[0];
  // Each nudge: its member in-app, and the tenant's one webhook endpoint.
  if (Number(counts.delivered) !== 2 * nudges || Number(counts.other) !== 0 || Number(counts.attempts) !== 2 * nudges || Number(counts.unrelayed) !== 0) {
    problems.push(`expected ${2 * nudges} deliveries delivered at the first attempt, each recorded: ${JSON.stringify(counts)}`);
  }
};

const stageTimes = async (context: RunContext, population: RunPopulation, writes: Map<string, number>, arrivals: Map<string, number>): Promise<StageTimes> => {
  const { rows } = await context.database.query<{ nudge_id: string; kind: string; created_at: Date; last_attempt_at: Date; finished_at: Date }>(
    `SELECT nudge_id, kind, created_at, last_attempt_at, finished_at FROM nudges.deliveries WHERE tenant_id = ANY($1::text[])`,
    [population.tenants],
  );
  const stages = new Map<string, number[]>();
  const add = (stage: string, ms: number): void => void (stages.get(stage) ?? stages.set(stage, []).get(stage)!).push(ms);
  for (const row of rows) {
    const written = writes.get(row.nudge_id);
    if (written === undefined) continue;
    const intake = new Date(row.created_at).getTime();
    const attempt = new Date(row.last_attempt_at).getTime();
    const finished = new Date(row.finished_at).getTime();
    if (row.kind === 'MEMBER') {
      add('member in-app: write -> delivered', finished - written);
      continue;
    }
    const arrived = arrivals.get(row.nudge_id);
    add('webhook: write -> taken from the outbox', intake - written);
    add('webhook: outbox -> attempt starts', attempt - intake);
    if (arrived !== undefined) add('webhook: attempt starts -> arrival', arrived - attempt);
  }
  return Object.fromEntries([...stages].map(([stage, values]) => {
    const sorted = sortedOf(values);
    return [stage, { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
  }));
};

export const measureRun = async (context: RunContext, shape: LoadShape): Promise<RunResult> => {
  const { contender } = context;
  const receiver = await startWebhookReceiver();
  const problems: string[] = [];
  try {
    const population = runPopulation(context.tenants, context.membersPerTenant, receiver.url);
    if (contender.name === 'stepwise') await seedPopulation(context.database, population);
    await contender.prepare({ endpoints: population.endpoints, members: [] });
    await contender.read();
    const postgresBefore = await backendCpu(context.database, context.databaseName, 'stepwise-nudges');
    const redisBefore = await redisCpuMs(context.redisUrl);
    const started = Date.now();
    const writes = await owe(shape, context.producer, population);
    await waitForArrivals(receiver, writes.size, problems);
    if (contender.name === 'stepwise') await waitForSettled(context, population, writes.size, problems);
    const settledMs = Date.now() - started;
    const reading = await contender.read();
    const postgresCpuMs = cpuBetween(postgresBefore, await backendCpu(context.database, context.databaseName, 'stepwise-nudges'));
    const redisCpu = (await redisCpuMs(context.redisUrl)) - redisBefore;

    const arrivals = new Map<string, number>();
    for (const hook of receiver.handled.values()) arrivals.set(String(hook.body.data.nudgeId), hook.at);
    const missing = [...writes.keys()].filter((nudgeId) => !arrivals.has(nudgeId)).length;
    if (missing > 0) problems.push(`${missing} nudges never reached the receiver`);
    if (receiver.duplicates() > 0) problems.push(`the receiver saw ${receiver.duplicates()} webhook-ids twice`);
    const latencies = sortedOf([...arrivals].filter(([nudgeId]) => writes.has(nudgeId)).map(([nudgeId, at]) => at - writes.get(nudgeId)!));
    const lastArrival = Math.max(...arrivals.values());
    return {
      contender: contender.name,
      shape: shape.kind,
      nudges: writes.size,
      perSecond: writes.size / ((lastArrival - started) / 1000),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies[latencies.length - 1] ?? NaN,
      settledMs,
      reading,
      postgresCpuMs,
      redisCpuMs: redisCpu,
      stages: contender.name === 'stepwise' ? await stageTimes(context, population, writes, arrivals) : {},
      problems,
    };
  } finally {
    await receiver.close();
  }
};
