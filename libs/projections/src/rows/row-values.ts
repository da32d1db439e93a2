/**
 * How a row set spells the values it keys rows by: the values of a key's or a lookup's columns
 * joined into one map key, one instant spelt one way, and timestamps as events write them.
 */
import type { AnyShape, ColumnType } from './table-shape';

type Values = Record<string, unknown>;

/** Joins values into one map key. NUL cannot occur in PostgreSQL text, so no two value lists join alike. */
const SEPARATOR = '\u0000';

/** One per table shape: a row set is made per tenant and batch, its spelling depends on the shape alone. */
const byShape = new WeakMap<AnyShape, RowValues>();

export class RowValues {
  /** Timestamp columns: one instant has one spelling in memory. */
  private readonly instants: readonly string[];
  /** Timestamp columns of the key and the lookups. */
  private readonly keyInstants: ReadonlySet<string>;

  /** The spelling of this shape's values. */
  static of(shape: AnyShape): RowValues {
    let values = byShape.get(shape);
    if (!values) byShape.set(shape, (values = new RowValues(shape)));
    return values;
  }

  private constructor(shape: AnyShape) {
    const columns = shape.columns as Readonly<Record<string, ColumnType>>;
    const keyed = [shape.key as readonly string[], ...((shape.lookups ?? []) as readonly (readonly string[])[])].flat();
    this.instants = Object.keys(columns).filter((column) => columns[column] === 'timestamptz');
    this.keyInstants = new Set(keyed.filter((column) => columns[column] === 'timestamptz'));
  }

  /**
   * The values of these columns joined. Every row and key of a set is its tenant's (the set refuses
   * others), so the tenant_id that leads every key and lookup tells none apart and is left out: a
   * key of one column besides it is that column's own string, made for nothing.
   */
  group(columns: readonly string[], values: Values): string {
    const first = columns[0] === 'tenant_id' ? 1 : 0;
    let joined = '';
    for (let index = first; index < columns.length; index += 1) {
      const column = columns[index];
      const value = values[column];
      const spelt = value === undefined || value === null ? SEPARATOR : this.keyInstants.has(column) ? new Date(value as string).toISOString() : String(value);
      joined = index === first ? spelt : `${joined}${SEPARATOR}${spelt}`;
    }
    return joined;
  }

  /** Whether two values of a keyed column name the same thing (an instant, however spelt). */
  same(column: string, a: unknown, b: unknown): boolean {
    if (a === b) return true;
    return this.keyInstants.has(column) && typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b);
  }

  /** Timestamps come back from json_agg with an offset; in memory they read as events write them. */
  normalise(row: Values): Values {
    for (const column of this.instants) {
      const value = row[column];
      if (typeof value === 'string') row[column] = new Date(value).toISOString();
    }
    return row;
  }
}
