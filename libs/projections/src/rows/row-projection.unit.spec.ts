/**
 * defineRowProjection is as typed as defineProjection: the handler map is checked against the
 * union, each handler sees its own event's data, and rows are checked against their table's shape
 * (the `@ts-expect-error` lines fail the type-check the day they stop being errors). Its events are
 * the handled types only.
 */
import type { EventSchemaVersions } from '@stepwise/kernel';
import { SKIP } from '../projection';
import { defineRowProjection } from './row-projection';
import type { TableShape } from './table-shape';

type DoorEvent =
  | { readonly type: 'DoorOpened'; readonly data: { readonly doorId: string } }
  | { readonly type: 'DoorPainted'; readonly data: { readonly doorId: string; readonly colour: string } };

const doorEventSchemaVersions: EventSchemaVersions<DoorEvent> = { DoorOpened: 1, DoorPainted: 1 };

type DoorRow = { readonly tenant_id: string; readonly door_id: string; readonly colour: string | null };

const doorsTable: TableShape<DoorRow, 'tenant_id' | 'door_id'> = {
  name: 'doors',
  key: ['tenant_id', 'door_id'],
  columns: { tenant_id: 'text', door_id: 'text', colour: 'text' },
};

const tables = { doors: doorsTable };

describe('defineRowProjection', () => {
  it('does not compile when an event of the union has neither a handler nor SKIP', () => {
    const incomplete = defineRowProjection<DoorEvent, typeof tables>({
      name: 'doors',
      tables,
      events: doorEventSchemaVersions,
      // @ts-expect-error DoorPainted is missing: a new event must be handled or skipped on purpose.
      handlers: { DoorOpened: ({ doors }, { data }, at) => doors.insert({ tenant_id: at.tenantId, door_id: data.doorId, colour: null }) },
    });
    expect(incomplete.eventTypes).toEqual(['DoorOpened']);
    expect(incomplete.tables).toEqual(['doors']);
  });

  it('does not compile when a handler reads data its event does not carry, or writes a row its table does not have', () => {
    const doors = defineRowProjection<DoorEvent, typeof tables>({
      name: 'doors',
      tables,
      events: doorEventSchemaVersions,
      handlers: {
        // @ts-expect-error DoorOpened carries no colour.
        DoorOpened: ({ doors: rows }, { data }, at) => rows.insert({ tenant_id: at.tenantId, door_id: data.doorId, colour: data.colour }),
        async DoorPainted({ doors: rows }, { data }, at) {
          // @ts-expect-error a door has no `shade` column.
          await rows.update({ tenant_id: at.tenantId, door_id: data.doorId }, { shade: data.colour });
          // @ts-expect-error a key names every key column.
          await rows.update({ tenant_id: at.tenantId }, { colour: data.colour });
        },
      },
    });
    expect(doors.eventTypes).toEqual(['DoorOpened', 'DoorPainted']);
  });

  it('subscribes to the handled types only', () => {
    const doors = defineRowProjection<DoorEvent, typeof tables>({
      name: 'doors',
      tables,
      events: doorEventSchemaVersions,
      handlers: { DoorOpened: SKIP, DoorPainted: async ({ doors: rows }, { data }, at) => rows.update({ tenant_id: at.tenantId, door_id: data.doorId }, { colour: data.colour }) },
    });
    expect(doors.eventTypes).toEqual(['DoorPainted']);
    expect(doors.rows?.shapes).toEqual({ doors: doorsTable });
  });
});
