import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK } from '@stepwise/command-handling';
import type { Clock } from '@stepwise/kernel';
import { pruneNudgeHistory } from '@stepwise/nudges-infrastructure';
import { RUNTIME, type Runtime } from '@stepwise/platform';
import type { WorkerConfig } from '../config/worker.config';
import { WORKER_CONFIG } from '../worker-config.token';
import { LoggedPass } from './logged-pass';

/** Between passes: the history's retention is counted in days, so an hour late costs nothing. */
export const RETENTION_INTERVAL_MS = 3_600_000;
/** The first pass, once a starting worker has caught up with what waited for it. */
export const RETENTION_FIRST_PASS_MS = 60_000;

const DAY_MS = 86_400_000;

/**
 * Deletes the nudge history that delivery finished with more than STEPWISE_NUDGE_HISTORY_DAYS ago
 * (pruneNudgeHistory says what goes and what stays): a pass a minute after start, then every hour.
 * Every worker runs it; the rows it takes are locked SKIP LOCKED, so workers never wait on each other.
 */
@Injectable()
export class NudgeHistoryRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private readonly pass: LoggedPass;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const logger = runtime.logger.child({ component: 'nudge-history-retention' });
    this.pass = new LoggedPass(logger, { failed: 'nudge history retention failed; it tries again every hour', recovered: 'nudge history retention works again' }, async () => {
      const cutoff = new Date(this.clock.now().getTime() - this.config.nudgeHistoryDays * DAY_MS);
      const pruned = await pruneNudgeHistory(this.runtime.database, cutoff);
      if (pruned.deliveries + pruned.memberNudges > 0) logger.info({ ...pruned, before: cutoff.toISOString() }, 'nudge history past its retention deleted');
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.nudgeHistoryDays === 0) return;
    const schedule = (delayMs: number): void => {
      this.timer = setTimeout(() => void this.runPass().finally(() => this.timer && schedule(RETENTION_INTERVAL_MS)), delayMs);
      this.timer.unref();
    };
    schedule(RETENTION_FIRST_PASS_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.pass.settled();
  }

  /** One pass, unless one is under way; a failure is logged once until a pass succeeds again. */
  runPass(): Promise<void> {
    return this.pass.run();
  }
}
