import { DynamicModule, Module } from '@nestjs/common';
import { RUNTIME, type Runtime } from '@stepwise/platform';
import type { WorkerConfig } from './config/worker.config';
import { ReadModelRunnerService } from './projections/read-model-runner.service';
import { WORKER_CONFIG } from './worker-config.token';

/** The worker's composition root: background processors wired to the runtime it is given. */
@Module({})
export class WorkerModule {
  static register(runtime: Runtime, config: WorkerConfig): DynamicModule {
    return {
      module: WorkerModule,
      providers: [{ provide: RUNTIME, useValue: runtime }, { provide: WORKER_CONFIG, useValue: config }, ReadModelRunnerService],
    };
  }
}
