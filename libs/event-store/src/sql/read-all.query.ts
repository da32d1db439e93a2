/**
 * Reads the global log in (tx_id, global_position) order, only below the oldest running
 * transaction (pg_snapshot_xmin): a transaction still running may commit rows that sort before what
 * has committed, so nothing at or past it is handed out yet. The checkpoint is the last row scanned
 * (the last returned on a full page, else the last row below that horizon), so filtered-out rows are
 * never scanned twice.
 */
import { ValidationError } from '@stepwise/kernel';
import { LOG_START, type LogCheckpoint, type ReadAllOptions, type ReadAllResult } from '../event-store.port';
import { APPEND_LIMITS, READ_LIMITS } from '../append/append.limits';
import { assertCount, assertTenantId } from '../append/stream-key.validator';
import type { UpcasterRegistry } from '../upcasting/upcaster.registry';
import type { SqlExecutor } from './sql-database.port';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './recorded-event.mapper';

const TAIL = `
SELECT t.tx_id::text AS tx_id, t.global_position
FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon) AS h
CROSS JOIN LATERAL (
  SELECT tx_id, global_position FROM es_events
  WHERE tx_id < h.horizon AND (tx_id, global_position) > ($1::text::xid8, $2::bigint)
  ORDER BY tx_id DESC, global_position DESC
  LIMIT 1
) AS t`;

const pageQuery = (tenant: boolean, types: boolean): string => `
SELECT ${EVENT_COLUMNS} FROM es_events
WHERE (tx_id, global_position) > ($1::text::xid8, $2::bigint)
  AND (tx_id, global_position) <= ($3::text::xid8, $4::bigint)
  ${tenant ? 'AND tenant_id = $6' : ''}
  ${types ? `AND event_type = ANY($${tenant ? 7 : 6}::text[])` : ''}
ORDER BY tx_id, global_position
LIMIT $5`;

const assertCheckpoint = (checkpoint: LogCheckpoint): void => {
  const valid = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!checkpoint || !valid(checkpoint.txId) || !valid(checkpoint.globalPosition)) {
    throw new ValidationError('after must be a checkpoint of two non-negative integers', { field: 'after' });
  }
};

export const assertReadAllOptions = (options: ReadAllOptions): void => {
  if (options.after) assertCheckpoint(options.after);
  if (options.tenantId !== undefined) assertTenantId(options.tenantId);
  assertCount(options.maxCount, 'maxCount', READ_LIMITS.maxCount);
  if (options.eventTypes !== undefined) {
    const types = options.eventTypes;
    if (!Array.isArray(types) || types.length === 0 || !types.every((t) => typeof t === 'string' && APPEND_LIMITS.eventTypePattern.test(t))) {
      throw new ValidationError('eventTypes must be a non-empty list of event types', { field: 'eventTypes' });
    }
  }
};

export const readAllPage = async (executor: SqlExecutor, options: ReadAllOptions, upcasters?: UpcasterRegistry): Promise<ReadAllResult> => {
  assertReadAllOptions(options);
  const after = options.after ?? LOG_START;
  const limit = options.maxCount ?? READ_LIMITS.defaultReadAllCount;
  const tail = await executor.query<{ tx_id: string; global_position: string | number }>(TAIL, [after.txId, after.globalPosition]);
  if (tail.rows.length === 0) return { events: [], checkpoint: after };
  const end: LogCheckpoint = { txId: Number(tail.rows[0].tx_id), globalPosition: Number(tail.rows[0].global_position) };
  const params: unknown[] = [after.txId, after.globalPosition, end.txId, end.globalPosition, limit];
  if (options.tenantId !== undefined) params.push(options.tenantId);
  if (options.eventTypes !== undefined) params.push(options.eventTypes);
  const page = await executor.query<EventRow>(pageQuery(options.tenantId !== undefined, options.eventTypes !== undefined), params);
  const events = page.rows.map((row) => toRecordedEvent(row, upcasters));
  const last = events[events.length - 1];
  const checkpoint = events.length === limit ? { txId: last.txId, globalPosition: last.globalPosition } : end;
  return { events, checkpoint };
};

/** The last committed event visible now (LOG_START when the log is empty): what "caught up" aims at. */
export const logHead = async (executor: SqlExecutor): Promise<LogCheckpoint> => {
  const { rows } = await executor.query<{ tx_id: string; global_position: string | number }>(
    'SELECT tx_id::text AS tx_id, global_position FROM es_events ORDER BY tx_id DESC, global_position DESC LIMIT 1',
  );
  return rows.length === 0 ? LOG_START : { txId: Number(rows[0].tx_id), globalPosition: Number(rows[0].global_position) };
};
