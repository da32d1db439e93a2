import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RUNTIME, type Runtime } from '@stepwise/platform';
import { ProjectionRunner, READ_MODELS_PROCESSOR } from '@stepwise/projections';
import { readModelProjections } from '@stepwise/read-models';
import { WORKER_CONFIG } from '../worker-config.token';
import type { WorkerConfig } from '../config/worker.config';

/** Keeps the read tables following the global log while the worker runs. */
@Injectable()
export class ReadModelRunnerService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly runner: ProjectionRunner;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(WORKER_CONFIG) config: WorkerConfig,
  ) {
    const logger = runtime.logger.child({ component: 'read-models' });
    this.runner = new ProjectionRunner(runtime.database, runtime.eventStore, {
      processor: READ_MODELS_PROCESSOR,
      projections: readModelProjections,
      batchSize: config.projections.batchSize,
      pollIntervalMs: config.projections.pollIntervalMs,
      onError: (error) => logger.error({ err: error }, 'read-model projection failed; retrying from the stored checkpoint'),
      onBatch: (events, checkpoint) => logger.debug({ events: events.length, checkpoint }, 'projected'),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
    this.runtime.logger.info({ processor: READ_MODELS_PROCESSOR }, 'read-model projections running');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
