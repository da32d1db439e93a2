/**
 * What every rebuild command shares: the worker's configuration read once, a logger, the runtime
 * opened around the work and closed after it, the progress on the terminal, a closing log line with
 * the time taken, and exit code 1 with the reason when anything fails. An entry point gives only
 * what it rebuilds.
 */
import { closeRuntime, createLogger, exitOnBootFailure, openRuntime, type Logger, type Runtime } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { pgliteFolderHoldsDatabase } from '@stepwise/database';
import { CodedError } from '@stepwise/kernel';
import { loadWorkerConfigFromProcess, type WorkerConfig } from '../config/worker.config';
import { logHead, RebuildProgress } from './rebuild-progress';

export interface RebuildContext {
  readonly runtime: Runtime;
  readonly logger: Logger;
  /** Events per batch (`STEPWISE_REBUILD_BATCH_SIZE`). */
  readonly batchSize: number;
  readonly progress: RebuildProgress;
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
  /** What the progress line calls what is rebuilt. */
  readonly label: string;
  readonly rebuild: (context: RebuildContext) => Promise<RebuildOutcome>;
  /** The closing log line's message. */
  readonly done: string;
}

/**
 * Opening a PGlite folder that holds no database makes one: a rebuild pointed at the wrong folder
 * (STEPWISE_DATA_DIR mistyped, or unset where it is usually set) would make an empty database and
 * report it rebuilt. Refused instead, before anything is made.
 */
const refuseEmptyFolder = async (database: WorkerConfig['database']): Promise<void> => {
  if (database.kind !== 'pglite' || (await pgliteFolderHoldsDatabase(database.dataDir))) return;
  throw new CodedError(
    'NOTHING_TO_REBUILD',
    `STEPWISE_DATA_DIR (${database.dataDir}) holds no database; point it at the folder \`npm start\` uses (nothing was made)`,
  );
};

const run = async (command: RebuildCommand): Promise<void> => {
  const config = loadWorkerConfigFromProcess();
  await refuseEmptyFolder(config.database);
  const logger = createLogger(command.service, config.logLevel);
  const runtime = await openRuntime(config, logger, stepwiseSchema);
  try {
    const started = Date.now();
    const progress = new RebuildProgress(command.label, await logHead(runtime.database));
    const { position, figures } = await command.rebuild({ runtime, logger, batchSize: config.projections.rebuildBatchSize, progress });
    progress.finish(position);
    logger.info({ ...figures, ms: Date.now() - started }, command.done);
  } finally {
    await closeRuntime(runtime);
  }
};

/** Runs a rebuild as the process's whole work. */
export const runRebuildCommand = (command: RebuildCommand): void => {
  run(command).catch(exitOnBootFailure);
};
