/**
 * Follows the global log, as a processor of its own (own checkpoint, own lease), and writes one
 * webhook delivery per (domain event x endpoint subscribed to its type), in the same transaction as
 * its checkpoint: a crash replays nothing twice (the delivery id is derived from the event and the
 * endpoint) and loses nothing. The relay queues what it writes. On its first start it begins at the
 * head of the log: endpoints hear of what happens from then on, not of the whole history.
 */
import { DatabaseOutage, type SqlDatabase, type Lease } from '@stepwise/database';
import { loggedDatabaseOutage } from '@stepwise/platform';
import { LOG_START, loadCheckpoint, saveCheckpoint, type EventStore, type LogCheckpoint, type RecordedEvent, type Subscription } from '@stepwise/event-store';
import { uuidFromParts, type Clock } from '@stepwise/kernel';
import { SUBSCRIBABLE_EVENT_TYPES } from '@stepwise/nudges-domain';
import type { Logger } from 'pino';
import type { WebhookEndpointDirectory, WebhookTarget } from '../delivery/delivery.ports';
import { NUDGES_CHANNEL } from '../delivery/nudge-delivery.migration';
import { insertDeliveries, type NewDelivery } from './new-deliveries';
import { domainEventPayload } from './webhook-payload';

export const WEBHOOK_FAN_OUT_PROCESSOR = 'webhook-fan-out';

/** The domain event types a webhook endpoint may subscribe to (besides `nudge`): every one is followed. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = SUBSCRIBABLE_EVENT_TYPES;

export const eventWebhookDeliveryId = (eventId: string, endpointId: string): string => uuidFromParts('event-webhook-delivery', eventId, endpointId);

const STANDBY_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export interface WebhookFanOutSettings {
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  /** How long to wait after a wake-up before reading, so a busy moment's events fan out as one batch (default 0). */
  readonly lingerMs?: number;
  /** At most one read this often while events keep coming (default 0: no limit). */
  readonly paceMs?: number;
  readonly maxAttempts: number;
  /** Caps the pause between retries after a failure (default 30 s; tests shorten it). */
  readonly retryMaxMs?: number;
}

export class WebhookFanOut {
  private subscription: Subscription | undefined;
  private lease: Lease | undefined;
  private current: LogCheckpoint | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private failures = 0;
  private readonly outage: DatabaseOutage;

  constructor(
    private readonly database: SqlDatabase,
    private readonly store: EventStore,
    private readonly endpoints: WebhookEndpointDirectory,
    private readonly clock: Clock,
    private readonly settings: WebhookFanOutSettings,
    private readonly logger: Logger,
  ) {
    this.outage = new DatabaseOutage(
      loggedDatabaseOutage(
        logger,
        { processor: WEBHOOK_FAN_OUT_PROCESSOR },
        'webhook fan-out retrying from its stored checkpoint until it is back',
        'webhook fan-out going on from its stored checkpoint',
      ),
    );
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.lead();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.subscription?.stop();
    this.subscription = undefined;
    const lease = this.lease;
    this.lease = undefined;
    await lease?.release();
  }

  /** Resolves once the fan-out has seen the log as it stood when called. */
  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  /** One retry pending at a time: a lost lease and a failed batch at once must not start two. */
  private later(work: () => Promise<void>, ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void work().catch((error) => this.failed(error)), ms);
  }

  private async lead(): Promise<void> {
    if (this.stopped) return;
    if (this.lease) return this.follow();
    const lease = await this.database.tryLease(`projection:${WEBHOOK_FAN_OUT_PROCESSOR}`, () => void this.leaseLost());
    if (this.stopped) {
      await lease?.release();
      return;
    }
    this.outage.succeeded();
    this.lease = lease;
    if (!lease) return this.later(() => this.lead(), STANDBY_RETRY_MS);
    await this.follow();
  }

  private async leaseLost(): Promise<void> {
    this.lease = undefined;
    await this.subscription?.stop();
    this.subscription = undefined;
    this.later(() => this.lead(), STANDBY_RETRY_MS);
  }

  private async follow(): Promise<void> {
    const lease = this.lease;
    const { rows } = await this.database.query('SELECT 1 FROM es_checkpoints WHERE processor = $1', [WEBHOOK_FAN_OUT_PROCESSOR]);
    if (rows.length === 0) await saveCheckpoint(this.database, WEBHOOK_FAN_OUT_PROCESSOR, LOG_START, await this.store.logHead());
    const current = await loadCheckpoint(this.database, WEBHOOK_FAN_OUT_PROCESSOR);
    // Stopped, or the lease lost while this read (its retry is already set): no subscription without
    // the lease, or the retry that takes it again would start a second beside this one, the two
    // would save the one checkpoint over each other, and stop() would end only the second (as the
    // projection runner does). One already following stays the only one.
    if (this.stopped || !lease || this.lease !== lease || this.subscription) return;
    this.current = current;
    this.outage.succeeded();
    this.subscription = this.store.subscribe({
      from: this.current,
      eventTypes: WEBHOOK_EVENT_TYPES,
      batchSize: this.settings.batchSize,
      pollIntervalMs: this.settings.pollIntervalMs,
      lingerMs: this.settings.lingerMs,
      paceMs: this.settings.paceMs,
      handler: (events, next) => this.fanOut(events, next),
      onError: (error) => void this.recover(error),
    });
  }

  private async fanOut(events: readonly RecordedEvent[], next: LogCheckpoint): Promise<void> {
    const expected = this.current ?? LOG_START;
    const subscribed = new Map<string, Promise<readonly WebhookTarget[]>>();
    const subscribers = (tenantId: string, type: string) => {
      const key = `${tenantId}\u0000${type}`;
      let found = subscribed.get(key);
      if (!found) subscribed.set(key, (found = this.endpoints.subscribedEndpoints(tenantId, type)));
      return found;
    };
    const now = this.clock.now();
    const deliveries: NewDelivery[] = [];
    for (const event of events) {
      const endpoints = await subscribers(event.tenantId, event.type);
      // One payload per event, whatever number of endpoints it goes to.
      const payload = endpoints.length > 0 ? JSON.stringify(domainEventPayload(event)) : '';
      for (const endpoint of endpoints) {
        deliveries.push({
          deliveryId: eventWebhookDeliveryId(event.id, endpoint.endpointId),
          tenantId: event.tenantId,
          kind: 'WEBHOOK',
          nudgeId: null,
          memberId: null,
          endpointId: endpoint.endpointId,
          eventType: event.type,
          payload,
          dueAt: now,
        });
      }
    }
    if (deliveries.length === 0) {
      // Nothing subscribed (most batches: most tenants have no endpoints): the checkpoint alone, one statement, no transaction around it.
      await saveCheckpoint(this.database, WEBHOOK_FAN_OUT_PROCESSOR, expected, next);
    } else {
      await this.database.transaction(async (tx) => {
        await insertDeliveries(tx, deliveries, this.settings.maxAttempts, now);
        await tx.query('SELECT pg_notify($1, $2)', [NUDGES_CHANNEL, 'owed']);
        await saveCheckpoint(tx, WEBHOOK_FAN_OUT_PROCESSOR, expected, next);
      });
    }
    this.current = next;
    this.failures = 0;
    this.outage.succeeded();
  }

  private async recover(error: unknown): Promise<void> {
    if (this.stopped) return;
    await this.subscription?.stop();
    this.subscription = undefined;
    this.failed(error);
  }

  private failed(error: unknown): void {
    this.failures += 1;
    // A lost database is said once per outage, at warn; anything else is an error, every time.
    if (!this.outage.failed(error)) this.logger.error({ err: error, processor: WEBHOOK_FAN_OUT_PROCESSOR }, 'webhook fan-out failed; retrying from its stored checkpoint');
    this.later(async () => {
      if (this.lease) await this.follow();
      else await this.lead();
    }, Math.min(1_000 * 2 ** (this.failures - 1), this.settings.retryMaxMs ?? MAX_RETRY_MS));
  }
}
