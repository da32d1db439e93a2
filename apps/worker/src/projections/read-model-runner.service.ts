import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PostgresDatabase, SqlEventStore, type EventStore, type SqlDatabase } from '@stepwise/event-store';
import { RUNTIME, type Runtime } from '@stepwise/platform';
import { ProjectionRunner, READ_MODELS_PROCESSOR } from '@stepwise/projections';
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
  readonly runner: ProjectionRunner;
  private readonly ownDatabase: SqlDatabase | undefined;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(WORKER_CONFIG) config: WorkerConfig,
  ) {
    const logger = runtime.logger.child({ component: 'read-models' });
    const database = runtime.config.database;
    this.ownDatabase =
      database.kind === 'postgres'
        ? new PostgresDatabase({ connectionString: database.url, max: PROJECTION_POOL_SIZE, applicationName: 'stepwise-projections' })
        : undefined;
    const store: EventStore = this.ownDatabase ? new SqlEventStore(this.ownDatabase) : runtime.eventStore;
    this.runner = new ProjectionRunner(this.ownDatabase ?? runtime.database, store, {
      processor: READ_MODELS_PROCESSOR,
      projections: readModelProjections,
      batchSize: config.projections.batchSize,
      pollIntervalMs: config.projections.pollIntervalMs,
      onError: (error) => logger.error({ err: error }, 'read-model projection failed; retrying from the stored checkpoint'),
      onBatch: (events, checkpoint) => logger.debug({ events: events.length, checkpoint }, 'projected'),
      onRole: (role) =>
        logger.info({ processor: READ_MODELS_PROCESSOR, role }, role === 'leader' ? 'leading the read-model projections' : 'standing by: another worker leads the read-model projections'),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
    this.runtime.logger.info({ processor: READ_MODELS_PROCESSOR }, 'read-model projections running');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.ownDatabase?.close();
  }
}
