/**
 * Rows written to tables in one statement, as row projections write theirs (multi-row upserts,
 * inserts and deletes as data-modifying CTEs), for code that decides its rows itself: a batch
 * projection with state of its own (the nudge policy), and the runner's checkpoint riding along.
 */
import type { SqlExecutor } from '@stepwise/database';
import { writeStatement, type StatementTail } from './row-statements';
import { statementPlans } from './statement-plans';
import type { AnyShape } from './table-shape';

export type { StatementTail } from './row-statements';

/** One table's rows: upserted (ON CONFLICT on the shape's key DO UPDATE), inserted (DO NOTHING) or deleted by key. */
export interface TableWrite {
  readonly shape: AnyShape;
  readonly changes: { readonly upserts?: readonly object[]; readonly inserts?: readonly object[]; readonly deletes?: readonly object[] };
}

type Values = Record<string, unknown>;

export interface TablesWritten {
  /** Rows the statement changed, when it was a single write without a tail (an insert's new rows). */
  readonly rowCount: number;
  /** The tail's answer (the checkpoint's `saved`), when a tail was given. */
  readonly answer: Record<string, unknown> | undefined;
}

/** Sends every table's rows (and the tail) as one statement; sends nothing when there is neither. */
export const writeTables = async (tx: SqlExecutor, writes: readonly TableWrite[], tail?: StatementTail): Promise<TablesWritten> => {
  const statement = writeStatement(
    writes.map(({ shape, changes }) => ({ shape, changes: { upserts: (changes.upserts ?? []) as Values[], inserts: (changes.inserts ?? []) as Values[], deletes: (changes.deletes ?? []) as Values[] } })),
    [],
    tail,
  );
  if (!statement) return { rowCount: 0, answer: undefined };
  const { rows, rowCount } = await tx.query<Record<string, unknown>>(statement.text, statement.values, { prepare: statementPlans.prepare(statement.text) });
  return { rowCount, answer: tail ? rows[0] : undefined };
};
