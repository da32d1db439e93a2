import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ANALYTICS_PROCESSOR, analyticsProjections, discardAbandonedAnalyticsRebuild } from '@stepwise/analytics-infrastructure';
import { RUNTIME, type Runtime } from '@stepwise/platform';
import { ProjectionFailedError, ProjectionRunner } from '@stepwise/projections';
import { WORKER_CONFIG } from '../worker-config.token';
import type { WorkerConfig } from '../config/worker.config';
import { databaseOutageLog } from './database-outage.log';

/**
 * Keeps the analytics fact tables following the global log, as a processor of its own (own
 * checkpoint, own lease): when it fails or starts from the log start, the read models mutations wait
 * on go on undisturbed. It borrows the runtime's pool rather than opening one: nothing waits on it
 * within a request, and connections are the scarcer resource.
 *
 * While it leads, it also clears what an analytics rebuild killed outright left behind (its copy and
 * checkpoint, which the processors' lag would show ever further behind): on taking the lead, and
 * every SWEEP_MS after. A rebuild under way holds its lease and is left alone.
 */
const SWEEP_MS = 60_000;

@Injectable()
export class AnalyticsRunnerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private runner: ProjectionRunner | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { runtime, config } = this;
    const logger = runtime.logger.child({ component: 'analytics' });
    this.runner = new ProjectionRunner(runtime.storage.database, runtime.storage.eventStore, {
      processor: ANALYTICS_PROCESSOR,
      projections: analyticsProjections(),
      batchSize: config.projections.batchSize,
      pollIntervalMs: config.projections.pollIntervalMs,
      lingerMs: config.projections.backgroundLingerMs,
      paceMs: config.projections.backgroundPaceMs,
      onError: (error) =>
        error instanceof ProjectionFailedError
          ? logger.error({ err: error.cause, ...error.details }, 'analytics stopped at an event a projection cannot apply; the read models go on; retrying it')
          : logger.error({ err: error }, 'analytics projection failed; retrying from the stored checkpoint'),
      ...databaseOutageLog(logger, ANALYTICS_PROCESSOR),
      onBatch: (events, checkpoint) => logger.debug({ events: events.length, checkpoint }, 'analytics projected'),
      onRole: (role) => {
        logger.info({ processor: ANALYTICS_PROCESSOR, role }, role === 'leader' ? 'leading the analytics projections' : 'standing by: another worker leads analytics');
        if (role === 'leader') this.sweep(logger);
      },
    });
    await this.runner.start();
    this.sweeper = setInterval(() => this.runner?.leading && this.sweep(logger), SWEEP_MS).unref();
    logger.info({ processor: ANALYTICS_PROCESSOR }, 'analytics projections running');
  }

  private sweep(logger: Runtime['logger']): void {
    discardAbandonedAnalyticsRebuild(this.runtime.storage.database).then(
      (discarded) => discarded && logger.info({ processor: ANALYTICS_PROCESSOR }, 'dropped the copy and checkpoint an interrupted analytics rebuild left behind'),
      (error: unknown) => logger.warn({ err: error }, 'could not look for what an interrupted analytics rebuild left behind; trying again later'),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.runner?.stop();
  }
}
