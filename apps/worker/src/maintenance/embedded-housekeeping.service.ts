import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { housekeepEmbedded } from '@stepwise/database';
import { RUNTIME, type Runtime } from '@stepwise/platform';
import { LoggedPass } from './logged-pass';

/** Between passes: a table written as often as a checkpoint row gathers some thousands of dead rows in a minute. */
export const HOUSEKEEPING_INTERVAL_MS = 60_000;

/**
 * On the embedded database, what autovacuum and the checkpointer would do (see housekeepEmbedded):
 * a pass every minute. PostgreSQL does this itself, so there it does nothing.
 */
@Injectable()
export class EmbeddedHousekeepingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private readonly pass: LoggedPass;

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {
    const logger = runtime.logger.child({ component: 'embedded-housekeeping' });
    this.pass = new LoggedPass(logger, { failed: 'embedded database housekeeping failed; it tries again every minute', recovered: 'embedded database housekeeping works again' }, async () => {
      const done = await housekeepEmbedded(this.runtime.database);
      if (done.vacuumed.length + done.analysed.length > 0 || done.checkpointed) logger.debug(done, 'embedded database housekept');
    });
  }

  onApplicationBootstrap(): void {
    if (this.runtime.database.engine !== 'pglite') return;
    this.timer = setInterval(() => void this.runPass(), HOUSEKEEPING_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pass.settled();
  }

  /** One pass, unless one is under way; a failure is logged once until a pass succeeds again. */
  runPass(): Promise<void> {
    return this.pass.run();
  }
}
