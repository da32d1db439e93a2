/**
 * An attempt whose lease ran out (its worker killed mid-send, or stalled) is the lease sweep's to
 * write off first: a job that runs again meanwhile (BullMQ runs a stalled job again) sends nothing,
 * and the sweep records the lost attempt as UNKNOWN and decides what follows. An answer that comes
 * in just after the sweep wrote its attempt off is what the delivery shows, and a delivery's latest
 * attempt is dated as the attempt (when sent, not when claimed). A real webhook receiver on
 * loopback, on PostgreSQL and PGlite.
 */
import { randomUUID } from 'node:crypto';
import { FixedClock, type Clock } from '@stepwise/kernel';
import { createLogger, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import {
  everyNudgeRelevant,
  localWebhookSender,
  openTestStorage,
  startWebhookReceiver,
  StaticMemberReachability,
  StaticWebhookEndpoints,
  TEST_WEBHOOK_SECRET,
  type TestEngine,
  type WebhookReceiver,
} from '@stepwise/test-support';
import { DeliveryRecovery } from '../relay/delivery-recovery';
import { insertDeliveries } from '../relay/new-deliveries';
import { attemptRecordOf } from './attempt-record';
import { DeliveryStore } from './delivery.store';
import { NudgeDeliveryProcessor } from './nudge-delivery.processor';

const LEASE_MS = 60_000;

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('an attempt whose lease ran out, on %s', (_name, engineKind) => {
  let storage: Storage;
  let receiver: WebhookReceiver;
  let clock: FixedClock;
  let tenantId: string;
  let store: DeliveryStore;
  let processor: NudgeDeliveryProcessor;
  let recovery: DeliveryRecovery;

  beforeAll(async () => {
    storage = await openTestStorage(engineKind, stepwiseSchema, { poolSize: 4 });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await storage?.close();
  });
  beforeEach(() => {
    clock = new FixedClock('2026-03-02T09:00:00.000Z');
    tenantId = `org-${randomUUID()}`;
    store = new DeliveryStore(storage.database);
    recovery = new DeliveryRecovery(storage.database, clock);
    processor = processorOn(clock);
  });

  /** The processor on `on`, delivering to `crm`, a receiver that answers 200. */
  const processorOn = (on: Clock): NudgeDeliveryProcessor => {
    const endpoints = new StaticWebhookEndpoints();
    endpoints.add({ tenantId, endpointId: 'crm', url: `${receiver.url}/ok`, secrets: [TEST_WEBHOOK_SECRET], types: ['StepTaken'] });
    return new NudgeDeliveryProcessor({
      store,
      clock: on,
      reachability: new StaticMemberReachability(),
      relevance: everyNudgeRelevant,
      endpoints,
      disabler: endpoints,
      webhookSender: localWebhookSender(5_000),
      memberSenders: {},
      random: () => 0.5,
      settings: { leaseMs: LEASE_MS, dueToleranceMs: 1_000, retry: { baseDelayMs: 50, maxDelayMs: 200, maxRetryAfterMs: 1_000 } },
      logger: createLogger('lease-ran-out-test', 'silent'),
    });
  };

  /** A StepTaken delivery to `crm`, owed now, with three attempts allowed. */
  const owed = async (): Promise<string> => {
    const deliveryId = randomUUID();
    await storage.database.transaction((tx) =>
      insertDeliveries(
        tx,
        [{ deliveryId, tenantId, kind: 'WEBHOOK', nudgeId: null, memberId: null, endpointId: 'crm', eventType: 'StepTaken', payload: JSON.stringify({ type: 'StepTaken' }), dueAt: clock.now() }],
        3,
        clock.now(),
      ),
    );
    return deliveryId;
  };
  /** One `owed`, whose first attempt was claimed and never concluded (its worker died mid-send). */
  const lostAttempt = async (): Promise<string> => {
    const deliveryId = await owed();
    const [delivery] = await store.load(tenantId, [deliveryId]);
    expect(await store.claimWebhook(delivery, clock.now(), clock.now(), new Date(clock.now().getTime() + LEASE_MS))).toBe(1);
    clock.advance(LEASE_MS + 1_000);
    return deliveryId;
  };
  const row = async (deliveryId: string) =>
    (await storage.database.query<{ state: string; attempts: number; last_outcome: string | null }>('SELECT state, attempts, last_outcome FROM nudges.deliveries WHERE delivery_id = $1', [deliveryId])).rows[0];
  const attempts = async (deliveryId: string) =>
    (await storage.database.query<{ attempt_number: number; outcome: string }>('SELECT attempt_number, outcome FROM nudges.delivery_attempts WHERE delivery_id = $1 ORDER BY attempt_number', [deliveryId])).rows.map(
      (attempt) => [attempt.attempt_number, attempt.outcome],
    );
  const received = (deliveryId: string): number => receiver.received.filter((hook) => hook.id === deliveryId).length;

  it('sends nothing from a job that runs again before the sweep: the sweep records the lost attempt, and the retry is the next', async () => {
    const deliveryId = await lostAttempt();

    expect(await processor.process({ tenantId, deliveryIds: [deliveryId] })).toEqual({ [deliveryId]: 'skipped' });
    expect([received(deliveryId), await row(deliveryId)]).toEqual([0, { state: 'SENDING', attempts: 1, last_outcome: null }]);

    expect(await recovery.expireLeases()).toBe(1);
    expect(await row(deliveryId)).toEqual({ state: 'RETRYING', attempts: 1, last_outcome: 'UNKNOWN' });
    expect(await processor.process({ tenantId, deliveryIds: [deliveryId] })).toEqual({ [deliveryId]: 'delivered' });
    expect(await attempts(deliveryId)).toEqual([
      [1, 'UNKNOWN'],
      [2, 'DELIVERED'],
    ]);
    expect(received(deliveryId)).toBe(1);
  });

  it('shows an answer that came just after the sweep wrote its attempt off, and attempts nothing more', async () => {
    const deliveryId = await lostAttempt();
    expect(await recovery.expireLeases()).toBe(1);

    const [delivery] = await store.load(tenantId, [deliveryId]);
    const answered = await store.conclude(delivery, 1, 'WEBHOOK', clock.now(), attemptRecordOf({ kind: 'delivered', statusCode: 200, detail: 'HTTP 200' }, 61_000, 'HTTP 200', []), { state: 'DELIVERED' });

    expect(answered).toBe(true);
    expect(await row(deliveryId)).toEqual({ state: 'DELIVERED', attempts: 1, last_outcome: 'DELIVERED' });
    expect(await attempts(deliveryId)).toEqual([[1, 'DELIVERED']]);
    expect(await processor.process({ tenantId, deliveryIds: [deliveryId] })).toEqual({ [deliveryId]: 'skipped' });
    expect(received(deliveryId)).toBe(0);
  });

  it('lets an answer to a written-off attempt change nothing once a later attempt has begun', async () => {
    const deliveryId = await lostAttempt();
    expect(await recovery.expireLeases()).toBe(1);
    const [delivery] = await store.load(tenantId, [deliveryId]);
    expect(await store.claimWebhook(delivery, clock.now(), clock.now(), new Date(clock.now().getTime() + LEASE_MS))).toBe(2);

    expect(await store.conclude(delivery, 1, 'WEBHOOK', clock.now(), attemptRecordOf({ kind: 'delivered', statusCode: 200, detail: 'HTTP 200' }, 61_000, 'HTTP 200', []), { state: 'DELIVERED' })).toBe(false);
    expect(await row(deliveryId)).toEqual({ state: 'SENDING', attempts: 2, last_outcome: 'UNKNOWN' });
  });

  it('leaves a delivery being sent alone when a job still holding its earlier load would suppress it', async () => {
    const deliveryId = await owed();
    const [loaded] = await store.load(tenantId, [deliveryId]);
    expect(await store.claimWebhook(loaded, clock.now(), clock.now(), new Date(clock.now().getTime() + LEASE_MS))).toBe(1);

    await store.suppress(loaded, { reason: 'NO_LONGER_RELEVANT', detail: 'the endpoint was removed or unsubscribed from this type' }, clock.now());
    expect(await row(deliveryId)).toEqual({ state: 'SENDING', attempts: 1, last_outcome: null });
  });

  it('dates the delivery’s latest attempt as the attempt itself: when it was sent, not when it was claimed', async () => {
    const deliveryId = await owed();
    // Time moves on between each reading, as it does between the claim and the send.
    const moving: Clock = {
      now: () => {
        clock.advance(7);
        return clock.now();
      },
    };
    expect(await processorOn(moving).process({ tenantId, deliveryIds: [deliveryId] })).toEqual({ [deliveryId]: 'delivered' });

    const { rows } = await storage.database.query<{ last_attempt_at: Date; at: Date }>(
      'SELECT d.last_attempt_at, a.at FROM nudges.deliveries d JOIN nudges.delivery_attempts a USING (delivery_id) WHERE d.delivery_id = $1',
      [deliveryId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].last_attempt_at.toISOString()).toBe(rows[0].at.toISOString());
  });
});
