/**
 * One table's rows for one tenant's batch, in memory: what handlers read and change instead of
 * sending a statement per event. Each operation has the outcome of the statement it stands for
 * (INSERT … ON CONFLICT DO NOTHING, UPDATE … WHERE key, INSERT … ON CONFLICT DO UPDATE, DELETE), run
 * at that point in the batch; at the end the rows that changed are written back in one statement.
 *
 * A row is known once it was loaded, or once a load that would have found it found nothing. Rows the
 * batch names are loaded before it is applied (see row-projection.ts); a row it reaches only through
 * another row's values is loaded when first reached, so a missing row is never guessed.
 */
import type { AnyShape, ColumnType, KeyOf, TableShape, TenantRow } from './table-shape';

/** What handlers see of one table. */
export interface Rows<Row extends TenantRow, Key extends keyof Row & string> {
  /** INSERT … ON CONFLICT (key) DO NOTHING: a row already there stays as it is. The row object is kept as given. */
  insert(row: Row): void;
  /** The row with this key, or undefined. */
  get(key: KeyOf<Row, Key>): Promise<Readonly<Row> | undefined>;
  /**
   * UPDATE … SET change WHERE key: nothing when there is no such row. A function of the row stands
   * for a WHERE on its other columns (answer undefined to leave it) or a SET that reads it.
   */
  update(key: KeyOf<Row, Key>, change: Partial<Row> | ((row: Readonly<Row>) => Partial<Row> | undefined)): Promise<void>;
  /** INSERT … ON CONFLICT (key) DO UPDATE SET the given columns (by default every column but the key). */
  upsert(row: Row, columns?: readonly (keyof Row & string)[]): Promise<void>;
  /** DELETE … WHERE key. */
  delete(key: KeyOf<Row, Key>): Promise<void>;
  /** SELECT … WHERE the given columns (the key, or one of the shape's lookups) equal these values. */
  where(match: Partial<Row>): Promise<readonly Readonly<Row>[]>;
}

type Values = Record<string, unknown>;

/** Rows matching these columns' values (the key's columns, or a lookup's). */
export interface RowRequest {
  readonly columns: readonly string[];
  readonly values: readonly unknown[];
  /** The values joined, as the row set keys them. */
  readonly group: string;
}

/** Loads rows of one table: everything stored matching any of the requests. */
export type RowLoader = (shape: AnyShape, requests: readonly RowRequest[]) => Promise<Values[]>;

interface Known {
  row: Values | undefined;
  /** Whether the table holds a row with this key (as loaded): deleting it then needs a statement. */
  readonly stored: boolean;
  /** Changed by the batch: written back (or deleted) at the end. */
  dirty: boolean;
  /** The key of a stored row the batch deleted. */
  removed?: Values;
}

/** What a batch writes back to one table. */
export interface RowChanges {
  /** Rows as they are now: INSERT … ON CONFLICT (key) DO UPDATE. */
  readonly upserts: Values[];
  /** Rows inserted without knowing whether they were stored: INSERT … ON CONFLICT (key) DO NOTHING. */
  readonly inserts: Values[];
  /** Stored rows the batch deleted (their key columns count). */
  readonly deletes: Values[];
}

/** The key, or a lookup: rows by the values of some columns. */
interface Lookup {
  readonly columns: readonly string[];
  /** Its columns are all key columns: once a value list is loaded, every key within it is settled. */
  readonly withinKey: boolean;
  /** Value lists loaded (found, or found absent). */
  readonly loaded: Set<string>;
  /** Value list → keys of the rows (known present, or pending) that hold it; not kept for the key itself. */
  readonly rows: Map<string, Set<string>> | undefined;
}

/** Joins values into one map key. NUL cannot occur in PostgreSQL text, so no two value lists join alike. */
const SEPARATOR = '\u0000';

const nameOf = (columns: readonly string[]): string => [...columns].sort().join(',');

export class RowSet<Row extends TenantRow, Key extends keyof Row & string> implements Rows<Row, Key> {
  private readonly known = new Map<string, Known>();
  /** Inserted while unknown: stored or not, the insert leaves the stored row (immutable tables: the same row). */
  private readonly pending = new Map<string, Values>();
  /** Requests gathered before the batch is applied, not loaded yet. */
  private readonly wanted = new Map<string, RowRequest>();
  private readonly key: Lookup;
  /** The key and every lookup, by their column names in sorted order. */
  private readonly lookups = new Map<string, Lookup>();
  /** The same, by the column lists handlers happen to give (in their order). */
  private readonly given = new Map<string, Lookup>();
  /** The same, by their own column list. */
  private readonly byColumns = new Map<readonly string[], Lookup>();
  /** Lookups that keep an index of their rows. */
  private readonly indexed: readonly Lookup[];
  private readonly settling: readonly Lookup[];
  /** Timestamp columns: one instant has one spelling in memory. */
  private readonly instants: readonly string[];
  private readonly keyInstants: ReadonlySet<string>;

  constructor(
    readonly shape: TableShape<Row, Key>,
    private readonly tenantId: string,
    private readonly loader: RowLoader,
  ) {
    const keyColumns = shape.key as readonly string[];
    const lookup = (columns: readonly string[], index: boolean): Lookup => ({
      columns,
      withinKey: columns.every((column) => keyColumns.includes(column)),
      loaded: new Set(),
      rows: index ? new Map() : undefined,
    });
    this.key = lookup(keyColumns, false);
    for (const found of [this.key, ...((shape.lookups ?? []) as readonly (readonly string[])[]).map((columns) => lookup(columns, true))]) {
      this.lookups.set(nameOf(found.columns), found);
      this.byColumns.set(found.columns, found);
    }
    this.indexed = [...this.lookups.values()].filter((candidate) => candidate.rows);
    this.settling = [...this.lookups.values()].filter((candidate) => candidate.withinKey);
    const columns = shape.columns as Readonly<Record<string, ColumnType>>;
    this.instants = Object.keys(columns).filter((column) => columns[column] === 'timestamptz');
    this.keyInstants = new Set([...this.lookups.values()].flatMap((candidate) => candidate.columns).filter((column) => columns[column] === 'timestamptz'));
  }

  insert(row: Row): void {
    const values = this.own(row);
    const key = this.groupOf(this.key.columns, values);
    const known = this.known.get(key);
    if (known) {
      if (known.row === undefined) this.put(key, known, values);
      return;
    }
    if (this.pending.has(key)) return;
    if (!this.shape.immutable && this.settled(values)) {
      const absent: Known = { row: undefined, stored: false, dirty: false };
      this.known.set(key, absent);
      this.put(key, absent, values);
      return;
    }
    this.pending.set(key, values);
    this.index(key, undefined, values);
  }

  async get(key: KeyOf<Row, Key>): Promise<Readonly<Row> | undefined> {
    const values = this.own(key);
    return (await this.resolve(this.groupOf(this.key.columns, values), values)).row as Row | undefined;
  }

  async update(key: KeyOf<Row, Key>, change: Partial<Row> | ((row: Readonly<Row>) => Partial<Row> | undefined)): Promise<void> {
    const values = this.own(key);
    const group = this.groupOf(this.key.columns, values);
    const known = await this.resolve(group, values);
    if (known.row === undefined) return;
    const patch = typeof change === 'function' ? change(known.row as Row) : change;
    if (patch === undefined) return;
    for (const column of this.key.columns) {
      if (column in patch && (patch as Values)[column] !== known.row[column]) throw new Error(`${this.shape.name}: an update cannot change the key column ${column}`);
    }
    this.put(group, known, { ...known.row, ...patch });
  }

  async upsert(row: Row, columns?: readonly (keyof Row & string)[]): Promise<void> {
    const values = this.own(row);
    const key = this.groupOf(this.key.columns, values);
    const known = await this.resolve(key, values);
    if (known.row === undefined) {
      this.put(key, known, values);
      return;
    }
    const next = { ...known.row };
    for (const column of columns ?? Object.keys(this.shape.columns)) if (!this.key.columns.includes(column)) next[column] = values[column];
    this.put(key, known, next);
  }

  async delete(key: KeyOf<Row, Key>): Promise<void> {
    const values = this.own(key);
    const group = this.groupOf(this.key.columns, values);
    const known = await this.resolve(group, values);
    if (known.row === undefined) return;
    this.index(group, known.row, undefined);
    known.removed = Object.fromEntries(this.key.columns.map((column) => [column, (known.row as Values)[column]]));
    known.row = undefined;
    known.dirty = true;
  }

  async where(match: Partial<Row>): Promise<readonly Readonly<Row>[]> {
    const values = this.own(match as Values);
    const lookup = this.lookupOf(values);
    const group = this.groupOf(lookup.columns, values);
    const inGroup = (row: Values) => lookup.columns.every((column) => this.same(column, row[column], values[column]));
    if (!lookup.loaded.has(group)) {
      // Rows inserted while unknown that fall in the group are settled by the same load.
      const unsettled = this.shape.immutable ? [] : [...this.pending.values()].filter(inGroup);
      await this.load([this.requestOf(lookup, values), ...unsettled.map((row) => this.requestOf(this.key, row))]);
    }
    if (!this.shape.immutable) {
      const unsettled = [...this.pending.values()].filter(inGroup);
      const unknown = unsettled.filter((row) => !this.settled(row));
      if (unknown.length > 0) await this.load(unknown.map((row) => this.requestOf(this.key, row)));
      for (const row of unsettled) this.settle(this.groupOf(this.key.columns, row));
    }
    const keys = lookup === this.key ? [group] : (lookup.rows?.get(group) ?? []);
    const rows: Row[] = [];
    for (const key of keys) {
      const row = this.known.get(key)?.row ?? (this.shape.immutable ? this.pending.get(key) : undefined);
      if (row) rows.push(row as Row);
    }
    return rows;
  }

  /** Asks for the row with this key (or the rows matching these lookup values) to be loaded before any handler runs. */
  want(values: object, by: 'key' | 'lookup'): void {
    const own = this.own(values);
    const lookup = by === 'key' ? this.key : this.lookupOf(own);
    if (by === 'key' && this.shape.immutable) return;
    const request = this.requestOf(lookup, own);
    if (lookup.loaded.has(request.group)) return;
    this.wanted.set(`${lookup.columns.join(',')}${SEPARATOR}${SEPARATOR}${request.group}`, request);
  }

  /** The requests gathered by `want`, handed over once to be loaded together with other tables'. */
  takeWanted(): RowRequest[] {
    const requests = [...this.wanted.values()];
    this.wanted.clear();
    return requests;
  }

  /** Takes in what a load of `requests` (made by this row set) found: loaded rows as stored, the rest of each request as absent. */
  absorb(requests: readonly RowRequest[], rows: readonly Values[]): void {
    for (const stored of rows) {
      const row = this.normalise(stored);
      const key = this.groupOf(this.key.columns, row);
      if (this.known.has(key)) continue;
      const pending = this.pending.get(key);
      if (pending) {
        this.pending.delete(key);
        this.index(key, pending, undefined);
      }
      this.known.set(key, { row, stored: true, dirty: false });
      this.index(key, undefined, row);
    }
    for (const request of requests) {
      const lookup = this.byColumns.get(request.columns) as Lookup;
      lookup.loaded.add(request.group);
      if (lookup === this.key) this.settle(request.group);
    }
    // Rows inserted while unknown inside a group now loaded that settles keys: absent from the table, so theirs.
    if (!this.shape.immutable) for (const [key, row] of [...this.pending]) if (this.settled(row)) this.settle(key);
  }

  /** What the batch changed, to be written back. */
  changes(): RowChanges {
    const upserts: Values[] = [];
    const deletes: Values[] = [];
    for (const known of this.known.values()) {
      if (!known.dirty) continue;
      if (known.row) upserts.push(known.row);
      else if (known.stored && known.removed) deletes.push(known.removed);
    }
    return { upserts, inserts: [...this.pending.values()], deletes };
  }

  private async resolve(key: string, values: Values): Promise<Known> {
    if (this.shape.immutable) throw new Error(`${this.shape.name} is immutable: only insert and where apply`);
    const known = this.known.get(key);
    if (known) return known;
    if (!this.settled(this.pending.get(key) ?? values)) await this.load([this.requestOf(this.key, values)]);
    return this.settle(key);
  }

  /** A key known absent from the table: a row inserted while it was unknown is now the row. */
  private settle(key: string): Known {
    const existing = this.known.get(key);
    if (existing) return existing;
    const pending = this.pending.get(key);
    const known: Known = { row: undefined, stored: false, dirty: false };
    this.known.set(key, known);
    if (pending) {
      this.pending.delete(key);
      this.index(key, pending, undefined);
      this.put(key, known, pending);
    }
    return known;
  }

  private async load(requests: readonly RowRequest[]): Promise<void> {
    this.absorb(requests, await this.loader(this.shape, requests));
  }

  private put(key: string, known: Known, row: Values): void {
    this.index(key, known.row, row);
    known.row = row;
    known.dirty = true;
  }

  /** Whether a load already settled this key (a loaded lookup made of key columns holds it). */
  private settled(values: Values): boolean {
    for (const lookup of this.settling) if (lookup.loaded.has(this.groupOf(lookup.columns, values))) return true;
    return false;
  }

  private index(key: string, before: Values | undefined, after: Values | undefined): void {
    for (const lookup of this.indexed) {
      const rows = lookup.rows as Map<string, Set<string>>;
      const from = before && this.groupOf(lookup.columns, before);
      const to = after && this.groupOf(lookup.columns, after);
      if (from === to) continue;
      if (from !== undefined) rows.get(from)?.delete(key);
      if (to !== undefined) {
        let keys = rows.get(to);
        if (!keys) rows.set(to, (keys = new Set()));
        keys.add(key);
      }
    }
  }

  private lookupOf(values: Values): Lookup {
    const columns = Object.keys(values);
    const given = columns.join(',');
    let lookup = this.given.get(given);
    if (!lookup) {
      lookup = this.lookups.get(nameOf(columns));
      if (!lookup) throw new Error(`${this.shape.name} has no lookup by ${nameOf(columns)}: declare it in the table's shape`);
      this.given.set(given, lookup);
    }
    return lookup;
  }

  private requestOf(lookup: Lookup, values: Values): RowRequest {
    return { columns: lookup.columns, values: lookup.columns.map((column) => values[column]), group: this.groupOf(lookup.columns, values) };
  }

  private groupOf(columns: readonly string[], values: Values): string {
    let joined = '';
    for (let index = 0; index < columns.length; index += 1) {
      const column = columns[index];
      const value = values[column];
      const spelt = value === undefined || value === null ? SEPARATOR : this.keyInstants.has(column) ? new Date(value as string).toISOString() : String(value);
      joined = index === 0 ? spelt : `${joined}${SEPARATOR}${spelt}`;
    }
    return joined;
  }

  private same(column: string, a: unknown, b: unknown): boolean {
    if (a === b) return true;
    return this.keyInstants.has(column) && typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b);
  }

  /** Timestamps come back from json_agg with an offset; in memory they read as events write them. */
  private normalise(row: Values): Values {
    for (const column of this.instants) {
      const value = row[column];
      if (typeof value === 'string') row[column] = new Date(value).toISOString();
    }
    return row;
  }

  /** Every row and key a batch touches is its tenant's. */
  private own<Given extends object>(values: Given): Values {
    const tenant = (values as Values).tenant_id;
    if (tenant !== this.tenantId) throw new Error(`${this.shape.name}: a row of tenant ${String(tenant)} in a batch of tenant ${this.tenantId}`);
    return values as Values;
  }
}
