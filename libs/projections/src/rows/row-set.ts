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
  /** INSERT … ON CONFLICT (key) DO NOTHING: a row already there stays as it is. */
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

/** Rows matching these columns' values: a key is a lookup by the key's columns. */
export interface RowRequest {
  readonly columns: readonly string[];
  readonly values: readonly unknown[];
}

/** Loads rows of one table: everything stored matching any of the requests. */
export type RowLoader = (shape: AnyShape, requests: readonly RowRequest[]) => Promise<Values[]>;

interface Known {
  row: Values | undefined;
  /** Whether the table holds a row with this key (as loaded): deleting it then needs a statement. */
  readonly stored: boolean;
  /** Changed by the batch: written back (or deleted) at the end. */
  dirty: boolean;
}

/** What a batch writes back to one table. */
export interface RowChanges {
  /** Rows as they are now: INSERT … ON CONFLICT (key) DO UPDATE. */
  readonly upserts: Values[];
  /** Rows inserted without knowing whether they were stored: INSERT … ON CONFLICT (key) DO NOTHING. */
  readonly inserts: Values[];
  /** Keys of stored rows the batch deleted. */
  readonly deletes: Values[];
}

const signatureOf = (columns: readonly string[]): string => columns.join(',');

/** Timestamps come back from to_jsonb with an offset; in memory they read as events write them. */
const normalise = (row: Values, columns: Readonly<Record<string, ColumnType>>): Values => {
  for (const [column, type] of Object.entries(columns)) {
    const value = row[column];
    if (type === 'timestamptz' && typeof value === 'string') row[column] = new Date(value).toISOString();
  }
  return row;
};

export class RowSet<Row extends TenantRow, Key extends keyof Row & string> implements Rows<Row, Key> {
  private readonly known = new Map<string, Known>();
  /** Inserted while unknown: stored or not, the insert leaves the stored row (immutable tables: the same row). */
  private readonly pending = new Map<string, Values>();
  /** Signature → the value lists already loaded (or found absent) for it. */
  private readonly loaded = new Map<string, Set<string>>();
  /** Requests gathered before the batch is applied, not loaded yet. */
  private readonly wanted = new Map<string, RowRequest>();
  /** Lookup signature → values → keys of the rows (known present, or pending) with those values. */
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private readonly keyColumns: readonly string[];
  /** Lookups whose columns are all key columns: loading one settles every key within it. */
  private readonly covering: readonly (readonly string[])[];
  private readonly lookups: ReadonlyMap<string, readonly string[]>;
  /** Timestamp columns of the key and lookups: one instant has one spelling when it names a row. */
  private readonly instants: ReadonlySet<string>;

  constructor(
    readonly shape: TableShape<Row, Key>,
    private readonly tenantId: string,
    private readonly loader: RowLoader,
  ) {
    this.keyColumns = shape.key;
    const lookups = (shape.lookups ?? []) as readonly (readonly string[])[];
    this.lookups = new Map([this.keyColumns, ...lookups].map((columns) => [signatureOf(columns), columns]));
    this.covering = [this.keyColumns, ...lookups.filter((columns) => columns.every((column) => this.keyColumns.includes(column)))];
    for (const columns of lookups) this.indexes.set(signatureOf(columns), new Map());
    this.instants = new Set([...this.keyColumns, ...lookups.flat()].filter((column) => (shape.columns as Record<string, ColumnType>)[column] === 'timestamptz'));
  }

  insert(row: Row): void {
    const values = this.own(row);
    const key = this.keyOf(values);
    const known = this.known.get(key);
    if (known) {
      if (known.row === undefined) this.put(key, known, { ...values });
      return;
    }
    if (this.pending.has(key)) return;
    if (!this.shape.immutable && this.covered(values)) {
      this.known.set(key, { row: undefined, stored: false, dirty: false });
      this.put(key, this.known.get(key) as Known, { ...values });
      return;
    }
    this.pending.set(key, { ...values });
    this.index(key, undefined, values);
  }

  async get(key: KeyOf<Row, Key>): Promise<Readonly<Row> | undefined> {
    return (await this.resolve(this.own(key))).row as Row | undefined;
  }

  async update(key: KeyOf<Row, Key>, change: Partial<Row> | ((row: Readonly<Row>) => Partial<Row> | undefined)): Promise<void> {
    const values = this.own(key);
    const known = await this.resolve(values);
    if (known.row === undefined) return;
    const patch = typeof change === 'function' ? change(known.row as Row) : change;
    if (patch === undefined) return;
    for (const column of this.keyColumns) {
      if (column in patch && (patch as Values)[column] !== known.row[column]) throw new Error(`${this.shape.name}: an update cannot change the key column ${column}`);
    }
    this.put(this.keyOf(values), known, { ...known.row, ...patch });
  }

  async upsert(row: Row, columns?: readonly (keyof Row & string)[]): Promise<void> {
    const values = this.own(row);
    const known = await this.resolve(values);
    if (known.row === undefined) {
      this.put(this.keyOf(values), known, { ...values });
      return;
    }
    const set = columns ?? Object.keys(this.shape.columns).filter((column) => !this.keyColumns.includes(column));
    const next = { ...known.row };
    for (const column of set) next[column] = (values as Values)[column];
    this.put(this.keyOf(values), known, next);
  }

  async delete(key: KeyOf<Row, Key>): Promise<void> {
    const values = this.own(key);
    const known = await this.resolve(values);
    if (known.row === undefined) return;
    this.index(this.keyOf(values), known.row, undefined);
    known.row = undefined;
    known.dirty = true;
  }

  async where(match: Partial<Row>): Promise<readonly Readonly<Row>[]> {
    const values = this.own(match as Values);
    const columns = this.lookupFor(values);
    const signature = signatureOf(columns);
    const groupKey = this.groupKeyOf(columns, values);
    const inGroup = (row: Values) => columns.every((column) => row[column] === values[column]);
    if (!this.loaded.get(signature)?.has(groupKey)) {
      // Rows inserted while unknown that fall in the group are settled by the same load.
      const unsettled = this.shape.immutable ? [] : [...this.pending.values()].filter(inGroup);
      await this.load([{ columns, values: columns.map((column) => values[column]) }, ...unsettled.map((row) => this.keyRequest(row))]);
    }
    if (!this.shape.immutable) {
      const unsettled = [...this.pending.values()].filter((row) => inGroup(row) && !this.covered(row));
      if (unsettled.length > 0) await this.load(unsettled.map((row) => this.keyRequest(row)));
      for (const row of [...this.pending.values()].filter(inGroup)) await this.resolve(row);
    }
    const keys = signature === signatureOf(this.keyColumns) ? [this.keyOf(values)] : [...(this.indexes.get(signature)?.get(groupKey) ?? [])];
    const rows: Row[] = [];
    for (const key of keys) {
      const row = this.known.get(key)?.row ?? (this.shape.immutable ? this.pending.get(key) : undefined);
      if (row) rows.push(row as Row);
    }
    return rows;
  }

  /** Asks for the rows `request` names to be loaded with the batch's other rows, before any handler runs. */
  want(request: RowRequest): void {
    const values = Object.fromEntries(request.columns.map((column, index) => [column, request.values[index]]));
    if (this.loaded.get(signatureOf(request.columns))?.has(this.groupKeyOf(request.columns, values))) return;
    this.wanted.set(`${signatureOf(request.columns)}|${this.groupKeyOf(request.columns, values)}`, request);
  }

  /** The requests gathered by `want`, handed over once to be loaded together with other tables'. */
  takeWanted(): RowRequest[] {
    const requests = [...this.wanted.values()];
    this.wanted.clear();
    return requests;
  }

  /** Takes in what a load of `requests` found: loaded rows as stored, the rest of each request as absent. */
  absorb(requests: readonly RowRequest[], rows: readonly Values[]): void {
    for (const stored of rows) {
      const row = normalise(stored, this.shape.columns);
      const key = this.keyOf(row);
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
      const signature = signatureOf(request.columns);
      const values = Object.fromEntries(request.columns.map((column, index) => [column, request.values[index]]));
      let groups = this.loaded.get(signature);
      if (!groups) this.loaded.set(signature, (groups = new Set()));
      groups.add(this.groupKeyOf(request.columns, values));
      if (signature === signatureOf(this.keyColumns)) this.settle(this.keyOf(values));
    }
    // Unknown rows inside a group now loaded, whose columns are all key columns, are absent: settle them too.
    for (const [key, row] of [...this.pending]) if (!this.shape.immutable && this.covered(row)) this.settle(key);
  }

  /** What the batch changed, to be written back. */
  changes(): RowChanges {
    const upserts: Values[] = [];
    const deletes: Values[] = [];
    for (const [key, known] of this.known) {
      if (!known.dirty) continue;
      if (known.row) upserts.push(known.row);
      else if (known.stored) deletes.push(Object.fromEntries(this.keyColumns.map((column, index) => [column, (JSON.parse(key) as unknown[])[index]])));
    }
    return { upserts, inserts: [...this.pending.values()], deletes };
  }

  private async resolve(values: Values): Promise<Known> {
    if (this.shape.immutable) throw new Error(`${this.shape.name} is immutable: only insert and where apply`);
    const key = this.keyOf(values);
    const known = this.known.get(key);
    if (known) return known;
    if (!this.covered(this.pending.get(key) ?? values)) await this.load([this.keyRequest(values)]);
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
  private covered(values: Values): boolean {
    return this.covering.some((columns) => this.loaded.get(signatureOf(columns))?.has(this.groupKeyOf(columns, values)));
  }

  private index(key: string, before: Values | undefined, after: Values | undefined): void {
    for (const [signature, index] of this.indexes) {
      const columns = this.lookups.get(signature) as readonly string[];
      const from = before && this.groupKeyOf(columns, before);
      const to = after && this.groupKeyOf(columns, after);
      if (from === to) continue;
      if (from !== undefined) index.get(from)?.delete(key);
      if (to !== undefined) {
        let keys = index.get(to);
        if (!keys) index.set(to, (keys = new Set()));
        keys.add(key);
      }
    }
  }

  private lookupFor(values: Values): readonly string[] {
    const given = Object.keys(values).sort().join(',');
    for (const columns of this.lookups.values()) if ([...columns].sort().join(',') === given) return columns;
    throw new Error(`${this.shape.name} has no lookup by ${given}: declare it in the table's shape`);
  }

  private keyRequest(values: Values): RowRequest {
    return { columns: this.keyColumns, values: this.keyColumns.map((column) => values[column]) };
  }

  private keyOf(values: Values): string {
    return this.groupKeyOf(this.keyColumns, values);
  }

  private groupKeyOf(columns: readonly string[], values: Values): string {
    return JSON.stringify(columns.map((column) => this.spelling(column, values[column])));
  }

  private spelling(column: string, value: unknown): unknown {
    if (value === undefined) return null;
    return this.instants.has(column) && typeof value === 'string' ? new Date(value).toISOString() : value;
  }

  /** Every row and key a batch touches is its tenant's. */
  private own<Given extends object>(values: Given): Values {
    const tenant = (values as Values).tenant_id;
    if (tenant !== this.tenantId) throw new Error(`${this.shape.name}: a row of tenant ${String(tenant)} in a batch of tenant ${this.tenantId}`);
    return values as Values;
  }
}

/** The same tables for a first pass that only notes which rows the batch will read; it changes nothing. */
export class WantedRows<Row extends TenantRow, Key extends keyof Row & string> implements Rows<Row, Key> {
  constructor(private readonly rows: RowSet<Row, Key>) {}

  insert(): void {}

  async get(key: KeyOf<Row, Key>): Promise<undefined> {
    this.wantKey(key);
    return undefined;
  }

  async update(key: KeyOf<Row, Key>): Promise<void> {
    this.wantKey(key);
  }

  async upsert(row: Row): Promise<void> {
    this.wantKey(row);
  }

  async delete(key: KeyOf<Row, Key>): Promise<void> {
    this.wantKey(key);
  }

  async where(match: Partial<Row>): Promise<readonly Readonly<Row>[]> {
    const columns = Object.keys(match);
    const lookup = [this.rows.shape.key, ...(this.rows.shape.lookups ?? [])].find(
      (candidate) => [...candidate].sort().join(',') === [...columns].sort().join(','),
    ) as readonly string[] | undefined;
    if (lookup) this.rows.want({ columns: lookup, values: lookup.map((column) => (match as Values)[column]) });
    return [];
  }

  private wantKey(values: object): void {
    if (this.rows.shape.immutable) return;
    const key = this.rows.shape.key as readonly string[];
    this.rows.want({ columns: key, values: key.map((column) => (values as Values)[column]) });
  }
}
