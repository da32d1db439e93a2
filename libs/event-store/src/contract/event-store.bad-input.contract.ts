/**
 * The part of the EventStore contract about bad input: every refusal carries a code, names what was
 * wrong, and writes nothing. Run by `describeEventStoreContract` on every adapter.
 */
import type { EventStore, NewEvent } from '../event-store.port';
import { event, events, newTenant } from './contract-events';

export const describeBadInputContract = (
  storeOf: () => EventStore,
  expectNothingStored: (tenantId: string, streamId: string) => Promise<void>,
): void => {
  describe('bad input is refused with a code and nothing is written', () => {
    const big = 'x'.repeat(64 * 1024);
    const cases: Array<[string, string, (tenant: string) => Promise<unknown>]> = [
      ['an empty event list', 'VALIDATION_FAILED', (t) => storeOf().append(t, 's', [])],
      ['an empty stream id', 'VALIDATION_FAILED', (t) => storeOf().append(t, '', events(1))],
      ['a stream id over 200 characters', 'VALIDATION_FAILED', (t) => storeOf().append(t, 's'.repeat(201), events(1))],
      ['an event type that is not PascalCase', 'VALIDATION_FAILED', (t) => storeOf().append(t, 's', [event(), event('step planned')])],
      ['an id that is not a UUID', 'VALIDATION_FAILED', (t) => storeOf().append(t, 's', [event(), { ...event(), id: 'evt-1' }])],
      ['the same id twice in one append', 'VALIDATION_FAILED', (t) => { const e = event(); return storeOf().append(t, 's', [e, { ...e }]); }],
      ['a schema version of 0', 'VALIDATION_FAILED', (t) => storeOf().append(t, 's', [event('StepPlanned', {}, { schemaVersion: 0 })])],
      ['a fractional schema version', 'VALIDATION_FAILED', (t) => storeOf().append(t, 's', [event('StepPlanned', {}, { schemaVersion: 1.5 })])],
      ['a negative expected version', 'VALIDATION_FAILED', (t) => storeOf().append(t, 's', events(1), { expected: -1 })],
      ['a fractional expected version', 'VALIDATION_FAILED', (t) => storeOf().append(t, 's', events(1), { expected: 0.5 })],
      ['data that is not an object', 'VALIDATION_FAILED', (t) => storeOf().append(t, 's', [{ ...event(), data: [1] as never }])],
      ['an event over 64 KiB', 'EVENT_TOO_LARGE', (t) => storeOf().append(t, 's', [event(), event('StepPlanned', { big })])],
      ['more than 1000 events', 'EVENT_TOO_LARGE', (t) => storeOf().append(t, 's', events(1001))],
    ];
    it.each(cases)('%s', async (_label, code, attempt) => {
      const tenant = newTenant();
      await expect(attempt(tenant)).rejects.toMatchObject({ code });
      await expectNothingStored(tenant, 's');
    });

    it('refuses empty, over-long and unstorable tenant ids on every call', async () => {
      for (const tenant of ['', 't'.repeat(101), `${newTenant()}-\uD800`, `${newTenant()}-\uDC00`, `${newTenant()}\u0000`]) {
        await expect(storeOf().append(tenant, 's', events(1))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
        await expect(storeOf().readStream(tenant, 's')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
        await expect(storeOf().streamVersion(tenant, 's')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
        await expect(storeOf().readAll({ tenantId: tenant })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
        await expect(storeOf().readStreamTails(tenant, [{ streamId: 's' }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
        await expect(storeOf().readStreamTails(tenant, [])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      }
    });

    it('refuses a multi-stream read with a bad stream id, version or count, naming the field', async () => {
      const tenant = newTenant();
      const refusals: Array<[() => Promise<unknown>, string]> = [
        [() => storeOf().readStreamTails(tenant, [{ streamId: 's' }, { streamId: '' }]), 'streamId'],
        [() => storeOf().readStreamTails(tenant, [{ streamId: 's\u0000' }]), 'streamId'],
        [() => storeOf().readStreamTails(tenant, [{ streamId: 's' }, { streamId: 't', fromVersion: -1 }]), 'streams[1].fromVersion'],
        [() => storeOf().readStreamTails(tenant, [{ streamId: 's', fromVersion: 1.5 }]), 'streams[0].fromVersion'],
        [() => storeOf().readStreamTails(tenant, [{ streamId: 's' }], { maxCount: 0 }), 'maxCount'],
        [() => storeOf().readStreamTails(tenant, [{ streamId: 's' }], { maxCount: 10_001 }), 'maxCount'],
        [() => storeOf().readStreamTails(tenant, Array.from({ length: 101 }, (_, index) => ({ streamId: `s${index}` }))), 'streams'],
        [() => storeOf().readStreamTails(tenant, 's' as never), 'streams'],
      ];
      for (const [read, field] of refusals) {
        await expect(read()).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
      }
    });

    it('refuses a subscription with bad options when it is made, naming the field, and starts none', () => {
      const handler = async (): Promise<void> => undefined;
      const refusals: Array<[Record<string, unknown>, string]> = [
        [{}, 'handler'],
        [{ handler, batchSize: 0 }, 'batchSize'],
        [{ handler, batchSize: 1e9 }, 'batchSize'],
        [{ handler, pollIntervalMs: 0 }, 'pollIntervalMs'],
        [{ handler, pollIntervalMs: -5 }, 'pollIntervalMs'],
        [{ handler, lingerMs: -1 }, 'lingerMs'],
        [{ handler, paceMs: 1.5 }, 'paceMs'],
        [{ handler, from: { txId: -1, globalPosition: 0 } }, 'from'],
        [{ handler, tenantId: '' }, 'tenantId'],
        [{ handler, tenantId: `${newTenant()}\u0000` }, 'tenantId'],
        [{ handler, eventTypes: [] }, 'eventTypes'],
      ];
      for (const [options, field] of refusals) {
        expect(() => storeOf().subscribe(options as never)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: expect.objectContaining({ field }) }));
      }
    });

    it('a tenant or stream id with a lone surrogate cannot reach the stream its U+FFFD twin names', async () => {
      const tenant = newTenant();
      await storeOf().append(`${tenant}-\uFFFD`, 'journey-\uFFFD', events(2));
      const refused = { code: 'VALIDATION_FAILED' };
      await expect(storeOf().readStream(`${tenant}-\uD800`, 'journey-\uFFFD')).rejects.toMatchObject({ ...refused, details: { field: 'tenantId' } });
      await expect(storeOf().streamVersion(`${tenant}-\uDC00`, 'journey-\uFFFD')).rejects.toMatchObject({ ...refused, details: { field: 'tenantId' } });
      await expect(storeOf().readAll({ tenantId: `${tenant}-\uD800` })).rejects.toMatchObject({ ...refused, details: { field: 'tenantId' } });
      await expect(storeOf().readStream(`${tenant}-\uFFFD`, 'journey-\uD800')).rejects.toMatchObject({ ...refused, details: { field: 'streamId' } });
      await expect(storeOf().append(`${tenant}-\uFFFD`, 'journey-\uDC00', events(1))).rejects.toMatchObject({ ...refused, details: { field: 'streamId' } });
      expect(await storeOf().streamVersion(`${tenant}-\uFFFD`, 'journey-\uFFFD')).toBe(2);
    });

    describe('event data and metadata must serialise to a JSON object of storable text', () => {
      const circular: Record<string, unknown> = { title: 'loop' };
      circular.self = circular;
      const cases: Array<[string, Partial<NewEvent>, string]> = [
        ['a lone leading surrogate in data', { data: { title: 'Pilot \uD800' } }, 'events[1].data.title'],
        ['a lone trailing surrogate deep in data', { data: { steps: [{ note: '\uDC00' }] } }, 'events[1].data.steps[0].note'],
        ['a lone surrogate in a data key', { data: { nested: { ['k\uD800']: 1 } } }, 'events[1].data.nested'],
        ['a lone surrogate in metadata', { data: {}, metadata: { actorId: 'm-\uDBFF' } }, 'events[1].metadata.actorId'],
        ['a NUL in data', { data: { title: 'a\u0000b' } }, 'events[1].data.title'],
        ['a NUL in metadata', { data: {}, metadata: { correlationId: '\u0000' } }, 'events[1].metadata.correlationId'],
        ['a BigInt', { data: { count: BigInt(1) } }, 'events[1].data'],
        ['a cycle', { data: circular }, 'events[1].data'],
        ['a toJSON that throws', { data: { toJSON: () => { throw new Error('no'); } } }, 'events[1].data'],
        ['a Date (serialises to a string)', { data: new Date() as never }, 'events[1].data'],
        ['a toJSON returning null', { data: { toJSON: () => null } }, 'events[1].data'],
        ['a toJSON returning an array', { data: { toJSON: () => [1, 2] } }, 'events[1].data'],
        ['a toJSON returning undefined', { data: { toJSON: () => undefined } }, 'events[1].data'],
        ['metadata whose toJSON returns null', { data: {}, metadata: { toJSON: () => null } }, 'events[1].metadata'],
      ];
      it.each(cases)('%s', async (_label, extra, field) => {
        const tenant = newTenant();
        await expect(storeOf().append(tenant, 's', [event(), { ...event(), ...extra }])).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
          details: expect.objectContaining({ index: 1, field }),
        });
        await expectNothingStored(tenant, 's');
      });

      it('an event type with a lone surrogate', async () => {
        const tenant = newTenant();
        await expect(storeOf().append(tenant, 's', [event('StepPlanned\uD800')])).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
          details: { index: 0, field: 'events[0].type' },
        });
        await expectNothingStored(tenant, 's');
      });

      it('stores text that only looks like an escape, surrogate pairs and nested objects as sent', async () => {
        const tenant = newTenant();
        const data = { title: 'literal \\u0000 and \\uD800, a \\ backslash', emoji: 'go \u{1F680}', deep: { list: ['\u{10FFFF}'] } };
        const metadata = { note: '\\u0000' };
        await storeOf().append(tenant, 's', [event('StepPlanned', data, { metadata })]);
        const [read] = await storeOf().readStream(tenant, 's');
        expect(read.data).toEqual(data);
        expect(read.metadata.note).toBe('\\u0000');
      });
    });
  });
};
