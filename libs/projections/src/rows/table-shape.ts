/**
 * A read table as a row projection sees it: every column with its SQL type, the key (leading with
 * tenant_id), and the columns handlers may look rows up by besides the key. The shape must name every
 * column of the table: a row is written whole, and a column it does not name would keep a stale value
 * where an insert would have given it its default (`libs/read-models/src/table-shapes.int.spec.ts` checks it).
 */
export type ColumnType = 'text' | 'integer' | 'smallint' | 'bigint' | 'boolean' | 'timestamptz' | 'date' | 'jsonb';

/** Every row belongs to one tenant. */
export interface TenantRow {
  readonly tenant_id: string;
}

export interface TableShape<Row extends TenantRow, Key extends keyof Row & string = keyof Row & string> {
  /** The table, schema-qualified where it lives outside the search path. */
  readonly name: string;
  /** The primary key, tenant_id first. */
  readonly key: readonly Key[];
  readonly columns: { readonly [Column in keyof Row & string]-?: ColumnType };
  /** Column lists (tenant_id first) rows are looked up by with `where`, beside the key. */
  readonly lookups?: readonly (readonly (keyof Row & string)[])[];
  /**
   * Rows are written once and never change, and the key names the whole row (a stream position, an
   * event's own id): a row inserted in a batch is the row, stored before or not. Only `insert` and
   * `where` apply; a batch never loads such a row just to learn whether it exists.
   */
  readonly immutable?: boolean;
}

/** A table of any row type, where only the runner handles it (handlers see their own). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyShape = TableShape<any, any>;

/** The key columns of a row. */
export type KeyOf<Row extends TenantRow, Key extends keyof Row & string> = Pick<Row, Key>;

/** The same table in another schema (the analytics rebuild builds a copy beside the live tables). */
export const inSchema = <Row extends TenantRow, Key extends keyof Row & string>(shape: TableShape<Row, Key>, schema: string): TableShape<Row, Key> => ({
  ...shape,
  name: `${schema}.${shape.name.slice(shape.name.indexOf('.') + 1)}`,
});
