/**
 * The durable nudge delivery path, composed once for whatever runs it (the worker, tests, the
 * benchmark): the relay (outbox -> delivery records -> BullMQ), the delivery processor on a BullMQ
 * worker, and the webhook fan-out of domain events. Each part can be left out (a process that only
 * relays, say). The worker gives the production ports (`deliveryPorts`); a port not given falls back
 * to a minimal stand-in (no webhook endpoints, in-app only, the policy's own relevance check), for
 * processes that deliver only what they are given.
 */
import type { SqlDatabase } from '@stepwise/database';
import type { EventStore } from '@stepwise/event-store';
import { systemClock, type Clock } from '@stepwise/kernel';
import type { Logger } from 'pino';
import type { DeliveryQueue } from '../queue/delivery-queue';
import type { DeliveryWorker } from '../queue/delivery-worker';
import { assertRedisKeepsJobs } from '../queue/redis-eviction.check';
import { DeliveryEnqueuer } from '../relay/delivery-enqueuer';
import { DeliveryRecovery } from '../relay/delivery-recovery';
import { OutboxIntake } from '../relay/outbox-intake';
import { OutboxRelay } from '../relay/outbox-relay';
import { WebhookFanOut } from '../relay/webhook-fan-out';
import { DEFAULT_RETRY_POLICY, OutboundConnections, WebhookSender } from '@stepwise/integrations';
import type {
  MemberChannelSenders,
  MemberReachability,
  NudgeRelevance,
  WebhookChannelSender,
  WebhookEndpointDirectory,
  WebhookEndpointDisabler,
} from './delivery.ports';
import { DeliveryStore } from './delivery.store';
import { NudgeDeliveryProcessor } from './nudge-delivery.processor';
import { PolicyMemberReachability, policyNudgeRelevance } from './policy.adapters';
import { loggingEndpointDisabler, noWebhookEndpoints } from './webhook-endpoint.adapters';

export interface NudgeDeliverySettings {
  readonly redisUrl: string;
  /** Keeps deployments (and test runs) sharing one Redis apart. */
  readonly queuePrefix: string;
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  /** How long one attempt may take (a send's timeout) before its delivery may be taken over. */
  readonly leaseMs: number;
  readonly sendTimeoutMs: number;
  readonly relayPollMs: number;
  readonly relayBatchSize: number;
  /** Deliveries due within this are handed to Redis with their delay; later ones wait in PostgreSQL. */
  readonly lookaheadMs: number;
  /** How long the webhook fan-out waits after a wake-up before reading the log (default 0). */
  readonly fanOutLingerMs?: number;
  /** At most one read of the log this often for the webhook fan-out while events keep coming (default 0: no limit). */
  readonly fanOutPaceMs?: number;
  /** At most one relay pass this often while it keeps being woken (default 0: no limit). */
  readonly relayPaceMs?: number;
}

export interface NudgeDeliveryPorts {
  readonly reachability?: MemberReachability;
  readonly relevance?: NudgeRelevance;
  readonly endpoints?: WebhookEndpointDirectory;
  readonly disabler?: WebhookEndpointDisabler;
  readonly webhookSender?: WebhookChannelSender;
  readonly memberSenders?: MemberChannelSenders;
  /** [0, 1): the backoff's jitter. */
  readonly random?: () => number;
}

export interface NudgeDeliveryEngineOptions {
  readonly database: SqlDatabase;
  readonly eventStore: EventStore;
  readonly logger: Logger;
  readonly settings: NudgeDeliverySettings;
  readonly clock?: Clock;
  readonly ports?: NudgeDeliveryPorts;
  /** Which parts run here (all by default). */
  readonly run?: { readonly relay?: boolean; readonly processor?: boolean; readonly fanOut?: boolean };
  /** Refuse to start on a Redis that may evict jobs (default true). */
  readonly checkEviction?: boolean;
}

/** The queue's two ends, over BullMQ. */
interface Queueing {
  readonly DeliveryQueue: typeof DeliveryQueue;
  readonly DeliveryWorker: typeof DeliveryWorker;
}

/**
 * BullMQ is loaded when an engine starts, not with this module: the api imports this library for
 * its read models and answers and starts no engine, so its process never holds BullMQ (some 8 MB).
 */
const loadQueueing = async (): Promise<Queueing> => {
  const [{ DeliveryQueue }, { DeliveryWorker }] = await Promise.all([import('../queue/delivery-queue'), import('../queue/delivery-worker')]);
  return { DeliveryQueue, DeliveryWorker };
};

export class NudgeDeliveryEngine {
  readonly processor: NudgeDeliveryProcessor;
  readonly relay: OutboxRelay | undefined;
  readonly fanOut: WebhookFanOut | undefined;
  private readonly queue: DeliveryQueue | undefined;
  private readonly worker: DeliveryWorker | undefined;
  /** The default webhook sender's sockets, when no sender was given. */
  private readonly connections: OutboundConnections | undefined;

  private constructor(options: NudgeDeliveryEngineOptions, { DeliveryQueue, DeliveryWorker }: Queueing) {
    const { database, settings, logger, ports = {}, run = {} } = options;
    const clock = options.clock ?? systemClock;
    // Read afresh wherever it decides: taking in nudges, fanning events out, and before each send.
    const endpoints = ports.endpoints ?? noWebhookEndpoints;
    const disabler = ports.disabler ?? loggingEndpointDisabler(logger);
    this.connections = ports.webhookSender ? undefined : new OutboundConnections();
    this.processor = new NudgeDeliveryProcessor({
      store: new DeliveryStore(database),
      clock,
      reachability: ports.reachability ?? new PolicyMemberReachability(database),
      relevance: ports.relevance ?? policyNudgeRelevance(database),
      endpoints,
      disabler,
      // The address-filtering sender: private and loopback receivers are refused unless a composition root (tests) gives its own.
      webhookSender: ports.webhookSender ?? new WebhookSender({ http: { timeoutMs: settings.sendTimeoutMs, connections: this.connections } }),
      memberSenders: ports.memberSenders ?? {},
      random: ports.random ?? Math.random,
      settings: {
        leaseMs: settings.leaseMs,
        dueToleranceMs: 1_000,
        retry: { baseDelayMs: settings.backoffBaseMs, maxDelayMs: settings.backoffCapMs, maxRetryAfterMs: DEFAULT_RETRY_POLICY.maxRetryAfterMs },
      },
      logger: logger.child({ component: 'nudge-delivery' }),
    });
    if (run.relay !== false) {
      const queue = new DeliveryQueue({ redisUrl: settings.redisUrl, prefix: settings.queuePrefix, logger: logger.child({ component: 'nudge-relay' }) });
      this.queue = queue;
      this.relay = new OutboxRelay(
        database,
        new OutboxIntake(database, endpoints, clock, { batchSize: settings.relayBatchSize, maxAttempts: settings.maxAttempts }),
        new DeliveryEnqueuer(database, queue, clock, { batchSize: settings.relayBatchSize, lookaheadMs: settings.lookaheadMs }),
        new DeliveryRecovery(database, clock),
        queue,
        {
          batchSize: settings.relayBatchSize,
          pollIntervalMs: settings.relayPollMs,
          recoveryIntervalMs: Math.min(settings.leaseMs, 15_000),
          // A job not run this long after its delivery was due is taken as lost (its worker died holding it).
          staleAfterMs: 2 * settings.leaseMs,
          paceMs: settings.relayPaceMs,
        },
        logger.child({ component: 'nudge-relay' }),
      );
    }
    if (run.fanOut !== false) {
      this.fanOut = new WebhookFanOut(
        database,
        options.eventStore,
        endpoints,
        clock,
        {
          batchSize: settings.relayBatchSize,
          pollIntervalMs: settings.relayPollMs,
          lingerMs: settings.fanOutLingerMs,
          paceMs: settings.fanOutPaceMs,
          maxAttempts: settings.maxAttempts,
        },
        logger.child({ component: 'webhook-fan-out' }),
      );
    }
    if (run.processor !== false) {
      this.worker = new DeliveryWorker(
        { redisUrl: settings.redisUrl, prefix: settings.queuePrefix, concurrency: settings.concurrency, logger: logger.child({ component: 'nudge-worker' }) },
        (data, jobId) => this.processor.process(data, jobId),
      );
    }
  }

  static async start(options: NudgeDeliveryEngineOptions): Promise<NudgeDeliveryEngine> {
    if (options.checkEviction !== false) {
      await assertRedisKeepsJobs(options.settings.redisUrl, (message, details) => options.logger.warn(details, message));
    }
    const engine = new NudgeDeliveryEngine(options, await loadQueueing());
    try {
      await engine.relay?.start();
      await engine.fanOut?.start();
      engine.worker?.start();
    } catch (error) {
      await engine.stop();
      throw error;
    }
    return engine;
  }

  async stop(): Promise<void> {
    // The worker's jobs finish while deliveries waiting for a channel's turn go back to the relay
    // (none starts waiting from here on); sends under way, in jobs or not, are awaited.
    await Promise.all([this.worker?.close(), this.processor.stop()]);
    await this.relay?.stop();
    await this.fanOut?.stop();
    await this.queue?.close();
    this.connections?.close();
  }
}
