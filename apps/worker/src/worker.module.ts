import { DynamicModule, Module } from '@nestjs/common';
import { CLOCK } from '@stepwise/command-handling';
import { systemClock, type Clock } from '@stepwise/kernel';
import { PROCESS_METRICS, ProcessMetrics, RUNTIME, type Runtime } from '@stepwise/platform';
import type { WorkerConfig } from './config/worker.config';
import { AnalyticsRunnerService } from './projections/analytics-runner.service';
import { NudgePolicyRunnerService } from './nudges/nudge-policy-runner.service';
import { HorizonWatchService } from './projections/horizon-watch.service';
import { ReadModelRunnerService } from './projections/read-model-runner.service';
import { WORKER_CONFIG } from './worker-config.token';

export interface WorkerOptions {
  /** Tests inject a fixed clock (the nudge policy's staleness and the weekly digest read it). */
  readonly clock?: Clock;
}

/** The worker's composition root: background processors wired to the runtime it is given. */
@Module({})
export class WorkerModule {
  static register(runtime: Runtime, config: WorkerConfig, metrics: ProcessMetrics = new ProcessMetrics(), { clock = systemClock }: WorkerOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: WORKER_CONFIG, useValue: config },
        { provide: PROCESS_METRICS, useValue: metrics },
        { provide: CLOCK, useValue: clock },
        ReadModelRunnerService,
        AnalyticsRunnerService,
        NudgePolicyRunnerService,
        HorizonWatchService,
      ],
    };
  }
}
