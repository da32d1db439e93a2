/**
 * The one contract every EventStore adapter passes (STYLE.md). Each test makes its own tenant, so
 * adapters sharing a database with other suites still prove isolation by themselves. Reading the
 * global log is eventually consistent (a concurrent transaction can hold the readable horizon back),
 * so global-log assertions read until the log has passed the position of the appends they check.
 */
import type { AppendResult, EventStore, LogCheckpoint, ReadAllOptions, RecordedEvent } from '../event-store.port';
import { compareCheckpoints } from '../log-checkpoint';
import { describeBadInputContract } from './event-store.bad-input.contract';
import { event, events, newTenant } from './contract-events';

export interface EventStoreContractFixture {
  open(): Promise<EventStore>;
  /** Releases what `open` made beyond the store (databases, directories). */
  dispose?(): Promise<void>;
}


/** Reads the global log from `options.after` until it has passed `through`, returning every event seen. */
export const readAllThrough = async (
  store: EventStore,
  options: ReadAllOptions,
  through: LogCheckpoint,
  timeoutMs = 10_000,
): Promise<{ events: RecordedEvent[]; checkpoint: LogCheckpoint; pages: number }> => {
  const seen: RecordedEvent[] = [];
  let checkpoint = options.after ?? { txId: 0, globalPosition: 0 };
  let pages = 0;
  const deadline = Date.now() + timeoutMs;
  while (compareCheckpoints(checkpoint, through) < 0) {
    if (Date.now() > deadline) throw new Error(`readAll did not pass ${JSON.stringify(through)} (at ${JSON.stringify(checkpoint)})`);
    const page = await store.readAll({ ...options, after: checkpoint });
    pages += 1;
    seen.push(...page.events);
    if (compareCheckpoints(page.checkpoint, checkpoint) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    checkpoint = page.checkpoint;
  }
  return { events: seen, checkpoint, pages };
};

/** What a replay of an append answers: the original result, saying it found the events stored. */
const replayOf = (original: AppendResult): AppendResult => ({ ...original, replayed: true });

const waitFor = async (condition: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

export const describeEventStoreContract = (name: string, fixture: EventStoreContractFixture): void => {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;

    beforeAll(async () => {
      store = await fixture.open();
    });

    afterAll(async () => {
      await store?.close();
      await fixture.dispose?.();
    });

    const expectNothingStored = async (tenantId: string, streamId: string) => {
      expect(await store.streamVersion(tenantId, streamId)).toBe(0);
      expect(await store.readStream(tenantId, streamId)).toEqual([]);
    };

    describe('expected version', () => {
      it('no-stream creates a stream once, then rejects with the actual version', async () => {
        const tenant = newTenant();
        const first = await store.append(tenant, 'journey-1', events(2), { expected: 'no-stream' });
        expect(first.nextExpectedVersion).toBe(2);
        await expect(store.append(tenant, 'journey-1', events(1), { expected: 'no-stream' })).rejects.toMatchObject({
          code: 'WRONG_EXPECTED_VERSION',
          expected: 'no-stream',
          actual: 2,
        });
        expect(await store.streamVersion(tenant, 'journey-1')).toBe(2);
      });

      it('an exact version must match the head; 0 means the stream must not exist', async () => {
        const tenant = newTenant();
        await expect(store.append(tenant, 's', events(1), { expected: 3 })).rejects.toMatchObject({
          code: 'WRONG_EXPECTED_VERSION',
          expected: 3,
          actual: 0,
        });
        expect((await store.append(tenant, 's', events(1), { expected: 0 })).nextExpectedVersion).toBe(1);
        await expect(store.append(tenant, 's', events(1), { expected: 0 })).rejects.toMatchObject({ actual: 1 });
        expect((await store.append(tenant, 's', events(2), { expected: 1 })).nextExpectedVersion).toBe(3);
        await expect(store.append(tenant, 's', events(1), { expected: 1 })).rejects.toMatchObject({
          code: 'WRONG_EXPECTED_VERSION',
          expected: 1,
          actual: 3,
        });
        expect(await store.streamVersion(tenant, 's')).toBe(3);
      });

      it('stream-exists needs an existing stream; any appends regardless', async () => {
        const tenant = newTenant();
        await expect(store.append(tenant, 's', events(1), { expected: 'stream-exists' })).rejects.toMatchObject({
          code: 'WRONG_EXPECTED_VERSION',
          actual: 0,
        });
        await expectNothingStored(tenant, 's');
        expect((await store.append(tenant, 's', events(1))).nextExpectedVersion).toBe(1);
        expect((await store.append(tenant, 's', events(1), { expected: 'stream-exists' })).nextExpectedVersion).toBe(2);
        expect((await store.append(tenant, 's', events(1), { expected: 'any' })).nextExpectedVersion).toBe(3);
      });

      it('of two writers expecting the same version, exactly one wins', async () => {
        const tenant = newTenant();
        await store.append(tenant, 's', events(1));
        const results = await Promise.allSettled([1, 2, 3, 4].map(() => store.append(tenant, 's', events(1), { expected: 1 })));
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        for (const result of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
          expect(result.reason).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', actual: 2 });
        }
        expect((await store.readStream(tenant, 's')).map((e) => e.streamVersion)).toEqual([1, 2]);
      });
    });

    describe('atomicity and idempotency', () => {
      it('writes all events of an append or none of them', async () => {
        const tenant = newTenant();
        const taken = event();
        await store.append(tenant, 'other', [taken]);
        // The third event's id is stored elsewhere, so the engine itself refuses the batch.
        const batch = [event(), event(), { ...event(), id: taken.id }, event()];
        await expect(store.append(tenant, 's', batch)).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
        await expectNothingStored(tenant, 's');
      });

      it('a retried append returns the original result and writes nothing, even with a stale expectation', async () => {
        const tenant = newTenant();
        const batch = events(2);
        const original = await store.append(tenant, 's', batch, { expected: 'no-stream' });
        expect(original.replayed).toBe(false);
        await store.append(tenant, 's', events(1), { expected: 2 });
        expect(await store.append(tenant, 's', batch, { expected: 'no-stream' })).toEqual(replayOf(original));
        expect(await store.append(tenant, 's', batch, { expected: 0 })).toEqual(replayOf(original));
        expect(await store.append(tenant, 's', batch)).toEqual(replayOf(original));
        const stored = await store.readStream(tenant, 's');
        expect(stored.map((e) => e.id)).toEqual([...batch.map((e) => e.id), stored[2].id]);
      });

      it('a retried append whose expectation still holds returns the original result and moves nothing', async () => {
        const tenant = newTenant();
        const batch = events(2);
        const original = await store.append(tenant, 's', batch, { expected: 'no-stream' });
        // The stream is at 2, so `expected: 2` and `stream-exists` would let a new append through.
        expect(await store.append(tenant, 's', batch, { expected: 2 })).toEqual(replayOf(original));
        expect(await store.append(tenant, 's', batch, { expected: 'stream-exists' })).toEqual(replayOf(original));
        expect(await store.streamVersion(tenant, 's')).toBe(2);
        expect(await store.append(tenant, 's', events(1), { expected: 2 })).toMatchObject({ nextExpectedVersion: 3 });
      });

      it('concurrent identical appends store the events once and agree on the result', async () => {
        const tenant = newTenant();
        await store.append(tenant, 's', events(1));
        const batch = events(3);
        const results = await Promise.all([1, 2, 3, 4].map(() => store.append(tenant, 's', batch, { expected: 1 })));
        // Exactly one of them wrote; the others say they found its events.
        expect(results.filter((result) => !result.replayed)).toHaveLength(1);
        const written = results.find((result) => !result.replayed);
        results.forEach((result) => expect(result).toEqual({ ...written, replayed: result !== written }));
        expect(await store.streamVersion(tenant, 's')).toBe(4);
      });

      it('refuses ids stored by a different append: partly overlapping, another stream, another tenant', async () => {
        const tenant = newTenant();
        const batch = events(2);
        await store.append(tenant, 's', batch);
        await expect(store.append(tenant, 's', [batch[0], event()])).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
        await expect(store.append(tenant, 's', [batch[1], batch[0]])).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
        await expect(store.append(tenant, 'elsewhere', batch)).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
        const stranger = newTenant();
        await expect(store.append(stranger, 's', batch)).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
        expect(await store.streamVersion(tenant, 's')).toBe(2);
        await expectNothingStored(tenant, 'elsewhere');
        await expectNothingStored(stranger, 's');
      });
    });

    describe('a replay is exactly an earlier append', () => {
      it('refuses part of an earlier append, parts of two, or more than one, and writes nothing', async () => {
        const tenant = newTenant();
        const [a, b, c] = events(3);
        const [d, e] = events(2);
        const first = await store.append(tenant, 's', [a, b, c]);
        const second = await store.append(tenant, 's', [d, e]);
        for (const overlap of [[a], [b], [c], [a, b], [b, c], [c, d], [a, b, c, d, e], [d]]) {
          await expect(store.append(tenant, 's', overlap)).rejects.toMatchObject({
            code: 'DUPLICATE_EVENT_ID',
            details: { eventIds: expect.arrayContaining(overlap.map((event) => event.id)) },
          });
        }
        expect(await store.append(tenant, 's', [a, b, c])).toEqual(replayOf(first));
        expect(await store.append(tenant, 's', [d, e], { expected: 'no-stream' })).toEqual(replayOf(second));
        expect((await store.readStream(tenant, 's')).map((event) => event.id)).toEqual([a, b, c, d, e].map((event) => event.id));
      });

      it('a single-event append replays, and a neighbouring append does not make it partial', async () => {
        const tenant = newTenant();
        const [a, b] = events(2);
        const first = await store.append(tenant, 's', [a]);
        const second = await store.append(tenant, 's', [b]);
        expect(await store.append(tenant, 's', [a])).toEqual(replayOf(first));
        expect(await store.append(tenant, 's', [b])).toEqual(replayOf(second));
        await expect(store.append(tenant, 's', [a, b])).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
        expect(await store.streamVersion(tenant, 's')).toBe(2);
      });
    });

    describe('reading a stream', () => {
      it('reads forward from a version and backward from the head or a version', async () => {
        const tenant = newTenant();
        await store.append(tenant, 's', events(5));
        const versions = (list: RecordedEvent[]) => list.map((e) => e.streamVersion);
        expect(versions(await store.readStream(tenant, 's'))).toEqual([1, 2, 3, 4, 5]);
        expect(versions(await store.readStream(tenant, 's', { fromVersion: 3 }))).toEqual([3, 4, 5]);
        expect(versions(await store.readStream(tenant, 's', { fromVersion: 2, maxCount: 2 }))).toEqual([2, 3]);
        expect(versions(await store.readStream(tenant, 's', { direction: 'backward' }))).toEqual([5, 4, 3, 2, 1]);
        expect(versions(await store.readStream(tenant, 's', { direction: 'backward', fromVersion: 3, maxCount: 2 }))).toEqual([3, 2]);
        expect(await store.readStream(tenant, 'missing')).toEqual([]);
      });

      it('stores data, type, schema version and metadata with the tenant and the time recorded', async () => {
        const tenant = newTenant();
        const sent = event('ReflectionRecorded', { closer: 'YES', comfort: 2, note: 'ünïcødé' }, {
          schemaVersion: 2,
          metadata: { actorId: 'm-1', correlationId: 'c-1', tenantId: 'forged', custom: [1, 2] },
        });
        const result = await store.append(tenant, 'j', [sent]);
        const [read] = await store.readStream(tenant, 'j');
        expect(read).toMatchObject({
          id: sent.id,
          type: 'ReflectionRecorded',
          schemaVersion: 2,
          data: sent.data,
          tenantId: tenant,
          streamId: 'j',
          streamVersion: 1,
          globalPosition: result.position.globalPosition,
          txId: result.position.txId,
          metadata: { actorId: 'm-1', correlationId: 'c-1', custom: [1, 2], tenantId: tenant },
        });
        expect(read.recordedAt).toBeInstanceOf(Date);
        expect(read.metadata.recordedAt).toBe(read.recordedAt.toISOString());
      });

      it("keeps the store's tenant and time in metadata whose own toJSON answers others, or none", async () => {
        const tenant = newTenant();
        const forged = { toJSON: () => ({ actorId: 'm-1', tenantId: 'forged', recordedAt: '2001-01-01T00:00:00.000Z' }) };
        const before = Date.now();
        await store.append(tenant, 'j', [event('StepPlanned', {}, { metadata: forged }), event('StepPlanned', {}, { metadata: { toJSON: () => ({}) } })]);
        const read = await store.readStream(tenant, 'j');
        expect(read.map((recorded) => recorded.metadata.tenantId)).toEqual([tenant, tenant]);
        expect(read[0].metadata.actorId).toBe('m-1');
        for (const recorded of read) {
          expect(recorded.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 60_000);
          expect(recorded.metadata.recordedAt).toBe(recorded.recordedAt.toISOString());
        }
      });
    });

    describe('reading several streams at once', () => {
      const versions = (tails: RecordedEvent[][]) => tails.map((tail) => tail.map((e) => `${e.streamId}${e.streamVersion}`));

      it('reads each stream from its own version, one list per request in the order asked', async () => {
        const tenant = newTenant();
        await store.append(tenant, 'a', events(3));
        await store.append(tenant, 'b', events(2));
        const tails = await store.readStreamTails(tenant, [
          { streamId: 'b', fromVersion: 2 },
          { streamId: 'missing' },
          { streamId: 'a' },
          { streamId: 'a', fromVersion: 4 },
          { streamId: 'a', fromVersion: 3 },
        ]);
        expect(versions(tails)).toEqual([['b2'], [], ['a1', 'a2', 'a3'], [], ['a3']]);
        // The same events a stream read returns, field for field.
        expect(tails[2]).toEqual(await store.readStream(tenant, 'a'));
        expect(await store.readStreamTails(tenant, [])).toEqual([]);
      });

      it('returns at most maxCount events per stream, to page on from', async () => {
        const tenant = newTenant();
        await store.append(tenant, 'a', events(5));
        await store.append(tenant, 'b', events(1));
        const tails = await store.readStreamTails(tenant, [{ streamId: 'a' }, { streamId: 'b' }, { streamId: 'a', fromVersion: 4 }], { maxCount: 2 });
        expect(versions(tails)).toEqual([['a1', 'a2'], ['b1'], ['a4', 'a5']]);
      });
    });

    describe('reading the global log', () => {
      it('pages through in log order with a checkpoint pair, each stream in its own order', async () => {
        const tenant = newTenant();
        const start = await store.logHead();
        await store.append(tenant, 'a', events(3));
        await store.append(tenant, 'b', events(2));
        const last = await store.append(tenant, 'a', events(2));
        const { events: seen, pages } = await readAllThrough(store, { after: start, tenantId: tenant, maxCount: 2 }, last.position);
        expect(pages).toBeGreaterThanOrEqual(4);
        expect(seen.map((e) => `${e.streamId}${e.streamVersion}`)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'a4', 'a5']);
        const order = seen.map((e) => ({ txId: e.txId, globalPosition: e.globalPosition }));
        expect([...order].sort(compareCheckpoints)).toEqual(order);
      });

      it('filters by event type and still moves the checkpoint past what it filtered out', async () => {
        const tenant = newTenant();
        const start = await store.logHead();
        await store.append(tenant, 's', [event('StepPlanned'), event('StepTaken'), event('PivotMade')]);
        const last = await store.append(tenant, 's', [event('StepPlanned'), event('ReflectionRecorded')]);
        const taken = await readAllThrough(store, { after: start, tenantId: tenant, eventTypes: ['StepTaken', 'PivotMade'] }, last.position);
        expect(taken.events.map((e) => e.type)).toEqual(['StepTaken', 'PivotMade']);
        const none = await readAllThrough(store, { after: start, tenantId: tenant, eventTypes: ['JourneyAbandoned'] }, last.position);
        expect(none.events).toEqual([]);
        expect(compareCheckpoints(none.checkpoint, last.position)).toBeGreaterThanOrEqual(0);
        const again = await store.readAll({ after: none.checkpoint, tenantId: tenant });
        expect(again.events).toEqual([]);
      });
    });

    describe('subscriptions', () => {
      it('catches up, then receives live appends in order, and stops cleanly', async () => {
        const tenant = newTenant();
        await store.append(tenant, 's', events(3));
        const received: RecordedEvent[] = [];
        const subscription = store.subscribe({
          tenantId: tenant,
          batchSize: 2,
          pollIntervalMs: 5_000,
          handler: async (batch) => {
            received.push(...batch);
          },
        });
        await subscription.caughtUp();
        expect(received.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
        await store.append(tenant, 's', events(2));
        await store.append(tenant, 't', events(1));
        // The poll interval is long: only the notification can deliver these in time.
        await waitFor(() => received.length === 6, 4_000);
        expect(received.map((e) => `${e.streamId}${e.streamVersion}`)).toEqual(['s1', 's2', 's3', 's4', 's5', 't1']);
        await subscription.stop();
        await store.append(tenant, 's', events(1));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(received).toHaveLength(6);
      });

      it('stops and reports when the handler throws', async () => {
        const tenant = newTenant();
        await store.append(tenant, 's', events(1));
        const errors: unknown[] = [];
        const subscription = store.subscribe({
          tenantId: tenant,
          handler: async () => {
            throw new Error('projection failed');
          },
          onError: (error) => errors.push(error),
        });
        await expect(subscription.caughtUp()).rejects.toThrow('projection failed');
        expect(errors).toHaveLength(1);
        await subscription.stop();
      });
    });

    describe('tenant isolation', () => {
      it('no read call returns another tenant\'s events, even for the same stream id', async () => {
        const mine = newTenant();
        const theirs = newTenant();
        const start = await store.logHead();
        await store.append(theirs, 'journey', events(3));
        const last = await store.append(mine, 'journey', events(1));
        expect(await store.streamVersion(mine, 'journey')).toBe(1);
        expect((await store.readStream(mine, 'journey')).map((e) => e.tenantId)).toEqual([mine]);
        expect((await store.readStream(mine, 'journey', { direction: 'backward' })).map((e) => e.tenantId)).toEqual([mine]);
        expect(await store.readStream(mine, 'journey', { fromVersion: 2 })).toEqual([]);
        const [tail, missing] = await store.readStreamTails(mine, [{ streamId: 'journey' }, { streamId: 'journey', fromVersion: 2 }]);
        expect(tail.map((e) => e.tenantId)).toEqual([mine]);
        expect(missing).toEqual([]);
        const log = await readAllThrough(store, { after: start, tenantId: mine }, last.position);
        expect(log.events.map((e) => e.tenantId)).toEqual([mine]);
        const received: RecordedEvent[] = [];
        const subscription = store.subscribe({ from: start, tenantId: mine, handler: async (batch) => void received.push(...batch) });
        await subscription.caughtUp();
        await subscription.stop();
        expect(received.map((e) => e.tenantId)).toEqual([mine]);
        expect(await store.streamVersion(theirs, 'journey')).toBe(3);
      });
    });

    describeBadInputContract(() => store, expectNothingStored);
  });
};
