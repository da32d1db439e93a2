import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PostgresDatabase } from '@stepwise/database';
import { openStorage, PROCESS_METRICS, RUNTIME, type ProcessMetrics, type Runtime, type Storage } from '@stepwise/platform';
import { ProjectionFailedError, ProjectionRunner, READ_MODELS_PROCESSOR } from '@stepwise/projections';
import { readModelProjections } from '@stepwise/read-models';
import { WORKER_CONFIG } from '../worker-config.token';
import type { WorkerConfig } from '../config/worker.config';
import { databaseOutageLog } from './database-outage.log';

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
  private readonly detach: (() => void)[] = [];

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(PROCESS_METRICS) private readonly metrics: ProcessMetrics,
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
    // The runtime's storage is the api's to measure; this pool's log reads and usage are ours.
    const own = this.ownStorage;
    if (own) {
      this.detach.push(own.eventStore.observe(this.metrics.eventStore));
      if (own.database instanceof PostgresDatabase) {
        const pool = own.database;
        this.detach.push(this.metrics.trackPool('projections', () => pool.poolUsage()));
      }
    }
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
      ...databaseOutageLog(logger, READ_MODELS_PROCESSOR),
      onBatch: (events, checkpoint) => logger.debug({ events: events.length, checkpoint }, 'projected'),
      onRole: (role) =>
        logger.info({ processor: READ_MODELS_PROCESSOR, role }, role === 'leader' ? 'leading the read-model projections' : 'standing by: another worker leads the read-model projections'),
    });
    await this.runner.start();
    this.runtime.logger.info({ processor: READ_MODELS_PROCESSOR }, 'read-model projections running');
  }

  async onApplicationShutdown(): Promise<void> {
    for (const detach of this.detach.splice(0)) detach();
    await this.runner?.stop();
    await this.ownStorage?.close();
  }
}
