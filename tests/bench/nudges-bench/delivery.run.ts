/**
 * One measured run of a contender: nudges owed through its producer, delivered to fresh local
 * receivers (one per channel of the run), timed from the start of each write (the outbox
 * transaction, or the addBulk) to the receiver's arrival.
 *
 * - `burst`: `nudges` owed as fast as the producer writes them, in batches: throughput is nudges
 *   over the time from the first write to the last arrival. Its latencies are mostly the wait behind
 *   the backlog, and are shown for that.
 * - `paced`: nudges due at once, owed at a steady rate (a batch every 50 ms, open loop, whatever
 *   the contender manages): latency is what a nudge waits while the path keeps up; once it does not,
 *   the backlog shows in the latency and in a delivered rate below the offered one.
 *
 * For Stepwise a run ends once every delivery is settled in PostgreSQL (the members' in-app ones too),
 * and is checked: every delivery DELIVERED with one recorded attempt, nothing left in the outbox.
 */
import type { SqlDatabase } from '@stepwise/database';
import type { OwedNudge } from '@stepwise/nudges-domain';
import { startChannelReceivers, type ChannelReceivers } from './channel.receivers';
import type { ContenderProcess } from './delivery-contender.client';
import type { BenchChannel } from './delivery-contender.protocol';
import { benchNudge, expectedDelivery, runPopulation, seedPopulation, type NudgeProducer, type RunPopulation } from './nudge.producers';
import type { MeterReading } from './process.meter';
import { backendCpu, cpuBetween } from '../support/process-cpu';
import { redisCpuMs } from './service-cpu';

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
  /** The channels the run's tenants are spread over. */
  readonly channels: readonly BenchChannel[];
  /** How long the SMTP server takes over each message before answering. */
  readonly smtpDelayMs: number;
}

/** Where a nudge's time went (p50 and p99 per stage), Stepwise only: from its delivery record's timestamps. */
export interface StageTimes {
  readonly [stage: string]: { readonly p50: number; readonly p99: number };
}

export interface ChannelFigures {
  readonly nudges: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface RunResult {
  readonly contender: ContenderProcess['name'];
  readonly channels: readonly BenchChannel[];
  readonly shape: LoadShape['kind'];
  /** A paced run's offered rate, nudges/s. */
  readonly rate: number | null;
  readonly nudges: number;
  /** Stepwise's deliveries of those nudges: a webhook tenant's nudge is two (its member in-app, its endpoint), any other one. */
  readonly deliveries: number;
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
  /** Per channel, when the run had more than one. */
  readonly byChannel: Partial<Record<BenchChannel, ChannelFigures>>;
  /** What did not hold (a lost or repeated nudge, an unsettled delivery): a run with problems has no valid figures. */
  readonly problems: readonly string[];
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

const sortedOf = (values: Iterable<number>): number[] => [...values].sort((a, b) => a - b);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a run may take before it is reported as losing nudges: generous, so a slow machine is not taken for a loss. */
const timeoutFor = (nudges: number): number => Math.max(120_000, nudges * 25);

/** A nudge owed in a run: when its write started, and where it should arrive. */
interface Owed {
  readonly nudgeId: string;
  readonly channel: BenchChannel;
  readonly deliveryId: string;
  readonly writtenAt: number;
}

/** Owes the shape's nudges; resolves to each one by its expected delivery id, once every write is done. */
const owe = async (shape: LoadShape, producer: NudgeProducer, population: RunPopulation): Promise<Map<string, Owed>> => {
  const owed = new Map<string, Owed>();
  let index = 0;
  const batch = (size: number): OwedNudge[] => Array.from({ length: size }, () => benchNudge(population, index++));
  const write = async (nudges: OwedNudge[]): Promise<void> => {
    const writtenAt = Date.now();
    for (const nudge of nudges) {
      const expected = expectedDelivery(population, nudge);
      owed.set(expected.deliveryId, { nudgeId: nudge.nudgeId, ...expected, writtenAt });
    }
    await producer.owe(nudges, population);
  };
  if (shape.kind === 'burst') {
    for (let done = 0; done < shape.nudges; done += shape.batchSize) await write(batch(Math.min(shape.batchSize, shape.nudges - done)));
    return owed;
  }
  const tickMs = 50;
  const ticks = Math.round((shape.seconds * 1000) / tickMs);
  const perTick = (shape.perSecond * tickMs) / 1000;
  const started = Date.now();
  const pending: Promise<void>[] = [];
  let written = 0;
  for (let tick = 0; tick < ticks; tick += 1) {
    await sleep(started + tick * tickMs - Date.now());
    const size = Math.round(perTick * (tick + 1)) - written;
    written += size;
    if (size > 0) pending.push(write(batch(size)));
  }
  await Promise.all(pending);
  return owed;
};

/** Each owed delivery's first arrival at its channel's receiver. */
const arrivalsOf = (receivers: ChannelReceivers, owed: ReadonlyMap<string, Owed>): Map<string, number> => {
  const arrivals = new Map<string, number>();
  for (const receiver of receivers.byChannel.values()) {
    for (const [deliveryId, at] of receiver.arrivals()) if (owed.has(deliveryId)) arrivals.set(deliveryId, at);
  }
  return arrivals;
};

const waitForArrivals = async (receivers: ChannelReceivers, owed: ReadonlyMap<string, Owed>, problems: string[]): Promise<void> => {
  const deadline = Date.now() + timeoutFor(owed.size);
  for (;;) {
    const arrived = arrivalsOf(receivers, owed).size;
    if (arrived >= owed.size) return;
    if (Date.now() > deadline) {
      problems.push(`only ${arrived} of ${owed.size} nudges reached their receivers within ${timeoutFor(owed.size) / 1000} s`);
      return;
    }
    await sleep(25);
  }
};

/** Stepwise: waits until every delivery of the run is finished, then checks that each was delivered once, with its attempt recorded. */
const deliveriesOf = (owed: ReadonlyMap<string, Owed>): number => [...owed.values()].reduce((sum, nudge) => sum + (nudge.channel === 'WEBHOOK' ? 2 : 1), 0);

const waitForSettled = async (context: RunContext, population: RunPopulation, owed: ReadonlyMap<string, Owed>, problems: string[]): Promise<void> => {
  const nudges = owed.size;
  const deliveries = deliveriesOf(owed);
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
  if (Number(counts.delivered) !== deliveries || Number(counts.other) !== 0 || Number(counts.attempts) !== deliveries || Number(counts.unrelayed) !== 0) {
    problems.push(`expected ${deliveries} deliveries delivered at the first attempt, each recorded: ${JSON.stringify(counts)}`);
  }
};

const stageTimes = async (context: RunContext, population: RunPopulation, owed: ReadonlyMap<string, Owed>, arrivals: ReadonlyMap<string, number>): Promise<StageTimes> => {
  const { rows } = await context.database.query<{ delivery_id: string; created_at: Date; last_attempt_at: Date; finished_at: Date }>(
    `SELECT delivery_id, created_at, last_attempt_at, finished_at FROM nudges.deliveries WHERE tenant_id = ANY($1::text[])`,
    [population.tenants],
  );
  const stages = new Map<string, number[]>();
  const add = (stage: string, ms: number): void => void (stages.get(stage) ?? stages.set(stage, []).get(stage)!).push(ms);
  const writtenAt = new Map([...owed.values()].map((nudge) => [nudge.nudgeId, nudge.writtenAt]));
  for (const row of rows) {
    const nudge = owed.get(row.delivery_id);
    const arrived = arrivals.get(row.delivery_id);
    if (!nudge || arrived === undefined) continue;
    const label = nudge.channel.toLowerCase();
    add(`${label}: write -> taken from the outbox`, new Date(row.created_at).getTime() - nudge.writtenAt);
    add(`${label}: outbox -> attempt starts`, new Date(row.last_attempt_at).getTime() - new Date(row.created_at).getTime());
    add(`${label}: attempt starts -> arrival`, arrived - new Date(row.last_attempt_at).getTime());
  }
  // The webhook tenants' members, in-app (finished when recorded delivered).
  const { rows: inApp } = await context.database.query<{ nudge_id: string; finished_at: Date }>(
    `SELECT nudge_id, finished_at FROM nudges.deliveries WHERE tenant_id = ANY($1::text[]) AND kind = 'MEMBER' AND channel = 'IN_APP'`,
    [population.tenants],
  );
  for (const row of inApp) {
    const written = writtenAt.get(row.nudge_id);
    if (written !== undefined) add('member in-app: write -> delivered', new Date(row.finished_at).getTime() - written);
  }
  return Object.fromEntries([...stages].map(([stage, values]) => {
    const sorted = sortedOf(values);
    return [stage, { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
  }));
};

const figuresOf = (owed: readonly Owed[], arrivals: ReadonlyMap<string, number>, started: number): ChannelFigures => {
  const latencies = sortedOf(owed.flatMap((nudge) => (arrivals.has(nudge.deliveryId) ? [arrivals.get(nudge.deliveryId)! - nudge.writtenAt] : [])));
  const last = Math.max(...owed.map((nudge) => arrivals.get(nudge.deliveryId) ?? 0));
  return { nudges: owed.length, perSecond: owed.length / ((last - started) / 1000), p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
};

export const measureRun = async (context: RunContext, shape: LoadShape): Promise<RunResult> => {
  const { contender, channels } = context;
  const receivers = await startChannelReceivers(channels, { smtpDelayMs: context.smtpDelayMs });
  const problems: string[] = [];
  try {
    const population = runPopulation(context.tenants, context.membersPerTenant, channels, receivers);
    if (contender.name === 'stepwise') await seedPopulation(context.database, population);
    await contender.prepare({ endpoints: population.endpoints, members: population.memberRoutes, slack: receivers.slack, smtp: receivers.smtp });
    await contender.read();
    const postgresBefore = await backendCpu(context.database, context.databaseName, 'stepwise-nudges');
    const redisBefore = await redisCpuMs(context.redisUrl);
    const started = Date.now();
    const owed = await owe(shape, context.producer, population);
    await waitForArrivals(receivers, owed, problems);
    if (contender.name === 'stepwise') await waitForSettled(context, population, owed, problems);
    const settledMs = Date.now() - started;
    const reading = await contender.read();
    const postgresCpuMs = cpuBetween(postgresBefore, await backendCpu(context.database, context.databaseName, 'stepwise-nudges'));
    const redisCpu = (await redisCpuMs(context.redisUrl)) - redisBefore;

    const arrivals = arrivalsOf(receivers, owed);
    const missing = owed.size - arrivals.size;
    if (missing > 0) problems.push(`${missing} nudges never reached their receivers`);
    for (const receiver of receivers.byChannel.values()) {
      if (receiver.duplicates() > 0) problems.push(`the ${receiver.channel} receiver saw ${receiver.duplicates()} deliveries twice`);
    }
    const all = [...owed.values()];
    const overall = figuresOf(all, arrivals, started);
    const latencies = sortedOf(all.flatMap((nudge) => (arrivals.has(nudge.deliveryId) ? [arrivals.get(nudge.deliveryId)! - nudge.writtenAt] : [])));
    const byChannel: Partial<Record<BenchChannel, ChannelFigures>> = {};
    if (channels.length > 1) {
      for (const channel of channels) byChannel[channel] = figuresOf(all.filter((nudge) => nudge.channel === channel), arrivals, started);
    }
    return {
      contender: contender.name,
      channels,
      shape: shape.kind,
      rate: shape.kind === 'paced' ? shape.perSecond : null,
      nudges: owed.size,
      deliveries: contender.name === 'stepwise' ? deliveriesOf(owed) : owed.size,
      perSecond: overall.perSecond,
      p50Ms: overall.p50Ms,
      p99Ms: overall.p99Ms,
      maxMs: latencies[latencies.length - 1] ?? NaN,
      settledMs,
      reading,
      postgresCpuMs,
      redisCpuMs: redisCpu,
      stages: contender.name === 'stepwise' ? await stageTimes(context, population, owed, arrivals) : {},
      byChannel,
      problems,
    };
  } finally {
    await receivers.close();
  }
};
