import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK } from '@stepwise/command-handling';
import type { Clock } from '@stepwise/kernel';
import { NUDGE_POLICY_PROCESSOR, nudgePolicyProjections, runDigestTick } from '@stepwise/nudges-infrastructure';
import { RUNTIME, type Runtime } from '@stepwise/platform';
import { ProjectionFailedError, ProjectionRunner } from '@stepwise/projections';
import { WORKER_CONFIG } from '../worker-config.token';
import type { WorkerConfig } from '../config/worker.config';
import { databaseOutageLog } from '../projections/database-outage.log';

/** How often the weekly digest's clock ticks: a digest is owed within a minute of a leader's Monday 09:00. */
const DIGEST_TICK_MS = 60_000;

/**
 * Keeps the nudge policy following the global log, as a processor of its own (own checkpoint, own
 * lease): what it decides is owed lands in the outbox in the same transaction as its checkpoint.
 * The leader also ticks the weekly digest with the worker's clock (idempotent, so a second worker
 * ticking at a hand-over writes nothing twice). It borrows the runtime's pool, as analytics does.
 */
@Injectable()
export class NudgePolicyRunnerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private runner: ProjectionRunner | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private tick: Promise<void> | undefined;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { runtime, config, clock } = this;
    const logger = runtime.logger.child({ component: 'nudge-policy' });
    this.runner = new ProjectionRunner(runtime.storage.database, runtime.storage.eventStore, {
      processor: NUDGE_POLICY_PROCESSOR,
      projections: nudgePolicyProjections({ clock }),
      batchSize: config.projections.batchSize,
      pollIntervalMs: config.projections.pollIntervalMs,
      // No pace: delivery judges a nudge's relevance on the policy's documents, so the policy must
      // not trail the log by more than its linger (a cancellation read late would deliver a nudge).
      lingerMs: config.projections.backgroundLingerMs,
      onError: (error) =>
        error instanceof ProjectionFailedError
          ? logger.error({ err: error.cause, ...error.details }, 'the nudge policy stopped at an event it cannot apply; nudges wait, the rest goes on; retrying it')
          : logger.error({ err: error }, 'nudge policy batch failed; retrying from the stored checkpoint'),
      ...databaseOutageLog(logger, NUDGE_POLICY_PROCESSOR),
      onBatch: (events, checkpoint) => logger.debug({ events: events.length, checkpoint }, 'nudge policy applied'),
      onRole: (role) =>
        logger.info({ processor: NUDGE_POLICY_PROCESSOR, role }, role === 'leader' ? 'leading the nudge policy' : 'standing by: another worker leads the nudge policy'),
    });
    await this.runner.start();
    this.ticker = setInterval(() => {
      // One tick at a time, and only on the worker that leads the policy.
      if (this.tick || !this.runner?.leading) return;
      this.tick = runDigestTick(runtime.database, clock.now())
        .then(({ written }) => {
          if (written > 0) logger.info({ written }, 'weekly digests owed');
        })
        .catch((error: unknown) => logger.error({ err: error }, 'weekly digest tick failed; the next tick tries again'))
        .finally(() => {
          this.tick = undefined;
        });
    }, DIGEST_TICK_MS);
    logger.info({ processor: NUDGE_POLICY_PROCESSOR }, 'nudge policy running');
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.ticker);
    await this.tick;
    await this.runner?.stop();
  }
}
