/**
 * What every rebuild command shares: the worker's configuration read once, a logger, the database
 * opened around the work and closed after it (nothing else: a rebuild needs no Redis), the progress
 * on the terminal, a closing log line with the time taken, one line saying where it stopped when
 * interrupted, and exit code 1 with the reason when anything fails. An entry point gives only what
 * it rebuilds.
 */
import { createLogger, exitOnBootFailure, openStorage, type Logger } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { openDatabase, pgliteFolderHoldsDatabase, wasEverMigrated, type SqlDatabase } from '@stepwise/database';
import type { EventStore } from '@stepwise/event-store';
import { keepRebuildStatementsPrepared, RebuildInterruptedError, RebuildRefusedError } from '@stepwise/projections';
import { CodedError, shownUrl } from '@stepwise/kernel';
import { loadWorkerConfigFromProcess, type WorkerConfig } from '../config/worker.config';
import { describeCount, logHead, RebuildProgress } from './rebuild-progress';
import { exitCodeFor, type RebuildInterruption } from './rebuild-interruption';
import { interruption as heardFromTheStart } from './interruption.early';
import { refuseArguments } from '../no-arguments';

export interface RebuildContext {
  readonly database: SqlDatabase;
  readonly eventStore: EventStore;
  readonly logger: Logger;
  /** Events per batch (`STEPWISE_REBUILD_BATCH_SIZE`). */
  readonly batchSize: number;
  readonly progress: RebuildProgress;
  /** Aborted on SIGINT or SIGTERM: the rebuild stops after the batch in hand. */
  readonly signal: AbortSignal;
}

export interface RebuildOutcome {
  /** The log position the rebuild reached (the progress ends at it, or at the head if further). */
  readonly position: number;
  /** Figures for the closing log line; the time taken is added after them. */
  readonly figures: Readonly<Record<string, unknown>>;
}

export interface RebuildCommand {
  /** The logger's name. */
  readonly service: string;
  /** `npm run <script>`, for the usage. */
  readonly script: string;
  /** What the command does, for `--help`. */
  readonly summary: string;
  /** What the progress line calls what is rebuilt. */
  readonly label: string;
  readonly rebuild: (context: RebuildContext) => Promise<RebuildOutcome>;
  /** The closing log line's message. */
  readonly done: string;
  /** What an interrupted rebuild leaves behind, and whether running it again is safe. */
  readonly interrupted: string;
  /** The same for one stopped by a fault. */
  readonly failed: string;
}

/**
 * Opening a PGlite folder that holds no database makes one: a rebuild pointed at the wrong folder
 * (STEPWISE_DATA_DIR mistyped, or unset where it is usually set) would make an empty database and
 * report it rebuilt. Refused instead, before anything is made.
 */
const refuseEmptyFolder = async (database: WorkerConfig['database']): Promise<void> => {
  // Told not to migrate, opening refuses it (MIGRATIONS_PENDING) and makes nothing.
  if (database.kind === 'postgres') return database.migrateOnBoot ? refuseUnmigratedDatabase(database) : undefined;
  if (await pgliteFolderHoldsDatabase(database.dataDir)) return;
  throw new CodedError(
    'NOTHING_TO_REBUILD',
    `STEPWISE_DATA_DIR (${database.dataDir}) holds no database; point it at the folder \`npm start\` uses (nothing was made)`,
  );
};

/**
 * The same on PostgreSQL: a database Stepwise never migrated (a mistyped name, another service's)
 * would be given Stepwise's tables and reported rebuilt from nothing. One it cannot reach is left
 * to the opening that follows, which says why.
 */
const refuseUnmigratedDatabase = async (database: Extract<WorkerConfig['database'], { kind: 'postgres' }>): Promise<void> => {
  let migrated = true;
  const probe = await openDatabase({ ...database, poolSize: 1 });
  try {
    migrated = await wasEverMigrated(probe);
  } catch {
    // Unreachable, or refused: openStorage says so, with its code.
  } finally {
    await probe.close().catch(() => undefined);
  }
  if (migrated) return;
  throw new CodedError(
    'NOTHING_TO_REBUILD',
    `STEPWISE_DATABASE_URL (${shownUrl(database.url)}) holds no Stepwise database (it was never migrated); point it at the database the api and worker use, or run \`npm run migrate\` first (nothing was made)`,
  );
};

/** " at 1,200 of 5,000 events", or " before it started". */
const whereItGot = (progress: RebuildProgress | undefined): string =>
  progress ? ` at ${describeCount(progress.reached)} of ${describeCount(progress.head)} events` : ' before it started';

/** "read models: rebuild interrupted by SIGINT at 1,200 of 5,000 events; …", or before it changed anything. */
const interruptedLine = (command: RebuildCommand, signal: NodeJS.Signals, progress: RebuildProgress | undefined, changedNothing: boolean): string => {
  if (changedNothing || !progress) return `REBUILD_INTERRUPTED: ${command.label}: rebuild interrupted by ${signal} before it started: the rebuild changed nothing, and running it again is safe\n`;
  return `REBUILD_INTERRUPTED: ${command.label}: rebuild interrupted by ${signal}${whereItGot(progress)}; ${command.interrupted}\n`;
};

/** Stopped at once by a repeated signal, with a batch perhaps still waiting in the database. */
const forcedLine = (command: RebuildCommand, signal: NodeJS.Signals, progress: RebuildProgress | undefined): string => {
  const where = whereItGot(progress);
  return (
    `REBUILD_INTERRUPTED: ${command.label}: rebuild stopped at once by a repeated ${signal}${where}, without finishing the batch in hand; ` +
    'what was committed stays (workers started now go on from their checkpoints), the live analytics are untouched, and a half-built analytics copy is dropped by the next rebuild; running it again is safe and starts over\n'
  );
};

const run = async (command: RebuildCommand, interruption: RebuildInterruption): Promise<void> => {
  const config = loadWorkerConfigFromProcess('maintain');
  await refuseEmptyFolder(config.database);
  const logger = createLogger(command.service, config.logLevel);
  const storage = await openStorage(config.database, stepwiseSchema, { migrate: config.database.migrateOnBoot, refuseNewer: true, logger });
  keepRebuildStatementsPrepared();
  let progress: RebuildProgress | undefined;
  let stoppedBy: NodeJS.Signals | undefined;
  let changedNothing = false;
  interruption.whenForced((signal) => {
    progress?.interrupted();
    process.stderr.write(forcedLine(command, signal, progress));
    process.exit(exitCodeFor(signal));
  });
  try {
    const started = Date.now();
    // Interrupted while it loaded or opened the database: nothing to stop, nothing changed.
    if (interruption.received()) throw new RebuildInterruptedError(true);
    progress = new RebuildProgress(command.label, await logHead(storage.database));
    const { position, figures } = await command.rebuild({
      database: storage.database,
      eventStore: storage.eventStore,
      logger,
      batchSize: config.projections.rebuildBatchSize,
      progress,
      signal: interruption.signal,
    });
    progress.finish(position);
    logger.info({ ...figures, ms: Date.now() - started }, command.done);
  } catch (error) {
    stoppedBy = interruption.received();
    if (error instanceof RebuildInterruptedError && stoppedBy) {
      // Said below, once the database is closed.
      changedNothing = error.changedNothing;
    } else if (error instanceof RebuildRefusedError) {
      throw error;
    } else {
      // Not a refusal but a fault (a coded one too: a subscription stopped, the database out of
      // reach): its stack goes to the log, and the terminal gets one line with the reason.
      logger.error({ err: error }, 'rebuild failed');
      const reason = error instanceof CodedError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
      throw new CodedError('REBUILD_FAILED', `${command.label}: rebuild failed: ${reason}; ${command.failed}`);
    }
  } finally {
    await storage.close();
  }
  if (stoppedBy) {
    progress?.interrupted();
    process.stderr.write(interruptedLine(command, stoppedBy, progress, changedNothing));
    process.exit(exitCodeFor(stoppedBy));
  }
};

/** Runs a rebuild as the process's whole work. */
export const runRebuildCommand = (command: RebuildCommand): void => {
  refuseArguments(
    `usage: npm run ${command.script}\n\n${command.summary}\n\nSettings: STEPWISE_DATABASE_URL or STEPWISE_DATA_DIR, STEPWISE_REBUILD_BATCH_SIZE (README, "Rebuilds").\n`,
  );
  run(command, heardFromTheStart).catch(exitOnBootFailure);
};
