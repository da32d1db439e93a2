import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { openStorage, RUNTIME, type Runtime, type Storage } from '@stepwise/platform';
import { ProjectionFailedError, ProjectionRunner, READ_MODELS_PROCESSOR } from '@stepwise/projections';
import { readModelProjections } from '@stepwise/read-models';
import { WORKER_CONFIG } from '../worker-config.token';
import type { WorkerConfig } from '../config/worker.config';

/** Connections of the runner's own pool: one batch transaction and one log read at a time, plus a spare. */
const PROJECTION_POOL_SIZE = 3;

/**
 * Keeps the read tables following the global log while the worker runs. On PostgreSQL it has its
 * own small pool, so request traffic sharing the process (the embedded default) cannot starve it.
 */
@Injectable()
export class ReadModelRunnerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private runner: ProjectionRunner | undefined;
  private ownStorage: Storage | undefined;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { runtime, config } = this;
    const logger = runtime.logger.child({ component: 'read-models' });
    const database = runtime.config.database;
    // The runtime already migrated (or was told not to); this pool only reads the log and writes read tables.
    this.ownStorage =
      database.kind === 'postgres'
        ? await openStorage({ ...database, poolSize: PROJECTION_POOL_SIZE, applicationName: 'stepwise-projections' }, runtime.schema, { migrate: false })
        : undefined;
    const storage = this.ownStorage ?? runtime.storage;
    this.runner = new ProjectionRunner(storage.database, storage.eventStore, {
      processor: READ_MODELS_PROCESSOR,
      projections: readModelProjections,
      batchSize: config.projections.batchSize,
      pollIntervalMs: config.projections.pollIntervalMs,
      onError: (error) =>
        error instanceof ProjectionFailedError
          ? logger.error(
              { err: error.cause, ...error.details },
              'read models stopped at an event a projection cannot apply; retrying it, nothing after it is applied until it goes through',
            )
          : logger.error({ err: error }, 'read-model projection failed; retrying from the stored checkpoint'),
      onBatch: (events, checkpoint) => logger.debug({ events: events.length, checkpoint }, 'projected'),
      onRole: (role) =>
        logger.info({ processor: READ_MODELS_PROCESSOR, role }, role === 'leader' ? 'leading the read-model projections' : 'standing by: another worker leads the read-model projections'),
    });
    await this.runner.start();
    this.runtime.logger.info({ processor: READ_MODELS_PROCESSOR }, 'read-model projections running');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
    await this.ownStorage?.close();
  }
}
