/**
 * defineProjection: the handler map is checked against the union at compile time (the
 * `@ts-expect-error` lines below fail `npm run typecheck` the day they stop being errors), and
 * recorded events reach handlers decoded, at today's schema version, or not at all.
 */
import type { SqlExecutor } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';
import type { EventSchemaVersions } from '@stepwise/kernel';
import { defineProjection, SKIP } from './projection';

type DoorEvent =
  | { readonly type: 'DoorOpened'; readonly data: { readonly doorId: string } }
  | { readonly type: 'DoorClosed'; readonly data: { readonly doorId: string; readonly by: string } }
  | { readonly type: 'DoorPainted'; readonly data: { readonly doorId: string; readonly colour: string } };

const doorEventSchemaVersions: EventSchemaVersions<DoorEvent> = { DoorOpened: 1, DoorClosed: 2, DoorPainted: 1 };

const recorded = (type: string, schemaVersion: number, data: Record<string, unknown>): RecordedEvent => ({
  id: `event-${type}`,
  type,
  schemaVersion,
  data,
  metadata: { tenantId: 't', recordedAt: '2026-01-01T00:00:00.000Z' },
  tenantId: 't',
  streamId: 'door-1',
  streamVersion: 1,
  globalPosition: 1,
  txId: 1,
  recordedAt: new Date('2026-01-01T00:00:00.000Z'),
});

// Handlers write nothing here: the executor only has to exist.
const tx = {} as SqlExecutor;

describe('defineProjection', () => {
  it('does not compile when an event of the union has neither a handler nor SKIP', () => {
    const incomplete = defineProjection<DoorEvent>({
      name: 'doors',
      tables: [],
      events: doorEventSchemaVersions,
      // @ts-expect-error DoorPainted is missing: a new event must be handled or skipped on purpose.
      handlers: { DoorOpened: async () => undefined, DoorClosed: SKIP },
    });
    expect(incomplete.eventTypes).toEqual(['DoorOpened']);
  });

  it('does not compile when a handler reads data its event does not carry, or names a type outside the union', () => {
    defineProjection<DoorEvent>({
      name: 'doors',
      tables: [],
      events: doorEventSchemaVersions,
      handlers: {
        // @ts-expect-error DoorOpened carries no `by`: each handler sees its own event's data.
        DoorOpened: async (_tx, event) => void event.data.by,
        DoorClosed: SKIP,
        DoorPainted: SKIP,
        // @ts-expect-error DoorLocked is not a door event.
        DoorLocked: SKIP,
      },
    });
    expect(true).toBe(true);
  });

  it('subscribes to the handled types only, and hands each handler its decoded event', async () => {
    const seen: string[] = [];
    const doors = defineProjection<DoorEvent>({
      name: 'doors',
      tables: ['doors'],
      events: doorEventSchemaVersions,
      handlers: {
        DoorOpened: async (_tx, event, at) => void seen.push(`${event.type} ${event.data.doorId} in ${at.tenantId}`),
        DoorClosed: async (_tx, event) => void seen.push(`${event.type} ${event.data.doorId} by ${event.data.by}`),
        DoorPainted: SKIP,
      },
    });
    expect(doors.eventTypes).toEqual(['DoorOpened', 'DoorClosed']);
    await doors.apply(tx, recorded('DoorOpened', 1, { doorId: 'd1' }));
    await doors.apply(tx, recorded('DoorClosed', 2, { doorId: 'd1', by: 'ada' }));
    await doors.apply(tx, recorded('DoorPainted', 1, { doorId: 'd1', colour: 'red' }));
    expect(seen).toEqual(['DoorOpened d1 in t', 'DoorClosed d1 by ada']);
  });

  it('refuses an event stored at a version no upcaster brought to today, or of a type outside the union', async () => {
    const doors = defineProjection<DoorEvent>({
      name: 'doors',
      tables: [],
      events: doorEventSchemaVersions,
      handlers: { DoorOpened: SKIP, DoorClosed: async () => undefined, DoorPainted: SKIP },
    });
    await expect(doors.apply(tx, recorded('DoorClosed', 1, { doorId: 'd1' }))).rejects.toMatchObject({
      code: 'EVENT_NOT_DECODABLE',
      details: { eventId: 'event-DoorClosed', eventType: 'DoorClosed', schemaVersion: 1 },
    });
    await expect(doors.apply(tx, recorded('WindowOpened', 1, {}))).rejects.toMatchObject({ code: 'EVENT_NOT_DECODABLE' });
  });
});
