import 'reflect-metadata';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { issueLocalToken, loadApiConfigFromProcess } from '@stepwise/api';
import { CodedError, FixedClock } from '@stepwise/kernel';
import { createLogger, exitOnBootFailure, openStorage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { explainSeedConflict, logHead } from './demo-already-seeded';
import { DemoCommands } from './demo-commands';
import { demoReport } from './demo-report';
import { DemoSeedModule } from './demo-seed.module';
import { playDemoStory } from './demo-story';

/** The demo ends here unless `--until` says otherwise, so a seed always makes the same demo. */
const DEFAULT_UNTIL = '2026-11-27';
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** The story's calendar arithmetic, and the dates people read, are for years of four digits from 2000. */
const EARLIEST_UNTIL = '2000-01-01';
const SEED_PATTERN = /^[0-9]{1,10}$/;
const MAX_SEED = 2 ** 31;

const USAGE_LINE = 'npm run seed:demo -- [--seed N] [--until YYYY-MM-DD]';
const USAGE = `${USAGE_LINE}

Writes a demo organisation with six months of history (three teams, six journeys: steps,
reflections, a pivot, a vision revision, support and commitments) into the configured storage, and
prints its ids, three tokens (an admin, a leader, a staff member) and ready-to-paste requests.
The same seed makes the same demo.

  --seed N             which demo, a whole number from 1 to ${MAX_SEED} (default 1)
  --until YYYY-MM-DD   the day the story ends (at 18:00 UTC), from ${EARLIEST_UNTIL} to the last day
                       whose 18:00 UTC has passed (default ${DEFAULT_UNTIL})
  --help, -h           this text
`;

class SeedArgumentError extends CodedError {
  constructor(message: string) {
    super('VALIDATION_FAILED', message);
  }
}

const parsed = (): { seed: number; until: Date } | 'help' => {
  const { values, tokens } = (() => {
    try {
      return parseArgs({ options: { seed: { type: 'string' }, until: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, tokens: true });
    } catch (error) {
      // parseArgs throws plain errors for unknown flags and missing values: usage mistakes.
      throw new SeedArgumentError(`${error instanceof Error ? error.message : String(error)} (usage: ${USAGE_LINE}; --help says more)`);
    }
  })();
  if (values.help) return 'help';
  // parseArgs keeps the last of a repeated option: which one was meant is not for it to guess.
  const given = tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : []));
  const repeated = given.find((name, index) => given.indexOf(name) !== index);
  if (repeated) throw new SeedArgumentError(`--${repeated} is given more than once: give it once`);
  const seedText = values.seed ?? '1';
  const seed = Number(seedText);
  if (!SEED_PATTERN.test(seedText) || seed < 1 || seed > MAX_SEED) throw new SeedArgumentError(`--seed must be a whole number from 1 to ${MAX_SEED}, in digits`);
  const day = values.until ?? DEFAULT_UNTIL;
  const until = new Date(`${day}T18:00:00.000Z`);
  // A day the calendar has: 2026-02-30 would roll over to 2 March.
  if (!DAY_PATTERN.test(day) || Number.isNaN(until.getTime()) || until.toISOString().slice(0, 10) !== day) {
    throw new SeedArgumentError('--until must be a day, YYYY-MM-DD');
  }
  if (day < EARLIEST_UNTIL) throw new SeedArgumentError(`--until must be ${EARLIEST_UNTIL} or later`);
  // The story ends at 18:00 UTC that day: a story still to happen would stamp reflections in the
  // future, which the api's asOf and analytics windows refuse (IN_THE_FUTURE) and count as negative ages.
  if (until.getTime() > Date.now()) {
    throw new SeedArgumentError(`--until must be a day whose 18:00 UTC, when the story ends, has passed (${new Date(Date.now() - 18 * 3_600_000).toISOString().slice(0, 10)} or earlier)`);
  }
  return { seed, until };
};

/**
 * `npm run seed:demo [-- --seed N] [-- --until YYYY-MM-DD]`: a demo organisation with six months of
 * history, made through the command handlers with an injected clock, on the configured storage
 * (the PGlite data folder by default, PostgreSQL with STEPWISE_DATABASE_URL). Run it while no
 * server holds the data folder.
 */
const main = async (): Promise<void> => {
  const args = parsed();
  if (args === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const { seed, until } = args;
  const config = loadApiConfigFromProcess('maintain');
  // The demo is only useful with the tokens it prints; refuse before writing anything.
  if (config.auth.keys.kind !== 'local') {
    throw new CodedError('LOCAL_KEY_REQUIRED', 'STEPWISE_AUTH_JWKS_URL is set: tokens come from that identity provider, and the demo prints tokens signed with the local key');
  }
  // The report on stdout is for people and scripts to read (tokens, requests): log lines go to stderr.
  const logger = createLogger('seed-demo', config.logLevel, pino.destination({ fd: 2, sync: true }));
  const clock = new FixedClock(until);
  const storage = await openStorage(config.database, stepwiseSchema, { migrate: config.database.migrateOnBoot, refuseNewer: true, logger, clock });
  const app = await NestFactory.createApplicationContext(DemoSeedModule.register(storage, clock), { logger: false }).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  try {
    const headBefore = await logHead(storage.database);
    const outcome = await playDemoStory(new DemoCommands(app.get(CommandBus), clock, seed), seed, until).catch(async (error: unknown) => {
      throw await explainSeedConflict(error, storage.database, headBefore, seed);
    });
    const [maths] = outcome.teams;
    const tokens = {
      admin: await issueLocalToken(config.auth, { subject: outcome.admin.subject, name: outcome.admin.name }),
      leader: await issueLocalToken(config.auth, { subject: maths.leader.subject, name: maths.leader.name }),
      staff: await issueLocalToken(config.auth, { subject: maths.staff[0].subject, name: maths.staff[0].name }),
    };
    const host = config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host;
    process.stdout.write(demoReport(outcome, tokens, `http://${host}:${config.http.port}/graphql`));
  } finally {
    await app.close();
    await storage.close();
  }
};

main().catch((error: unknown) => {
  // A coded refusal (a data folder another process holds: DATA_FOLDER_LOCKED) leads with its code.
  if (error instanceof CodedError) {
    process.stderr.write(`seed:demo refused (${error.code}): ${error.message}\n`);
    process.exit(1);
  }
  exitOnBootFailure(error);
});
