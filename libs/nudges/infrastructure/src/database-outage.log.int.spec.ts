/**
 * The webhook fan-out and the delivery processor while their database lets no session in, as logged:
 * one warning with the reason and no stack however often they retry or however many deliveries the
 * outage cuts short, one line when it is reached again, and no error lines for the outage.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { SqlDatabase } from '@stepwise/database';
import { FixedClock, runInTenant, systemClock } from '@stepwise/kernel';
import { createLogger, openStorage, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { beginOutage as outageOf, createScratchDatabase, everyNudgeRelevant, StaticMemberReachability, StaticWebhookEndpoints, TEST_WEBHOOK_SECRET, type ScratchDatabase, waitUntil } from '@stepwise/test-support';
import type { WebhookChannelSender } from './delivery/delivery.ports';
import { DeliveryStore } from './delivery/delivery.store';
import { NudgeDeliveryProcessor } from './delivery/nudge-delivery.processor';
import { DeliveryRecovery } from './relay/delivery-recovery';
import { insertDeliveries } from './relay/new-deliveries';
import { noWebhookEndpoints } from './delivery/webhook-endpoint.adapters';
import { WebhookFanOut, WEBHOOK_EVENT_TYPES } from './relay/webhook-fan-out';
import type { DeliveryEnqueuer } from './relay/delivery-enqueuer';
import { OutboxIntake } from './relay/outbox-intake';
import { OutboxRelay, type RelayQueue } from './relay/outbox-relay';

/** What a logger wrote, line by line. */
const capturedLogger = () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    'worker',
    'info',
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  return { lines, logger };
};

/** The database as the fan-out uses it, counting the calls it refused: how often it tried. */
const countingRefusals = (database: SqlDatabase): { database: SqlDatabase; refused: () => number } => {
  let refused = 0;
  const counted = new Proxy(database, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const answer: unknown = value.apply(target, args);
        if (answer instanceof Promise) answer.catch(() => (refused += 1));
        return answer;
      };
    },
  });
  return { database: counted, refused: () => refused };
};

/** The lines an outage gave: every warning and error, and the info lines about the database. */
const outageLines = (lines: readonly Record<string, unknown>[]) => lines.filter((line) => line.level !== 'info' || String(line.msg).startsWith('database'));

describe('nudge delivery through a database outage', () => {
  let scratch: ScratchDatabase;
  let storage: Storage;
  let ending: (() => Promise<void>) | undefined;

  const beginOutage = async (): Promise<void> => {
    ending = await outageOf(scratch.name);
  };
  const endOutage = async (): Promise<void> => {
    await ending?.();
    ending = undefined;
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase('nudge_outage');
    storage = await openStorage({ kind: 'postgres', url: scratch.url, poolSize: 4 }, stepwiseSchema);
  });

  afterAll(async () => {
    await endOutage();
    await storage?.close();
    await scratch?.drop();
  });

  it('the webhook fan-out warns once with the reason, says once when the database is back, and logs no error for it', async () => {
    const { lines, logger } = capturedLogger();
    const observed = countingRefusals(storage.database);
    const fanOut = new WebhookFanOut(observed.database, storage.eventStore, noWebhookEndpoints, systemClock, { batchSize: 100, pollIntervalMs: 50, maxAttempts: 3, retryMaxMs: 100 }, logger);
    const tenant = randomUUID();
    const append = () =>
      runInTenant({ tenantId: tenant, correlationId: 'c' }, () => storage.eventStore.append(tenant, `organisation-${randomUUID()}`, [{ id: randomUUID(), type: WEBHOOK_EVENT_TYPES[0], data: {} }]));
    try {
      await fanOut.start();
      await append();
      await fanOut.caughtUp();

      await beginOutage();
      await waitUntil(() => lines.some((line) => line.level === 'warn'), 'the outage warned', 20_000);
      const refusedBefore = observed.refused();
      await waitUntil(() => observed.refused() >= refusedBefore + 5, 'several retries refused', 20_000);
      await endOutage();
      await waitUntil(() => lines.some((line) => String(line.msg).startsWith('database reached again')), 'the database reached again', 20_000);
      await append();
      await fanOut.caughtUp();

      const said = outageLines(lines);
      expect(said).toEqual([
        expect.objectContaining({ level: 'warn', code: 'DATABASE_UNAVAILABLE', processor: 'webhook-fan-out', reason: expect.any(String) }),
        expect.objectContaining({ level: 'info', processor: 'webhook-fan-out', msg: expect.stringMatching(/^database reached again/) }),
      ]);
      expect(said[0]).not.toHaveProperty('err');
    } finally {
      await fanOut.stop();
    }
  });

  it('the delivery processor warns once for the deliveries an outage cuts short, says once when the database is back, and logs no error for them', async () => {
    const { lines, logger } = capturedLogger();
    const tenantId = randomUUID();
    const endpoints = new StaticWebhookEndpoints();
    const endpointIds = [1, 2, 3].map((n) => `endpoint-${n}-${randomUUID().slice(0, 8)}`);
    for (const endpointId of endpointIds) endpoints.add({ tenantId, endpointId, url: `http://127.0.0.1:9/${endpointId}`, secrets: [TEST_WEBHOOK_SECRET], types: ['nudge'] });
    // Every send of the first job starts, then the database goes, then they all answer delivered: no outcome can be recorded.
    let started = 0;
    let cut: Promise<void> | undefined;
    const sender: WebhookChannelSender = {
      channel: 'WEBHOOK',
      send: async () => {
        started += 1;
        if (started <= endpointIds.length) {
          await waitUntil(() => started >= endpointIds.length, 'every send started', 20_000);
          cut ??= beginOutage();
          await cut;
        }
        return { kind: 'delivered', statusCode: 200, detail: null };
      },
    };
    const clock = new FixedClock(new Date());
    const processor = new NudgeDeliveryProcessor({
      store: new DeliveryStore(storage.database),
      clock,
      reachability: new StaticMemberReachability(),
      relevance: everyNudgeRelevant,
      endpoints,
      disabler: endpoints,
      webhookSender: sender,
      memberSenders: {},
      random: () => 0.5,
      settings: { leaseMs: 60_000, dueToleranceMs: 1_000, retry: { baseDelayMs: 50, maxDelayMs: 200, maxRetryAfterMs: 1_000 } },
      logger,
    });
    const owe = async (ids: readonly string[]): Promise<string[]> => {
      const deliveryIds = ids.map(() => randomUUID());
      await storage.database.transaction((tx) =>
        insertDeliveries(
          tx,
          ids.map((endpointId, index) => ({
            deliveryId: deliveryIds[index],
            tenantId,
            kind: 'WEBHOOK' as const,
            nudgeId: null,
            memberId: null,
            endpointId,
            eventType: 'nudge',
            payload: JSON.stringify({ type: 'nudge' }),
            dueAt: clock.now(),
          })),
          3,
          clock.now(),
        ),
      );
      return deliveryIds;
    };

    const cutShort = await owe(endpointIds);
    await expect(processor.process({ tenantId, deliveryIds: cutShort })).rejects.toThrow();
    // While the database is out, a job cannot even load its deliveries.
    await expect(processor.process({ tenantId, deliveryIds: cutShort })).rejects.toThrow();
    await endOutage();
    const after = await owe([endpointIds[0]]);
    expect(await processor.process({ tenantId, deliveryIds: after })).toEqual({ [after[0]]: 'delivered' });

    const said = outageLines(lines);
    expect(said).toEqual([
      expect.objectContaining({ level: 'warn', code: 'DATABASE_UNAVAILABLE', processor: 'nudge-delivery', reason: expect.any(String) }),
      expect.objectContaining({ level: 'info', processor: 'nudge-delivery', msg: expect.stringMatching(/^database reached again/) }),
    ]);
    expect(said[0]).not.toHaveProperty('err');
  });

  it('a webhook whose last allowed attempt went out but whose outcome the outage kept unrecorded gets one more attempt, saying what is known', async () => {
    const { logger } = capturedLogger();
    const tenantId = randomUUID();
    const endpointId = `endpoint-${randomUUID().slice(0, 8)}`;
    const endpoints = new StaticWebhookEndpoints([{ tenantId, endpointId, url: `http://127.0.0.1:9/${endpointId}`, secrets: [TEST_WEBHOOK_SECRET], types: ['nudge'] }]);
    const sent: number[] = [];
    const sender: WebhookChannelSender = {
      channel: 'WEBHOOK',
      send: async (_payload, _target, attempt) => {
        sent.push(attempt.attemptNumber);
        // The first send arrives, then the database goes before its outcome is recorded.
        if (sent.length === 1) await beginOutage();
        return { kind: 'delivered', statusCode: 200, detail: null };
      },
    };
    const clock = new FixedClock(new Date());
    const leaseMs = 60_000;
    const processor = new NudgeDeliveryProcessor({
      store: new DeliveryStore(storage.database),
      clock,
      reachability: new StaticMemberReachability(),
      relevance: everyNudgeRelevant,
      endpoints,
      disabler: endpoints,
      webhookSender: sender,
      memberSenders: {},
      random: () => 0.5,
      settings: { leaseMs, dueToleranceMs: 1_000, retry: { baseDelayMs: 50, maxDelayMs: 200, maxRetryAfterMs: 1_000 } },
      logger,
    });
    const deliveryId = randomUUID();
    await storage.database.transaction((tx) =>
      insertDeliveries(
        tx,
        [{ deliveryId, tenantId, kind: 'WEBHOOK', nudgeId: null, memberId: null, endpointId, eventType: 'nudge', payload: JSON.stringify({ type: 'nudge' }), dueAt: clock.now() }],
        1,
        clock.now(),
      ),
    );
    const state = async () =>
      (await storage.database.query<{ state: string; last_detail: string }>('SELECT state, last_detail FROM nudges.deliveries WHERE delivery_id = $1', [deliveryId])).rows[0];

    await expect(processor.process({ tenantId, deliveryIds: [deliveryId] })).rejects.toThrow();
    await endOutage();
    clock.advance(leaseMs + 1);
    await new DeliveryRecovery(storage.database, clock).expireLeases();
    expect(await state()).toEqual({ state: 'RETRYING', last_detail: expect.stringMatching(/^outcome not recorded: the process or its database stopped/) });

    expect(await processor.process({ tenantId, deliveryIds: [deliveryId] })).toEqual({ [deliveryId]: 'delivered' });
    expect(sent).toEqual([1, 2]);
    expect((await state()).state).toBe('DELIVERED');
  });

  it('a webhook whose last two attempts were both lost is dead: a delivery that keeps stopping its process ends', async () => {
    const tenantId = randomUUID();
    const deliveryId = randomUUID();
    const clock = new FixedClock(new Date());
    await storage.database.transaction((tx) =>
      insertDeliveries(
        tx,
        [{ deliveryId, tenantId, kind: 'WEBHOOK', nudgeId: null, memberId: null, endpointId: 'gone', eventType: 'nudge', payload: JSON.stringify({ type: 'nudge' }), dueAt: clock.now() }],
        1,
        clock.now(),
      ),
    );
    const recovery = new DeliveryRecovery(storage.database, clock);
    const loseAnAttempt = async (): Promise<string> => {
      await storage.database.query(`UPDATE nudges.deliveries SET state = 'SENDING', attempts = attempts + 1, lease_until = $2 WHERE delivery_id = $1`, [deliveryId, clock.now()]);
      clock.advance(1);
      await recovery.expireLeases();
      return (await storage.database.query<{ state: string }>('SELECT state FROM nudges.deliveries WHERE delivery_id = $1', [deliveryId])).rows[0].state;
    };
    expect(await loseAnAttempt()).toBe('RETRYING');
    expect(await loseAnAttempt()).toBe('DEAD');
  });

  it('the nudge relay warns once with the reason, says once when it works again, and logs no error for the outage', async () => {
    const { lines, logger } = capturedLogger();
    // The real intake on the real database; queueing and recovery have nothing to do here.
    const intake = new OutboxIntake(storage.database, noWebhookEndpoints, systemClock, { batchSize: 100, maxAttempts: 3 });
    const enqueuer = { queueBatch: async () => 0 } as unknown as DeliveryEnqueuer;
    const recovery = { expireLeases: async () => 0, requeueStale: async () => 0, requeueAll: async () => 0 } as unknown as DeliveryRecovery;
    const queue: RelayQueue = { accepting: true, onDataLost: () => undefined, longestWaitMs: async () => 0 };
    const relay = new OutboxRelay(storage.database, intake, enqueuer, recovery, queue, { batchSize: 100, pollIntervalMs: 50, recoveryIntervalMs: 60_000, staleAfterMs: 120_000 }, logger);
    await relay.start();
    try {
      await beginOutage();
      await waitUntil(() => lines.some((line) => line.level === 'warn'), 'the outage warned', 20_000);
      await endOutage();
      await waitUntil(() => lines.some((line) => line.msg === 'nudge relay: working again'), 'the relay working again', 20_000);
      expect(lines.filter((line) => line.level !== 'info' || String(line.msg).startsWith('nudge relay'))).toEqual([
        expect.objectContaining({ level: 'warn', code: 'DATABASE_UNAVAILABLE', reason: expect.any(String), msg: expect.stringMatching(/^database out of reach; the nudge relay/) }),
        expect.objectContaining({ level: 'info', msg: 'nudge relay: working again' }),
      ]);
    } finally {
      await relay.stop();
    }
  });
});
