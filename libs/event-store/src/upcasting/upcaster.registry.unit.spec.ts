import type { RecordedEvent } from '../event-store.port';
import { UpcasterRegistry } from './upcaster.registry';

const stored = (type: string, schemaVersion: number, data: Record<string, unknown>): RecordedEvent => ({
  id: '00000000-0000-4000-8000-000000000001',
  type,
  schemaVersion,
  data,
  metadata: { tenantId: 't', recordedAt: '2026-01-01T00:00:00.000Z' },
  tenantId: 't',
  streamId: 's',
  streamVersion: 1,
  globalPosition: 1,
  txId: 1,
  recordedAt: new Date('2026-01-01T00:00:00.000Z'),
});

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry([
    { type: 'StepPlanned', fromVersion: 1, upcast: (data) => ({ ...data, ownerId: data['owner'], owner: undefined }) },
    { type: 'StepPlanned', fromVersion: 2, upcast: (data) => ({ title: data['title'], ownerId: data['ownerId'], dueOn: null }) },
  ]);

  it('chains v1 -> v2 -> v3 and reports the version it produced', () => {
    const event = registry.upcast(stored('StepPlanned', 1, { title: 'Call Ana', owner: 'm-1' }));
    expect(event.schemaVersion).toBe(3);
    expect(event.data).toEqual({ title: 'Call Ana', ownerId: 'm-1', dueOn: null });
  });

  it('starts the chain at the stored version', () => {
    const event = registry.upcast(stored('StepPlanned', 2, { title: 'Call Ana', ownerId: 'm-2' }));
    expect(event).toMatchObject({ schemaVersion: 3, data: { title: 'Call Ana', ownerId: 'm-2', dueOn: null } });
  });

  it('leaves current shapes and other types alone', () => {
    const current = stored('StepPlanned', 3, { title: 'x', ownerId: 'm', dueOn: null });
    const other = stored('StepTaken', 1, { stepId: 's-1' });
    expect(registry.upcast(current)).toBe(current);
    expect(registry.upcast(other)).toBe(other);
  });

  it('names the event and the version it could not bring on when an upcaster throws or answers no object', () => {
    const failing = new UpcasterRegistry([
      { type: 'StepPlanned', fromVersion: 1, upcast: (data) => ({ ...data, ownerId: 'm-1' }) },
      { type: 'StepPlanned', fromVersion: 2, upcast: (data) => ({ owner: (data['owner'] as { id: string }).id }) },
      { type: 'StepTaken', fromVersion: 1, upcast: () => undefined as never },
    ]);
    const planned = stored('StepPlanned', 1, { title: 'Call Ana' });
    let thrown: unknown;
    try {
      failing.upcast(planned);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: 'EVENT_NOT_DECODABLE',
      details: { eventId: planned.id, eventType: 'StepPlanned', schemaVersion: 2, streamId: 's' },
      cause: expect.any(TypeError),
    });
    expect(() => failing.upcast(stored('StepTaken', 1, { stepId: 's-1' }))).toThrow(
      expect.objectContaining({ code: 'EVENT_NOT_DECODABLE', details: expect.objectContaining({ eventType: 'StepTaken', schemaVersion: 1 }) }),
    );
  });

  it('refuses two upcasters for the same type and version', () => {
    expect(() => registry.register({ type: 'StepPlanned', fromVersion: 1, upcast: (data) => data })).toThrow(
      expect.objectContaining({ code: 'UPCASTER_DUPLICATE' }),
    );
  });
});
