import type { Decider } from './decider';

/** The `type` names of an event union (`{ type, data }` members). */
export type EventTypeOf<Event> = Event extends { readonly type: infer Type extends string } ? Type : never;

/**
 * Each event type's current schema version, keyed by the union's `type`: the compiler refuses a
 * map that misses a type or names one that is not in the union. Raise a version when the shape of
 * its data changes, together with an upcaster from the old one (the event store's README says how).
 */
export type EventSchemaVersions<Event> = { readonly [Type in EventTypeOf<Event>]: number };

/** A decider whose events are stored: it says which schema version each of its events is written at. */
export interface EventSourcedDecider<Command, Event, State> extends Decider<Command, Event, State> {
  readonly eventSchemaVersions: EventSchemaVersions<Event>;
}

/** The event types a version map names, in its order. */
export const eventTypesOf = <Event>(versions: EventSchemaVersions<Event>): readonly EventTypeOf<Event>[] =>
  Object.keys(versions) as EventTypeOf<Event>[];

/** True when a type name belongs to the map's union (own keys only: `toString` is not an event). */
export const isEventTypeOf = <Event>(versions: EventSchemaVersions<Event>, type: string): type is EventTypeOf<Event> =>
  Object.prototype.hasOwnProperty.call(versions, type);

/** The version an event of the union is written at. */
export const schemaVersionOf = <Event extends { readonly type: string }>(versions: EventSchemaVersions<Event>, event: Event): number =>
  (versions as Readonly<Record<string, number>>)[event.type];
