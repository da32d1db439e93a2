/**
 * The delivery path as the worker composes it, for specs that drive it against local receivers:
 * the read models projected by the real runner (the production ports read their tables), then the
 * production ports (`deliveryPorts`) under a NudgeDeliveryEngine on the spec's own queue prefix.
 * The specs' nudges are not owed by a running policy, so every one is relevant.
 */
import { randomUUID } from 'node:crypto';
import { deliveryPorts, NudgeDeliveryEngine, type DeliveryPorts, type DeliveryPortsOptions, type NudgeDeliverySettings } from '@stepwise/nudges-infrastructure';
import type { Storage } from '@stepwise/platform';
import { ProjectionRunner } from '@stepwise/projections';
import { readModelProjections } from '@stepwise/read-models';
import { everyNudgeRelevant } from './delivery-ports';
import { removeQueueKeys } from './queue-keys';

export type ProductionDeliveryOptions = Omit<DeliveryPortsOptions, 'database' | 'eventStore' | 'leaseMs'> & {
  readonly settings: NudgeDeliverySettings;
  /** The engine's source of retry jitter (Math.random when not given). */
  readonly random?: () => number;
};

export class ProductionDelivery {
  readonly runner: ProjectionRunner;
  private production?: DeliveryPorts;
  private engine?: NudgeDeliveryEngine;
  private settings?: NudgeDeliverySettings;

  /** What the read-model runner fails on goes to `onError` (a spec collects it and expects none). */
  constructor(
    private readonly storage: Storage,
    onError: (error: unknown) => void,
  ) {
    this.runner = new ProjectionRunner(storage.database, storage.eventStore, { processor: `read-models-${randomUUID()}`, projections: readModelProjections, pollIntervalMs: 50, onError });
  }

  projectReadModels(): Promise<void> {
    return this.runner.start();
  }

  /** Starts delivering, once the spec's organisation is in the read models. */
  async startDelivering({ settings, random, ...ports }: ProductionDeliveryOptions): Promise<void> {
    const { database, eventStore } = this.storage;
    this.settings = settings;
    this.production = deliveryPorts({ database, eventStore, ...ports, leaseMs: settings.leaseMs });
    this.engine = await NudgeDeliveryEngine.start({
      database,
      eventStore,
      logger: ports.logger,
      clock: ports.clock,
      settings,
      ports: { ...this.production.ports, relevance: everyNudgeRelevant, ...(random && { random }) },
      run: { fanOut: false },
    });
  }

  /** Stops delivering (the engine and its senders), as a worker does when it stops; projecting goes on. */
  async stopDelivering(): Promise<void> {
    await this.engine?.stop();
    await this.production?.close();
    this.engine = undefined;
    this.production = undefined;
  }

  /** Stops delivering and projecting, and removes what the queue left in Redis. */
  async stop(): Promise<void> {
    await this.stopDelivering();
    await this.runner.stop();
    if (this.settings) await removeQueueKeys(this.settings.redisUrl, this.settings.queuePrefix).catch(() => undefined);
  }
}
