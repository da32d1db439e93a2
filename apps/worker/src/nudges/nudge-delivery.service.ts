import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK } from '@stepwise/command-handling';
import type { Clock } from '@stepwise/kernel';
import {
  deliveryPorts,
  NudgeDeliveryEngine,
  openAnswerLinkSigner,
  openSecretBox,
  openUnsubscribeLinkSigner,
  unsubscribeLinkProblem,
  type DeliveryPorts,
  type NudgeDeliveryPorts,
} from '@stepwise/nudges-infrastructure';
import { openStorage, RUNTIME, type Runtime, type Storage } from '@stepwise/platform';
import type { WorkerConfig } from '../config/worker.config';
import { WORKER_CONFIG } from '../worker-config.token';

/** Injection token of delivery ports a composition root (tests) puts in place of the production ones it names. */
export const NUDGE_DELIVERY_PORTS = Symbol('stepwise.nudge-delivery-ports');

/**
 * Runs the nudge delivery path in the worker: relay, delivery processor and webhook fan-out. On
 * PostgreSQL it has a small pool of its own, so deliveries and requests sharing a process do not
 * wait on each other. A Redis that may evict jobs stops the worker from starting (the error says
 * why); a Redis that is down does not: nudges wait in PostgreSQL until it is back.
 *
 * The ports are the production ones (`deliveryPorts`): the secret box from the same key settings
 * the api seals with, the answer and unsubscribe link keys the api verifies with, and the outbound
 * settings the api sends test messages with. A port given in NUDGE_DELIVERY_PORTS replaces its
 * production one.
 */
@Injectable()
export class NudgeDeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private engine: NudgeDeliveryEngine | undefined;
  private ownStorage: Storage | undefined;
  private production: DeliveryPorts | undefined;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NUDGE_DELIVERY_PORTS) private readonly overrides: NudgeDeliveryPorts,
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
      const [sealer, answerLinks, unsubscribeLinks] = await Promise.all([
        openSecretBox(config.secrets),
        openAnswerLinkSigner(config.answerLinks),
        openUnsubscribeLinkSigner(config.answerLinks),
      ]);
      this.production = deliveryPorts({
        database: storage.database,
        eventStore: storage.eventStore,
        clock: this.clock,
        logger: runtime.logger,
        sealer,
        outbound: { ...config.outbound, timeoutMs: config.nudges.sendTimeoutMs },
        leaseMs: config.nudges.leaseMs,
        answerLinks,
        unsubscribeLinks,
        publicUrl: config.answerLinks.publicUrl,
        slackInteractive: config.slack.interactive,
      });
      this.engine = await NudgeDeliveryEngine.start({
        database: storage.database,
        eventStore: storage.eventStore,
        logger: runtime.logger,
        settings: config.nudges,
        clock: this.clock,
        ports: { ...this.production.ports, ...this.overrides },
      });
    } catch (error) {
      await this.production?.close();
      await this.ownStorage?.close();
      throw error;
    }
    runtime.logger.info({ queuePrefix: config.nudges.queuePrefix, concurrency: config.nudges.concurrency }, 'nudge delivery running');
    if (unsubscribeLinkProblem(config.answerLinks.publicUrl, config.outbound) !== null) {
      runtime.logger.warn(
        { publicUrl: config.answerLinks.publicUrl },
        'STEPWISE_PUBLIC_URL is not https: email nudges cannot carry a one-click unsubscribe link (RFC 8058) and are refused; set it to the https address people reach the api at (http is accepted only to this machine, for local development)',
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine?.stop();
    await this.production?.close();
    await this.ownStorage?.close();
  }
}
