/**
 * The SQL of row projections: the rows a batch reads, loaded for every table in one statement, and
 * what it changed, written back in one statement, a multi-row INSERT … SELECT FROM json_to_recordset
 * per table (ON CONFLICT DO UPDATE for rows it knows, DO NOTHING for rows it only inserted) and a
 * DELETE … USING for rows it deleted, as data-modifying CTEs of one statement. Each table appears
 * once per kind of write and every row once, so no row is changed twice by one statement.
 *
 * The text depends only on which tables and kinds of write a batch has (the data travels as one
 * json parameter each), so the same few statements are prepared once per connection and reused.
 */
import type { RowChanges, RowRequest } from './row-set';
import type { AnyShape } from './table-shape';

type Values = Record<string, unknown>;

export interface SqlStatement {
  readonly text: string;
  readonly values: unknown[];
}

/** Builds one statement from parts, numbering the parameters as it goes. */
class StatementBuilder {
  readonly values: unknown[] = [];

  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  json(rows: readonly Values[]): string {
    return `${this.param(JSON.stringify(rows))}::json`;
  }
}

const recordOf = (shape: AnyShape, columns: readonly string[]): string =>
  columns.map((column) => `${column} ${(shape.columns as Record<string, string>)[column]}`).join(', ');

/**
 * The rows matching each table's requests, one scalar subquery (a json array) per table and lookup:
 * a lateral index probe per requested value list, so a batch's cost follows what it reads, never the
 * table's size.
 */
export const loadStatement = (loads: readonly { readonly shape: AnyShape; readonly requests: readonly RowRequest[] }[]): { statement: SqlStatement; parts: { load: number; columns: string }[] } => {
  const builder = new StatementBuilder();
  const selects: string[] = [];
  const parts: { load: number; columns: string }[] = [];
  loads.forEach(({ shape, requests }, load) => {
    // A lookup's requests share its column list (the same array).
    const byColumns = new Map<readonly string[], Values[]>();
    for (const { columns, values } of requests) {
      let rows = byColumns.get(columns);
      if (!rows) byColumns.set(columns, (rows = []));
      const row: Values = {};
      for (let index = 0; index < columns.length; index += 1) row[columns[index]] = values[index];
      rows.push(row);
    }
    for (const [columns, rows] of byColumns) {
      const signature = columns.join(',');
      const match = columns.map((column) => `t.${column} = x.${column}`).join(' AND ');
      selects.push(
        `(SELECT coalesce(json_agg(t), '[]'::json) FROM json_to_recordset(${builder.json(rows)}) AS x(${recordOf(shape, columns)})
          CROSS JOIN LATERAL (SELECT * FROM ${shape.name} t WHERE ${match}) t) AS r${selects.length}`,
      );
      parts.push({ load, columns: signature });
    }
  });
  return { statement: { text: `SELECT ${selects.join(',\n')}`, values: builder.values }, parts };
};

/** A write's text around its one json parameter, made once per table and kind of write. */
type Around = readonly [before: string, after: string];

const texts = new WeakMap<AnyShape, Map<string, Around>>();

const around = (shape: AnyShape, kind: 'update' | 'nothing' | 'unchecked' | 'delete', make: () => Around): Around => {
  let byKind = texts.get(shape);
  if (!byKind) texts.set(shape, (byKind = new Map()));
  let text = byKind.get(kind);
  if (!text) byKind.set(kind, (text = make()));
  return text;
};

/** `unchecked`: a plain INSERT, no ON CONFLICT (see WriteOptions.fresh). */
const upsertSql = (builder: StatementBuilder, shape: AnyShape, rows: readonly Values[], onConflict: 'update' | 'nothing' | 'unchecked'): string => {
  const [before, after] = around(shape, onConflict, () => {
    const columns = Object.keys(shape.columns);
    const key = shape.key as readonly string[];
    const set = columns.filter((column) => !key.includes(column)).map((column) => `${column} = EXCLUDED.${column}`);
    const action = onConflict === 'update' && set.length > 0 ? `UPDATE SET ${set.join(', ')}` : 'NOTHING';
    const conflict = onConflict === 'unchecked' ? '' : `
    ON CONFLICT (${key.join(', ')}) DO ${action}`;
    return [
      `INSERT INTO ${shape.name} (${columns.join(', ')})
    SELECT ${columns.join(', ')} FROM json_to_recordset(`,
      `) AS x(${recordOf(shape, columns)})${conflict}`,
    ];
  });
  return `${before}${builder.json(rows)}${after}`;
};

const deleteSql = (builder: StatementBuilder, shape: AnyShape, keys: readonly Values[]): string => {
  const [before, after] = around(shape, 'delete', () => {
    const key = shape.key as readonly string[];
    return [`DELETE FROM ${shape.name} t USING json_to_recordset(`, `) AS x(${recordOf(shape, key)})
    WHERE ${key.map((column) => `t.${column} = x.${column}`).join(' AND ')}`];
  });
  return `${before}${builder.json(keys)}${after}`;
};

/**
 * What else the statement does, after the writes (the runner's checkpoint): a CTE of its own, and
 * the select list the statement answers with.
 */
export type StatementTail = (param: (value: unknown) => string) => { readonly cte: string; readonly select: string };

/** A notification sent with the writes (delivered at commit). */
export interface Notice {
  readonly channel: string;
  readonly payload: string;
}

/** How a batch's rows are written. */
export interface WriteOptions {
  /**
   * The tables were emptied when the runner began and no one else writes them (a rebuild): a row of
   * an immutable table, named by its key as the event that wrote it, cannot be stored before the
   * batch inserts it, so it goes in by a plain INSERT instead of ON CONFLICT DO NOTHING (a
   * speculative insertion: an index probe more and a WAL record more, per row). Should such a row be
   * there after all (a log naming one twice), the INSERT fails, the batch rolls back, and the runner
   * applies it again one by one, written as always (projection-runner.ts).
   */
  readonly fresh?: boolean;
}

/** Every table's changes in one statement, with the notices and the tail if given; undefined when there is nothing to send. */
export const writeStatement = (
  writes: readonly { readonly shape: AnyShape; readonly changes: RowChanges }[],
  notices: readonly Notice[] = [],
  tail?: StatementTail,
  options: WriteOptions = {},
): SqlStatement | undefined => {
  const builder = new StatementBuilder();
  const parts: string[] = [];
  for (const { shape, changes } of writes) {
    if (changes.deletes.length > 0) parts.push(deleteSql(builder, shape, changes.deletes));
    if (changes.upserts.length > 0) parts.push(upsertSql(builder, shape, changes.upserts, 'update'));
    if (changes.inserts.length > 0) parts.push(upsertSql(builder, shape, changes.inserts, options.fresh && shape.immutable ? 'unchecked' : 'nothing'));
  }
  const ctes = parts.map((part, index) => `w${index} AS (${part})`);
  const select = notices.map(({ channel, payload }) => `pg_notify(${builder.param(channel)}, ${builder.param(payload)})`);
  if (tail) {
    const { cte, select: answer } = tail((value) => builder.param(value));
    ctes.push(cte);
    // After the notices: a listener hears what changed before it hears the checkpoint that covers it.
    select.push(answer);
  }
  if (select.length > 0) return { text: `${ctes.length > 0 ? `WITH ${ctes.join(',\n')}\n` : ''}SELECT ${select.join(', ')}`, values: builder.values };
  if (parts.length === 0) return undefined;
  const last = parts[parts.length - 1];
  const text = parts.length === 1 ? last : `WITH ${ctes.slice(0, -1).join(',\n')}\n${last}`;
  return { text, values: builder.values };
};
