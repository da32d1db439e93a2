/**
 * Row projections: a projection that says, per event type, what the event does to rows (insert,
 * update, upsert, delete, look up), instead of sending SQL. The runner applies a tenant's events of
 * a batch to every row projection at once: the rows the events name are loaded in one statement,
 * the events are applied to them in memory in log order, and what changed is written back in one
 * statement. One event alone goes the same way (a batch of one), so there is one definition of what
 * an event means, whatever the batch size; `row-projections.int.spec.ts` holds batches equal to one
 * event at a time.
 */
import type { SqlExecutor } from '@stepwise/database';
import { decodeEvent, type RecordedEvent } from '@stepwise/event-store';
import { eventTypesOf, type EventSchemaVersions, type EventTypeOf } from '@stepwise/kernel';
import type { Projection, SKIP } from '../projection';
import { RowSet, type RowLoader, type Rows } from './row-set';
import { WantedRows } from './wanted-rows';
import { loadStatement, writeStatement, type Notice, type SqlStatement, type StatementTail, type WriteOptions } from './row-statements';
import { plannedStatement } from './statement-plans';
import type { AnyShape, TableShape } from './table-shape';


/** The tables a projection writes, by the names its handlers use for them. */
export type TablesOf<Shapes extends Record<string, AnyShape>> = {
  readonly [Alias in keyof Shapes]: Shapes[Alias] extends TableShape<infer Row, infer Key> ? Rows<Row, Key> : never;
};

/** What one event does to the tables; `recorded` says where the store put it (tenant, stream version, id). */
export type RowHandler<Event, Shapes extends Record<string, AnyShape>> = (tables: TablesOf<Shapes>, event: Event, recorded: RecordedEvent) => void | Promise<void>;

/** An event type the projection has considered and has no use for: SKIP, as in defineProjection. */
type Skip = typeof SKIP;

type DomainEventShape = { readonly type: string; readonly data: object };

/** One entry per type of the union: a handler, or SKIP. */
export type RowHandlers<Event extends DomainEventShape, Shapes extends Record<string, AnyShape>> = {
  readonly [Type in EventTypeOf<Event>]: RowHandler<Extract<Event, { readonly type: Type }>, Shapes> | Skip;
};

export interface RowProjectionDefinition<Event extends DomainEventShape, Shapes extends Record<string, AnyShape>> {
  readonly name: string;
  /** The union's schema versions (the domain's `…EventSchemaVersions`): how recorded events are decoded. */
  readonly events: EventSchemaVersions<Event>;
  readonly tables: Shapes;
  readonly handlers: RowHandlers<Event, Shapes>;
  /** Channels notified, with the tenant id, in the transaction of any batch holding one of their events. */
  readonly notify?: RowNotify<Event> | readonly RowNotify<Event>[];
}

export interface RowNotify<Event extends DomainEventShape> {
  readonly channel: string;
  /** The event types that notify; 'handled': every type with a handler (not SKIP). */
  readonly on: readonly EventTypeOf<Event>[] | 'handled';
}

/** What the runner needs of a row projection to apply it together with others. */
export interface RowFold {
  readonly shapes: Readonly<Record<string, AnyShape>>;
  /** The channels to notify (with the tenant id) when a batch holds one of their `on` events. */
  readonly notify: readonly { readonly channel: string; readonly on: ReadonlySet<string> }[];
  /**
   * Applies one event to the tables; an event of no interest does nothing. Answers the handler's
   * promise when it has one (it read or changed a row), and nothing when it finished at once.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  apply(tables: Readonly<Record<string, Rows<any, any>>>, recorded: RecordedEvent): void | Promise<void>;
}

export const defineRowProjection = <Event extends DomainEventShape, Shapes extends Record<string, AnyShape>>(
  definition: RowProjectionDefinition<Event, Shapes>,
): Projection => {
  const handlers = definition.handlers as unknown as Readonly<Record<string, RowHandler<Event, Shapes> | Skip>>;
  const rows: RowFold = {
    shapes: definition.tables,
    notify: (definition.notify === undefined ? [] : 'channel' in definition.notify ? [definition.notify] : definition.notify).map((notify: RowNotify<Event>) => ({
      channel: notify.channel,
      on: new Set<string>(notify.on === 'handled' ? Object.keys(handlers).filter((type) => typeof handlers[type] === 'function') : notify.on),
    })),
    apply(tables, recorded) {
      const event = decodeEvent(definition.events, recorded);
      const handler = handlers[event.type];
      return typeof handler === 'function' ? handler(tables as unknown as TablesOf<Shapes>, event, recorded) : undefined;
    },
  };
  const projection: Projection = {
    name: definition.name,
    tables: Object.values(definition.tables).map((shape) => shape.name),
    eventTypes: eventTypesOf(definition.events).filter((type) => typeof handlers[type] === 'function'),
    rows,
    apply: async (tx, event) => void (await applyRowProjections(tx, [projection], [event])),
    applyBatch: async (tx, events) => void (await applyRowProjections(tx, [projection], events)),
  };
  return projection;
};

const mapTables = <From, To>(tables: Readonly<Record<string, From>>, map: (table: From) => To): Record<string, To> =>
  Object.fromEntries(Object.entries(tables).map(([alias, table]) => [alias, map(table)]));

/**
 * One tenant's events of a batch, planned for row projections: the statement loading the rows they
 * read (the first pass, which changes nothing, has noted them), then, given that statement's answer,
 * the events applied to those rows in log order and the statement writing back what changed. The
 * caller sends both, with the tenant's row-level security set for each. Rows reached only through
 * other rows' values (rare) are loaded when reached, through `lazy`, which must read as the tenant.
 */
export interface RowBatch {
  /** Loads the rows the events read; undefined when they read none. */
  readonly load: SqlStatement | undefined;
  /**
   * Applies the events to the loaded rows (the load's answer row) and answers the statement writing
   * what changed, with `tail` riding along (then sent even when nothing changed); undefined when
   * there is nothing to send. Call it once.
   */
  write(loaded: Record<string, unknown> | undefined, tail?: StatementTail): Promise<SqlStatement | undefined>;
}

export const planRowBatch = async (lazy: SqlExecutor, projections: readonly Projection[], events: readonly RecordedEvent[], options: WriteOptions = {}): Promise<RowBatch> => {
  const tenantId = events[0]?.tenantId;
  if (events.some((event) => event.tenantId !== tenantId)) throw new Error('A row batch holds one tenant’s events');
  const loader: RowLoader = async (shape, requests) => {
    const { statement } = loadStatement([{ shape, requests }]);
    const { rows } = await sendStatement<Record<string, Record<string, unknown>[]>>(lazy, statement);
    return Object.values(rows[0]).flat();
  };
  const runs = projections.flatMap((projection) => {
    const fold = projection.rows;
    if (!fold) throw new Error(`${projection.name} is not a row projection`);
    const types = new Set(projection.eventTypes);
    const own = events.filter((event) => types.has(event.type));
    return own.length === 0 ? [] : [{ fold, events: own, tables: mapTables(fold.shapes, (shape) => new RowSet(shape, tenantId, loader)) }];
  });

  // A first pass notes the rows the events read (it changes nothing; a handler failing here fails again below, where it counts).
  for (const { fold, events: own, tables } of runs) {
    const wanted = mapTables(tables, (rows) => new WantedRows(rows));
    for (const event of own) {
      // A handler that finished at once is not awaited (here and below): each await costs a promise
      // and a turn, at every event of every batch.
      try {
        const noting = fold.apply(wanted, event);
        if (noting) await noting;
      } catch {
        // It noted what it could before failing.
      }
    }
  }
  const loads = runs.flatMap(({ tables }) => Object.values(tables)).flatMap((rows) => {
    const requests = rows.takeWanted();
    return requests.length === 0 ? [] : [{ rows, requests }];
  });
  const planned = loads.length > 0 ? loadStatement(loads.map(({ rows, requests }) => ({ shape: rows.shape, requests }))) : undefined;

  return {
    load: planned?.statement,
    async write(loaded, tail) {
      if (planned) {
        const found = (loaded ?? {}) as Record<string, Record<string, unknown>[]>;
        const byLoad = loads.map(() => [] as Record<string, unknown>[]);
        planned.parts.forEach((part, index) => byLoad[part.load].push(...found[`r${index}`]));
        loads.forEach(({ rows, requests }, index) => rows.absorb(requests, byLoad[index]));
      }
      for (const { fold, events: own, tables } of runs) {
        for (const event of own) {
          const applying = fold.apply(tables, event);
          if (applying) await applying;
        }
      }
      // Notifications as the per-event definition sends them: one per channel and tenant is what a transaction delivers anyway.
      const notices = new Map<string, Notice>();
      for (const { fold, events: own } of runs) {
        for (const notify of fold.notify) {
          if (own.some((event) => notify.on.has(event.type))) notices.set(notify.channel, { channel: notify.channel, payload: tenantId });
        }
      }
      return writeStatement(
        runs.flatMap(({ tables }) => Object.values(tables)).map((rows) => ({ shape: rows.shape, changes: rows.changes() })),
        [...notices.values()],
        tail,
        options,
      );
    },
  };
};

/** A row statement, kept prepared on its connection once its text comes back (see statement-plans). */
export const sendStatement = <Row>(tx: SqlExecutor, statement: SqlStatement) => {
  const { text, values, prepare } = plannedStatement(statement);
  return tx.query<Row>(text, values, { prepare });
};

/**
 * Applies one tenant's events (in log order) to row projections: one statement loads the rows the
 * events name, one writes back what changed. Runs in the caller's transaction, with the tenant's
 * row-level security set. A `tail` rides along with the writes (sent even when nothing changed); its
 * answer is returned.
 */
export const applyRowProjections = async (
  tx: SqlExecutor,
  projections: readonly Projection[],
  events: readonly RecordedEvent[],
  tail?: StatementTail,
  options: WriteOptions = {},
): Promise<Record<string, unknown> | undefined> => {
  if (events.length === 0 && !tail) return undefined;
  const batch = await planRowBatch(tx, projections, events, options);
  const loaded = batch.load ? (await sendStatement<Record<string, unknown>>(tx, batch.load)).rows[0] : undefined;
  const statement = await batch.write(loaded, tail);
  if (!statement) return undefined;
  const { rows } = await sendStatement<Record<string, unknown>>(tx, statement);
  return tail ? rows[0] : undefined;
};
