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
import { RowValues } from './row-values';
import type { AnyShape, KeyOf, TableShape, TenantRow } from './table-shape';

/** What handlers see of one table. */
export interface Rows<Row extends TenantRow, Key extends keyof Row & string> {
  /** INSERT … ON CONFLICT (key) DO NOTHING: a row already there stays as it is. The row object is kept as given. */
  insert(row: Row): void;
  /** The row with this key, or undefined. */
  get(key: KeyOf<Row, Key>): Promise<Readonly<Row> | undefined>;
  /**
   * UPDATE … SET change WHERE key: nothing when there is no such row. A function of the row stands
   * for a WHERE on its other columns (answer undefined to leave it) or a SET that reads it; it is
   * given the row for the call only (a row to keep is one `get` or `where` answered).
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
  /**
   * The row object is the set's alone (made by a load or a copy, never handed to a handler since):
   * an update may then change it in place instead of copying it whole, since no one holds it.
   */
  sole: boolean;
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
  /** Value lists wanted before the batch is applied and not loaded yet, each with its request. */
  readonly wanted: Map<string, RowRequest>;
  /** Value list → keys of the rows (known present, or pending) that hold it; not kept for the key itself. */
  readonly rows: Map<string, Set<string>> | undefined;
}

const nameOf = (columns: readonly string[]): string => [...columns].sort().join(',');

export class RowSet<Row extends TenantRow, Key extends keyof Row & string> implements Rows<Row, Key> {
  private readonly known = new Map<string, Known>();
  /** Inserted while unknown: stored or not, the insert leaves the stored row (immutable tables: the same row). */
  private readonly pending = new Map<string, Values>();
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
  private readonly spelling: RowValues;

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
      wanted: new Map(),
      rows: index ? new Map() : undefined,
    });
    this.key = lookup(keyColumns, false);
    for (const found of [this.key, ...((shape.lookups ?? []) as readonly (readonly string[])[]).map((columns) => lookup(columns, true))]) {
      this.lookups.set(nameOf(found.columns), found);
      this.byColumns.set(found.columns, found);
    }
    this.indexed = [...this.lookups.values()].filter((candidate) => candidate.rows);
    this.settling = [...this.lookups.values()].filter((candidate) => candidate.withinKey);
    this.spelling = RowValues.of(shape);
  }

  insert(row: Row): void {
    const values = this.own(row);
    const key = this.spelling.group(this.key.columns, values);
    const known = this.known.get(key);
    if (known) {
      if (known.row === undefined) this.put(key, known, values);
      return;
    }
    if (this.pending.has(key)) return;
    if (!this.shape.immutable && this.settled(values)) {
      const absent: Known = { row: undefined, stored: false, dirty: false, sole: false };
      this.known.set(key, absent);
      this.put(key, absent, values);
      return;
    }
    this.pending.set(key, values);
    this.index(key, undefined, values);
  }

  async get(key: KeyOf<Row, Key>): Promise<Readonly<Row> | undefined> {
    const values = this.own(key);
    return this.handOut(await this.resolve(this.spelling.group(this.key.columns, values), values)) as Row | undefined;
  }

  async update(key: KeyOf<Row, Key>, change: Partial<Row> | ((row: Readonly<Row>) => Partial<Row> | undefined)): Promise<void> {
    const values = this.own(key);
    const group = this.spelling.group(this.key.columns, values);
    const known = await this.resolve(group, values);
    if (known.row === undefined) return;
    const patch = typeof change === 'function' ? change(known.row as Row) : change;
    if (patch === undefined) return;
    for (const column of this.key.columns) {
      if (column in patch && (patch as Values)[column] !== known.row[column]) throw new Error(`${this.shape.name}: an update cannot change the key column ${column}`);
    }
    this.change(group, known, patch);
  }

  async upsert(row: Row, columns?: readonly (keyof Row & string)[]): Promise<void> {
    const values = this.own(row);
    const key = this.spelling.group(this.key.columns, values);
    const known = await this.resolve(key, values);
    if (known.row === undefined) {
      this.put(key, known, values);
      return;
    }
    const change: Values = {};
    for (const column of columns ?? Object.keys(this.shape.columns)) if (!this.key.columns.includes(column)) change[column] = values[column];
    this.change(key, known, change);
  }

  async delete(key: KeyOf<Row, Key>): Promise<void> {
    const values = this.own(key);
    const group = this.spelling.group(this.key.columns, values);
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
    const group = this.spelling.group(lookup.columns, values);
    const inGroup = (row: Values) => lookup.columns.every((column) => this.spelling.same(column, row[column], values[column]));
    if (!lookup.loaded.has(group)) {
      // Rows inserted while unknown that fall in the group are settled by the same load.
      const unsettled = this.shape.immutable ? [] : [...this.pending.values()].filter(inGroup);
      await this.load([this.requestOf(lookup, values), ...unsettled.map((row) => this.requestOf(this.key, row))]);
    }
    if (!this.shape.immutable) {
      const unsettled = [...this.pending.values()].filter(inGroup);
      const unknown = unsettled.filter((row) => !this.settled(row));
      if (unknown.length > 0) await this.load(unknown.map((row) => this.requestOf(this.key, row)));
      for (const row of unsettled) this.settle(this.spelling.group(this.key.columns, row));
    }
    const keys = lookup === this.key ? [group] : (lookup.rows?.get(group) ?? []);
    const rows: Row[] = [];
    for (const key of keys) {
      const known = this.known.get(key);
      const row = known ? this.handOut(known) : this.shape.immutable ? this.pending.get(key) : undefined;
      if (row) rows.push(row as Row);
    }
    return rows;
  }

  /** Asks for the row with this key (or the rows matching these lookup values) to be loaded before any handler runs. */
  want(values: object, by: 'key' | 'lookup'): void {
    const own = this.own(values);
    if (by === 'key' && this.shape.immutable) return;
    const lookup = by === 'key' ? this.key : this.lookupOf(own);
    const group = this.spelling.group(lookup.columns, own);
    if (lookup.loaded.has(group) || lookup.wanted.has(group)) return;
    lookup.wanted.set(group, this.requestOf(lookup, own, group));
  }

  /** The requests gathered by `want`, handed over once to be loaded together with other tables'. */
  takeWanted(): RowRequest[] {
    const requests: RowRequest[] = [];
    for (const lookup of this.lookups.values()) {
      for (const request of lookup.wanted.values()) requests.push(request);
      lookup.wanted.clear();
    }
    return requests;
  }

  /** Takes in what a load of `requests` (made by this row set) found: loaded rows as stored, the rest of each request as absent. */
  absorb(requests: readonly RowRequest[], rows: readonly Values[]): void {
    for (const stored of rows) {
      const row = this.spelling.normalise(stored);
      const key = this.spelling.group(this.key.columns, row);
      if (this.known.has(key)) continue;
      const pending = this.pending.get(key);
      if (pending) {
        this.pending.delete(key);
        this.index(key, pending, undefined);
      }
      this.known.set(key, { row, stored: true, dirty: false, sole: true });
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
    const known: Known = { row: undefined, stored: false, dirty: false, sole: false };
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

  /** `row` becomes the row: the set's alone when it made it (`sole`), else the caller's, copied before any change. */
  private put(key: string, known: Known, row: Values, sole = false): void {
    this.index(key, known.row, row);
    known.row = row;
    known.sole = sole;
    known.dirty = true;
  }

  /** Changes some columns of a known row: in place when the set alone holds it, else in a copy that it then holds alone. */
  private change(key: string, known: Known, patch: Values): void {
    if (!known.sole) {
      this.put(key, known, { ...known.row, ...patch }, true);
      return;
    }
    const row = known.row as Values;
    const before = this.indexed.length > 0 ? this.indexed.map((lookup) => this.spelling.group(lookup.columns, row)) : undefined;
    Object.assign(row, patch);
    if (before) this.indexed.forEach((lookup, index) => this.move(lookup, key, before[index], this.spelling.group(lookup.columns, row)));
    known.dirty = true;
  }

  /** The row as a handler gets it: from then on the handler may hold it, so the set changes only copies of it. */
  private handOut(known: Known): Values | undefined {
    known.sole = false;
    return known.row;
  }

  /** Whether a load already settled this key (a loaded lookup made of key columns holds it). */
  private settled(values: Values): boolean {
    for (const lookup of this.settling) if (lookup.loaded.has(this.spelling.group(lookup.columns, values))) return true;
    return false;
  }

  private index(key: string, before: Values | undefined, after: Values | undefined): void {
    for (const lookup of this.indexed) this.move(lookup, key, before && this.spelling.group(lookup.columns, before), after && this.spelling.group(lookup.columns, after));
  }

  /** The row with this key moves from one value list of the lookup to another (undefined: none). */
  private move(lookup: Lookup, key: string, from: string | undefined, to: string | undefined): void {
    if (from === to) return;
    const rows = lookup.rows as Map<string, Set<string>>;
    if (from !== undefined) rows.get(from)?.delete(key);
    if (to !== undefined) {
      let keys = rows.get(to);
      if (!keys) rows.set(to, (keys = new Set()));
      keys.add(key);
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

  private requestOf(lookup: Lookup, values: Values, group = this.spelling.group(lookup.columns, values)): RowRequest {
    return { columns: lookup.columns, values: lookup.columns.map((column) => values[column]), group };
  }

  /** Every row and key a batch touches is its tenant's. */
  private own<Given extends object>(values: Given): Values {
    const tenant = (values as Values).tenant_id;
    if (tenant !== this.tenantId) throw new Error(`${this.shape.name}: a row of tenant ${String(tenant)} in a batch of tenant ${this.tenantId}`);
    return values as Values;
  }
}
