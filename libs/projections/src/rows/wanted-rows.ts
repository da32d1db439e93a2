/**
 * The first pass over a batch: handlers run against these tables only to note which rows the batch
 * will read, so that one statement can load them all before the batch is applied.
 */
import type { RowSet, Rows } from './row-set';
import type { KeyOf, TenantRow } from './table-shape';

/**
 * Ends a handler's first pass at a read whose answer it would go on with: what it reads after that
 * usually depends on it. One instance, thrown each time: making an error per event costs a stack trace.
 */
const FIRST_PASS_END = new Error('end of the first pass');

/**
 * The same tables for a first pass that only notes which rows the batch will read: it changes
 * nothing, and a handler stops at its first `get` or `where` (a row it reads after that is loaded
 * when reached, if it was not already loaded).
 */
export class WantedRows<Row extends TenantRow, Key extends keyof Row & string> implements Rows<Row, Key> {
  constructor(private readonly rows: RowSet<Row, Key>) {}

  insert(): void {}

  async get(key: KeyOf<Row, Key>): Promise<undefined> {
    this.rows.want(key, 'key');
    throw FIRST_PASS_END;
  }

  async update(key: KeyOf<Row, Key>): Promise<void> {
    this.rows.want(key, 'key');
  }

  async upsert(row: Row): Promise<void> {
    this.rows.want(row, 'key');
  }

  async delete(key: KeyOf<Row, Key>): Promise<void> {
    this.rows.want(key, 'key');
  }

  async where(match: Partial<Row>): Promise<readonly Readonly<Row>[]> {
    this.rows.want(match, 'lookup');
    throw FIRST_PASS_END;
  }
}
