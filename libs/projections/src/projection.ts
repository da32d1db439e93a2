import type { SqlExecutor } from '@stepwise/database';
import { decodeEvent, type RecordedEvent } from '@stepwise/event-store';
import { eventTypesOf, type EventSchemaVersions, type EventTypeOf } from '@stepwise/kernel';
import type { RowFold } from './rows/row-projection';
import type { StatementTail } from './rows/row-statements';

/**
 * A read model fed from the global log. `apply` runs inside the runner's batch transaction, as the
 * application role with the event's tenant set, so row-level security checks every write. Build
 * one with `defineProjection`; this is the form the runner holds, whatever union it reads.
 */
export interface Projection {
  readonly name: string;
  /** Event types it reads; others are skipped without a call. */
  readonly eventTypes: readonly string[];
  /** Tables it owns: emptied when the projection is rebuilt from the start of the log. */
  readonly tables: readonly string[];
  apply(tx: SqlExecutor, event: RecordedEvent): Promise<void>;
  /**
   * Optional: applies several events of one tenant at once (in log order), with the same outcome as
   * `apply` on each in turn, in a few multi-row statements. The runner prefers it when present. When
   * it is the batch's last work, the runner gives it `tail` (the checkpoint) to send with its last
   * write, whatever the batch changed; it answers the tail's row then, or undefined (the runner saves
   * the checkpoint itself).
   */
  applyBatch?(tx: SqlExecutor, events: readonly RecordedEvent[], tail?: StatementTail): Promise<Record<string, unknown> | undefined | void>;
  /**
   * `owner`: the projection's tables are the owner's alone, not granted to the application role (the
   * nudge policy's): the runner keeps its transaction the owner's, with the tenant set. The
   * application role otherwise. All projections of a runner run as one role.
   */
  readonly runsAs?: 'owner';
  /**
   * Row projections (`defineRowProjection`): the runner applies a tenant's events to all of them
   * together, in one statement that loads the rows they read and one that writes what they changed.
   */
  readonly rows?: RowFold;
}

/** The tables of these projections, each once. */
export const tablesOf = (projections: readonly Projection[]): string[] => [...new Set(projections.flatMap((projection) => projection.tables))];

/** Applies one domain event; `recorded` says where the store put it (tenant, stream version, id). */
export type EventHandler<Event> = (tx: SqlExecutor, event: Event, recorded: RecordedEvent) => Promise<void>;

/** Marks an event type a projection has considered and has no use for. */
export const SKIP = 'skip';

type DomainEventShape = { readonly type: string; readonly data: object };

/**
 * One entry per type of the union: a handler, or SKIP. A new event in the union is a compile error
 * in every projection over it until that projection says what the event means to it.
 */
export type EventHandlers<Event extends DomainEventShape> = {
  readonly [Type in EventTypeOf<Event>]: EventHandler<Extract<Event, { readonly type: Type }>> | typeof SKIP;
};

export interface ProjectionDefinition<Event extends DomainEventShape> {
  readonly name: string;
  readonly tables: readonly string[];
  /** The union's schema versions (the domain's `…EventSchemaVersions`): how recorded events are decoded. */
  readonly events: EventSchemaVersions<Event>;
  readonly handlers: EventHandlers<Event>;
}

export const defineProjection = <Event extends DomainEventShape>(definition: ProjectionDefinition<Event>): Projection => {
  const handlerOf = (type: string): EventHandler<Event> | typeof SKIP =>
    (definition.handlers as Readonly<Record<string, EventHandler<Event> | typeof SKIP>>)[type];
  return {
    name: definition.name,
    tables: definition.tables,
    eventTypes: eventTypesOf(definition.events).filter((type) => typeof handlerOf(type) === 'function'),
    async apply(tx, recorded) {
      const event = decodeEvent(definition.events, recorded);
      const handler = handlerOf(event.type);
      if (typeof handler === 'function') await handler(tx, event, recorded);
    },
  };
};

/**
 * The same projection applied one event at a time, each event its own batch: the definition a
 * batch must equal, for specs that compare the two.
 */
export const eventByEvent = (projection: Projection): Projection => ({
  name: projection.name,
  eventTypes: projection.eventTypes,
  tables: projection.tables,
  apply: (tx, event) => projection.apply(tx, event),
});
