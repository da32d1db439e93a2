/**
 * Processor checkpoints in `es_checkpoints`, always the (txId, globalPosition) pair. `saveCheckpoint`
 * is a compare-and-set meant to run in the same transaction as the processor's writes: when another
 * runner moved the checkpoint first it throws, and the caller's transaction rolls back its writes too
 * (and the notification it may send with it).
 */
import { ValidationError } from '@stepwise/kernel';
import { CheckpointConflictError } from '../event-store.errors';
import { LOG_START, type LogCheckpoint } from '../event-store.port';
import { compareCheckpoints } from '../log-checkpoint';
import type { SqlExecutor } from '@stepwise/database';

interface CheckpointRow {
  tx_id: string;
  global_position: string | number;
}

const PROCESSOR = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

const assertProcessor = (processor: string): void => {
  if (typeof processor !== 'string' || !PROCESSOR.test(processor)) {
    throw new ValidationError('processor must be 1..200 characters of letters, digits, . _ : -', { field: 'processor' });
  }
};

export const loadCheckpoint = async (executor: SqlExecutor, processor: string): Promise<LogCheckpoint> => {
  assertProcessor(processor);
  const { rows } = await executor.query<CheckpointRow>(
    'SELECT tx_id::text AS tx_id, global_position FROM es_checkpoints WHERE processor = $1',
    [processor],
  );
  return rows.length === 0 ? LOG_START : { txId: Number(rows[0].tx_id), globalPosition: Number(rows[0].global_position) };
};

export interface CheckpointAnnouncement {
  readonly channel: string;
  readonly payload: string;
}

/** Adds a parameter to a statement being built; answers its placeholder (`$3`). */
export type SqlParam = (value: unknown) => string;

/**
 * The compare-and-set as parts of a statement: a CTE named `saved`, and a select list answering
 * `saved` (1, or 0 when another runner moved the checkpoint first) and, when asked, sending the
 * announcement, which goes out at commit with the checkpoint. A caller that writes in the same
 * transaction may put its writes beside it, saving a round trip; `checkpointSaved` then judges `saved`.
 */
export const checkpointSaveParts = (
  processor: string,
  expected: LogCheckpoint,
  next: LogCheckpoint,
  announce: CheckpointAnnouncement | undefined,
  param: SqlParam,
): { readonly cte: string; readonly select: string } => {
  assertProcessor(processor);
  if (compareCheckpoints(next, expected) < 0) {
    throw new ValidationError('A checkpoint only moves forward', { field: 'next' });
  }
  // From the start, the row may not exist yet: insert it, or move it only if it is still at the start.
  const save =
    compareCheckpoints(expected, LOG_START) === 0
      ? `INSERT INTO es_checkpoints AS c (processor, tx_id, global_position) VALUES (${param(processor)}, ${param(next.txId)}::text::xid8, ${param(next.globalPosition)})
         ON CONFLICT (processor) DO UPDATE SET tx_id = EXCLUDED.tx_id, global_position = EXCLUDED.global_position, updated_at = now()
         WHERE c.tx_id = '0'::xid8 AND c.global_position = 0`
      : `UPDATE es_checkpoints SET tx_id = ${param(next.txId)}::text::xid8, global_position = ${param(next.globalPosition)}, updated_at = now()
         WHERE processor = ${param(processor)} AND tx_id = ${param(expected.txId)}::text::xid8 AND global_position = ${param(expected.globalPosition)}`;
  const notify = announce ? `, pg_notify(${param(announce.channel)}, ${param(announce.payload)})` : '';
  return { cte: `saved AS (${save} RETURNING 1)`, select: `(SELECT count(*) FROM saved)::int AS saved${notify}` };
};

/** Throws CheckpointConflictError unless the save moved the checkpoint (`saved` as checkpointSaveParts answers it). */
export const checkpointSaved = async (tx: SqlExecutor, processor: string, expected: LogCheckpoint, saved: number): Promise<void> => {
  if (saved !== 1) throw new CheckpointConflictError(processor, expected, await loadCheckpoint(tx, processor));
};

export const saveCheckpoint = async (
  tx: SqlExecutor,
  processor: string,
  expected: LogCheckpoint,
  next: LogCheckpoint,
  announce?: CheckpointAnnouncement,
): Promise<void> => {
  const values: unknown[] = [];
  const { cte, select } = checkpointSaveParts(processor, expected, next, announce, (value) => `$${values.push(value)}`);
  const { rows } = await tx.query<{ saved: number }>(`WITH ${cte} SELECT ${select}`, values);
  await checkpointSaved(tx, processor, expected, rows[0].saved);
};
