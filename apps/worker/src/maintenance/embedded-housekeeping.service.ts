import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { housekeepEmbedded } from '@stepwise/database';
import { RUNTIME, type Runtime } from '@stepwise/platform';

/** Between passes: a table written as often as a checkpoint row gathers some thousands of dead rows in a minute. */
export const HOUSEKEEPING_INTERVAL_MS = 60_000;

/**
 * On the embedded database, what autovacuum and the checkpointer would do (see housekeepEmbedded):
 * a pass every minute. PostgreSQL does this itself, so there it does nothing.
 */
@Injectable()
export class EmbeddedHousekeepingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private failing = false;

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  onApplicationBootstrap(): void {
    if (this.runtime.database.engine !== 'pglite') return;
    this.timer = setInterval(() => void this.runPass(), HOUSEKEEPING_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pass;
  }

  /** One pass, unless one is under way; a failure is logged once until a pass succeeds again. */
  runPass(): Promise<void> {
    this.pass ??= this.housekeep().finally(() => (this.pass = undefined));
    return this.pass;
  }

  private async housekeep(): Promise<void> {
    const logger = this.runtime.logger.child({ component: 'embedded-housekeeping' });
    try {
      const done = await housekeepEmbedded(this.runtime.database);
      if (this.failing) logger.info('embedded database housekeeping works again');
      this.failing = false;
      if (done.vacuumed.length + done.analysed.length > 0 || done.checkpointed) logger.debug(done, 'embedded database housekept');
    } catch (error) {
      if (!this.failing) logger.warn({ err: error }, 'embedded database housekeeping failed; it tries again every minute');
      this.failing = true;
    }
  }
}
