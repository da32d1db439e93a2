import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK } from '@stepwise/command-handling';
import type { Clock } from '@stepwise/kernel';
import { NudgeDeliveryEngine, type NudgeDeliveryPorts } from '@stepwise/nudges-infrastructure';
import { openStorage, RUNTIME, type Runtime, type Storage } from '@stepwise/platform';
import type { WorkerConfig } from '../config/worker.config';
import { WORKER_CONFIG } from '../worker-config.token';

/** Injection token of the delivery path's ports, where a composition root (tests) gives its own. */
export const NUDGE_DELIVERY_PORTS = Symbol('stepwise.nudge-delivery-ports');

/**
 * Runs the nudge delivery path in the worker: relay, delivery processor and webhook fan-out. On
 * PostgreSQL it has a small pool of its own, so deliveries and requests sharing a process do not
 * wait on each other. A Redis that may evict jobs stops the worker from starting (the error says
 * why); a Redis that is down does not: nudges wait in PostgreSQL until it is back.
 */
@Injectable()
export class NudgeDeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private engine: NudgeDeliveryEngine | undefined;
  private ownStorage: Storage | undefined;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NUDGE_DELIVERY_PORTS) private readonly ports: NudgeDeliveryPorts,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { runtime, config } = this;
    const database = runtime.config.database;
    this.ownStorage =
      database.kind === 'postgres'
        ? await openStorage({ ...database, poolSize: Math.min(config.nudges.concurrency, 8) + 2, applicationName: 'stepwise-nudges' }, runtime.schema, { migrate: false })
        : undefined;
    const storage = this.ownStorage ?? runtime.storage;
    try {
      this.engine = await NudgeDeliveryEngine.start({
        database: storage.database,
        eventStore: storage.eventStore,
        logger: runtime.logger,
        settings: config.nudges,
        clock: this.clock,
        ports: this.ports,
      });
    } catch (error) {
      await this.ownStorage?.close();
      throw error;
    }
    runtime.logger.info({ queuePrefix: config.nudges.queuePrefix, concurrency: config.nudges.concurrency }, 'nudge delivery running');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine?.stop();
    await this.ownStorage?.close();
  }
}
