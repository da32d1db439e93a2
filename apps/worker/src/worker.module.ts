import { DynamicModule, Module } from '@nestjs/common';
import { CLOCK } from '@stepwise/command-handling';
import { systemClock, type Clock } from '@stepwise/kernel';
import type { NudgeDeliveryPorts } from '@stepwise/nudges-infrastructure';
import { PROCESS_METRICS, ProcessMetrics, RUNTIME, type Runtime } from '@stepwise/platform';
import type { WorkerConfig } from './config/worker.config';
import { NUDGE_DELIVERY_PORTS, NudgeDeliveryService } from './nudges/nudge-delivery.service';
import { AnalyticsRunnerService } from './projections/analytics-runner.service';
import { NudgePolicyRunnerService } from './nudges/nudge-policy-runner.service';
import { HorizonWatchService } from './projections/horizon-watch.service';
import { ReadModelRunnerService } from './projections/read-model-runner.service';
import { WORKER_CONFIG } from './worker-config.token';
import { EmbeddedHousekeepingService } from './maintenance/embedded-housekeeping.service';
import { NudgeHistoryRetentionService } from './maintenance/nudge-history-retention.service';

export interface WorkerOptions {
  /** Tests inject a fixed clock, as they do the api's (the nudge policy's staleness, the weekly digest and delivery read it). */
  readonly clock?: Clock;
  /** Nudge delivery ports put in place of the production ones, where a composition root gives its own (tests: endpoints, receivers). */
  readonly nudgeDelivery?: NudgeDeliveryPorts;
}

/** The worker's composition root: background processors wired to the runtime it is given. */
@Module({})
export class WorkerModule {
  static register(runtime: Runtime, config: WorkerConfig, metrics: ProcessMetrics = new ProcessMetrics(), options: WorkerOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: WORKER_CONFIG, useValue: config },
        { provide: PROCESS_METRICS, useValue: metrics },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: NUDGE_DELIVERY_PORTS, useValue: options.nudgeDelivery ?? {} },
        ReadModelRunnerService,
        AnalyticsRunnerService,
        NudgePolicyRunnerService,
        HorizonWatchService,
        EmbeddedHousekeepingService,
        NudgeHistoryRetentionService,
        NudgeDeliveryService,
      ],
    };
  }
}
