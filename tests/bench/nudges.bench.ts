/**
 * Nudge delivery benchmark: `npm run bench:nudges` (options: --nudges N (20,000), --rounds N (3),
 * --rate N[,N…] nudges/s and --seconds N of the paced runs (100,200 and 10), --concurrency N (the worker's
 * default, 16), --tenants N (20) and --members N per tenant (50), --channels (webhook), --smtp-delay-ms N
 * (0: how long the SMTP server takes over each message before answering, a slower mail server), --skip-paced;
 * diagnostics: --keep leaves the database and the queue keys).
 *
 * On a fresh PostgreSQL database (dropped afterwards) and the machine's Redis (a queue prefix of its
 * own, its keys removed afterwards), two contenders, each in its own process, deliver nudges to a
 * local webhook receiver in this process:
 * - Stepwise: the real durable path. Outbox rows written as the nudge policy writes them (one
 *   transaction per batch) -> OutboxRelay (delivery records, BullMQ jobs) -> BullMQ ->
 *   NudgeDeliveryProcessor (re-checks the member and the nudge against the policy's documents,
 *   delivers in-app, claims, signs and POSTs the webhook, records every attempt). Composed with
 *   NudgeDeliveryEngine.start, the worker's settings and pool size (nudges-bench/stepwise.contender.ts).
 * - raw: plain BullMQ jobs on the same Redis at the same concurrency whose processor POSTs the same
 *   body, signed the same way, to the same receiver (nudges-bench/raw.contender.ts).
 * Each round runs both, in alternating order: a burst of --nudges due at once (throughput: nudges
 * over the first write to the last arrival), then paced runs at each --rate (latency from the start
 * of each write to the receiver's arrival, below saturation). MEDIANS over the rounds are printed,
 * with the ratio to raw, Stepwise's SQL statements per nudge and where its time goes, the services'
 * CPU, and each contender's peak resident memory.
 *
 * `--channels` spreads Stepwise's tenants over receivers: `webhook` (the default), or a list of
 * webhook, slack, teams and email, or `mixed` for all four. A Slack, Teams or email tenant's members
 * are reached there (the integrations' own senders, given to the engine as `memberSenders`, against
 * a local Slack Web API, Teams workflow and SMTP server); figures then come per channel too, each
 * against the same raw webhook baseline.
 */
import { openStorage, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { loadWorkerConfig } from '@stepwise/worker';
import { adminQuery, databaseUrlFor, redisUrl as defaultRedisUrl } from '../support/test-database';
import { removeQueueKeys, TEST_WEBHOOK_SECRET } from '../support/nudges';
import { forkContender, type ContenderProcess } from './nudges-bench/delivery-contender.client';
import type { BenchChannel } from './nudges-bench/delivery-contender.protocol';
import { measureRun, type LoadShape, type RunContext, type RunResult } from './nudges-bench/delivery.run';
import { outboxProducer, rawJobProducer, type NudgeProducer } from './nudges-bench/nudge.producers';
import { printSummary } from './nudges-bench/nudges.report';
import { fmt, load } from './support/bench-figures';
import { option } from './support/bench-options';

const positive = (name: string, fallback: string): number => {
  const value = Number(option(name, fallback));
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, not ${option(name, fallback)}`);
  return value;
};

const NUDGES = positive('nudges', '20000');
const ROUNDS = positive('rounds', '3');
const RATES = option('rate', '100,200').split(',').map((rate) => {
  const value = Number(rate);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--rate takes positive integers (nudges/s), not ${rate}`);
  return value;
});
const SECONDS = positive('seconds', '10');
const TENANTS = positive('tenants', '20');
const MEMBERS = positive('members', '50');
const CHANNEL_NAMES: Record<string, BenchChannel> = { webhook: 'WEBHOOK', slack: 'SLACK', teams: 'TEAMS', email: 'EMAIL' };
const CHANNELS: BenchChannel[] = (option('channels', 'webhook') === 'mixed' ? 'webhook,slack,teams,email' : option('channels', 'webhook')).split(',').map((name) => {
  const channel = CHANNEL_NAMES[name.trim().toLowerCase()];
  if (!channel) throw new Error(`--channels: "${name}" is not one of webhook, slack, teams, email (or mixed, for all four)`);
  return channel;
});
const SMTP_DELAY_MS = Number(option('smtp-delay-ms', '0'));
if (!Number.isInteger(SMTP_DELAY_MS) || SMTP_DELAY_MS < 0) throw new Error(`--smtp-delay-ms must be a whole number of milliseconds, not ${option('smtp-delay-ms', '0')}`);
const SKIP_PACED = process.argv.includes('--skip-paced');
/** STEPWISE_NUDGE_RELAY_PACE_MS given to the bench, passed on to Stepwise's relay (its default otherwise). */
const relayPace: Record<string, string> = process.env.STEPWISE_NUDGE_RELAY_PACE_MS ? { STEPWISE_NUDGE_RELAY_PACE_MS: process.env.STEPWISE_NUDGE_RELAY_PACE_MS } : {};
const KEEP = process.argv.includes('--keep');
/** The outbox rows one policy transaction writes, and one addBulk of the raw baseline. */
const WRITE_BATCH = 500;
const WARMUP_NUDGES = 1_000;

const line = (result: RunResult): string => {
  const cpu = (result.reading.cpuUserMs + result.reading.cpuSystemMs) / result.nudges;
  const statements = Object.values(result.reading.statements).reduce((sum, tally) => sum + tally.count, 0) / result.nudges;
  const problems = result.problems.length > 0 ? `  PROBLEMS: ${result.problems.join('; ')}` : '';
  return (
    `${result.contender.padEnd(8)} ${result.shape.padEnd(5)} ${fmt(result.nudges).padStart(6)}: ${fmt(result.perSecond).padStart(6)} nudges/s  ` +
    `p50 ${fmt(result.p50Ms).padStart(5)} ms  p99 ${fmt(result.p99Ms).padStart(5)} ms  settled ${fmt(result.settledMs / 1000, 1)} s  ` +
    `cpu ${fmt(cpu, 2)} ms/nudge  sql ${fmt(statements, 1)}/nudge  redis ${fmt(result.reading.redisCommands / result.nudges, 1)} cmds/nudge; load ${load()}${problems}`
  );
};

const main = async (): Promise<void> => {
  const started = Date.now();
  const name = `stepwise_nudgebench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const prefix = `sw-bench-nudges-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const redisUrl = defaultRedisUrl();
  const databaseUrl = databaseUrlFor(name);
  const settings = loadWorkerConfig({ STEPWISE_DATABASE_URL: databaseUrl, STEPWISE_REDIS_URL: redisUrl, STEPWISE_NUDGE_QUEUE_PREFIX: prefix, STEPWISE_NUDGE_CONCURRENCY: option('concurrency', '16'), ...relayPace }, process.cwd()).nudges;
  console.log(
    `nudge delivery benchmark: ${fmt(NUDGES)} nudges per burst, ${ROUNDS} rounds, paced ${SKIP_PACED ? 'skipped' : `${RATES.join(' and ')}/s for ${SECONDS} s`}, ` +
      `concurrency ${settings.concurrency}, ${TENANTS} tenants x ${MEMBERS} members per run, Stepwise delivering to ${CHANNELS.join(', ')}; load average at start ${load()}`,
  );
  await adminQuery(`CREATE DATABASE ${name}`);
  let storage: Storage | undefined;
  const contenders: ContenderProcess[] = [];
  const producers: NudgeProducer[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanUp = (): Promise<void> =>
    (cleaning ??= (async () => {
      for (const contender of contenders) await contender.close().catch((error: Error) => console.error(`closing ${contender.name}: ${error.message}`));
      for (const producer of producers) await producer.close().catch(() => undefined);
      await storage?.close();
      if (KEEP) {
        console.log(`kept: database ${databaseUrl}, queue prefix ${prefix}`);
      } else {
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await removeQueueKeys(redisUrl, prefix);
      }
    })());
  // Stopped early (Ctrl-C): the database and the queue keys go all the same.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping, dropping the database and the queue keys`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    storage = await openStorage({ kind: 'postgres', url: databaseUrl, poolSize: 4, applicationName: 'stepwise-bench' }, stepwiseSchema);
    const common = { databaseUrl, redisUrl, queuePrefix: prefix, concurrency: settings.concurrency, webhookSecret: TEST_WEBHOOK_SECRET };
    const stepwise = await forkContender({ ...common, name: 'stepwise', settings });
    contenders.push(stepwise);
    const raw = await forkContender({ ...common, name: 'raw' });
    contenders.push(raw);
    const outbox = outboxProducer(storage.database);
    const jobs = rawJobProducer(redisUrl, prefix);
    producers.push(outbox, jobs);
    console.log(`stepwise: ${JSON.stringify(stepwise.settings)}\nraw:      ${JSON.stringify(raw.settings)}`);
    const contextOf = (contender: ContenderProcess): RunContext => ({
      contender,
      producer: contender === stepwise ? outbox : jobs,
      database: storage!.database,
      databaseName: name,
      redisUrl,
      tenants: TENANTS,
      membersPerTenant: MEMBERS,
      // The raw baseline is webhooks alone: every channel's figures are set against it.
      channels: contender === stepwise ? CHANNELS : ['WEBHOOK'],
      smtpDelayMs: SMTP_DELAY_MS,
    });

    // Unmeasured: connections opened, statements prepared, code warm.
    for (const contender of [raw, stepwise]) {
      const warm = await measureRun(contextOf(contender), { kind: 'burst', nudges: WARMUP_NUDGES, batchSize: WRITE_BATCH });
      console.log(`warm-up  ${line(warm)}`);
    }

    const results: RunResult[] = [];
    const burst: LoadShape = { kind: 'burst', nudges: NUDGES, batchSize: WRITE_BATCH };
    const paced: LoadShape[] = RATES.map((perSecond) => ({ kind: 'paced', perSecond, seconds: SECONDS }));
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 === 0 ? [raw, stepwise] : [stepwise, raw];
      for (const shape of SKIP_PACED ? [burst] : [burst, ...paced]) {
        for (const contender of order) {
          const result = await measureRun(contextOf(contender), shape);
          results.push(result);
          console.log(`round ${round + 1}  ${line(result)}`);
        }
      }
    }
    printSummary(results, {
      rounds: ROUNDS,
      nudges: NUDGES,
      rates: SKIP_PACED ? [] : RATES,
      seconds: SECONDS,
      channels: CHANNELS,
      peakRssMb: { stepwise: stepwise.peakRssMb(), raw: raw.peakRssMb() },
    });
    console.log(`\ndone in ${fmt((Date.now() - started) / 1000)} s; load average now ${load()}`);
  } finally {
    await cleanUp();
  }
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
