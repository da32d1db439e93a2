import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RUNTIME, type Runtime } from '@stepwise/platform';
import { HorizonWatch } from '@stepwise/projections';

/**
 * Warns when a transaction of our database has held the global log's horizon for more than 10 s
 * (projections and read-your-writes wait for it), once per blocker. PGlite's one session holds
 * nothing from others, so there is nothing to watch there.
 */
@Injectable()
export class HorizonWatchService implements OnApplicationBootstrap, OnApplicationShutdown {
  private watch: HorizonWatch | undefined;

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  onApplicationBootstrap(): void {
    if (this.runtime.database.engine !== 'postgres') return;
    const store = this.runtime.storage.eventStore;
    this.watch = new HorizonWatch({ holder: () => store.horizonHolder(), logger: this.runtime.logger.child({ component: 'log-horizon' }) });
    this.watch.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.watch?.stop();
  }
}
