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

// From the start, the row may not exist yet: insert it, or move it only if it is still at the start.
const SAVE_FROM_START = `
INSERT INTO es_checkpoints AS c (processor, tx_id, global_position) VALUES ($1, $2::text::xid8, $3)
ON CONFLICT (processor) DO UPDATE SET tx_id = EXCLUDED.tx_id, global_position = EXCLUDED.global_position, updated_at = now()
  WHERE c.tx_id = '0'::xid8 AND c.global_position = 0`;

const SAVE_FROM = `
UPDATE es_checkpoints SET tx_id = $2::text::xid8, global_position = $3, updated_at = now()
WHERE processor = $1 AND tx_id = $4::text::xid8 AND global_position = $5`;

/** The save and a notification in one round trip: the notification goes out at commit, with the checkpoint. */
const announced = (save: string, channel: number): string =>
  `WITH saved AS (${save} RETURNING 1) SELECT (SELECT count(*) FROM saved)::int AS saved, pg_notify($${channel}, $${channel + 1})`;

const SAVE_FROM_START_ANNOUNCED = announced(SAVE_FROM_START, 4);
const SAVE_FROM_ANNOUNCED = announced(SAVE_FROM, 6);

export interface CheckpointAnnouncement {
  readonly channel: string;
  readonly payload: string;
}

export const saveCheckpoint = async (
  tx: SqlExecutor,
  processor: string,
  expected: LogCheckpoint,
  next: LogCheckpoint,
  announce?: CheckpointAnnouncement,
): Promise<void> => {
  assertProcessor(processor);
  if (compareCheckpoints(next, expected) < 0) {
    throw new ValidationError('A checkpoint only moves forward', { field: 'next' });
  }
  const fromStart = compareCheckpoints(expected, LOG_START) === 0;
  const params = fromStart ? [processor, next.txId, next.globalPosition] : [processor, next.txId, next.globalPosition, expected.txId, expected.globalPosition];
  let saved: number;
  if (announce) {
    const { rows } = await tx.query<{ saved: number }>(fromStart ? SAVE_FROM_START_ANNOUNCED : SAVE_FROM_ANNOUNCED, [...params, announce.channel, announce.payload]);
    saved = rows[0].saved;
  } else {
    saved = (await tx.query(fromStart ? SAVE_FROM_START : SAVE_FROM, params)).rowCount;
  }
  if (saved !== 1) throw new CheckpointConflictError(processor, expected, await loadCheckpoint(tx, processor));
};
