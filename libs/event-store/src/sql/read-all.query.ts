/**
 * Reads the global log in (tx_id, global_position) order, only below the oldest running
 * transaction (pg_snapshot_xmin): a transaction still running may commit rows that sort before what
 * has committed, so nothing at or past it is handed out yet. The checkpoint is the last row scanned
 * (the last returned on a full page, else the last row below that horizon), so filtered-out rows are
 * never scanned twice.
 */
import { ValidationError } from '@stepwise/kernel';
import { LOG_START, type LogCheckpoint, type ReadAllOptions, type ReadAllResult, type RecordedEvent } from '../event-store.port';
import { compareCheckpoints } from '../log-checkpoint';
import { APPEND_LIMITS, READ_LIMITS } from '../append/append.limits';
import { assertCount, assertTenantId } from '../append/stream-key.validator';
import type { UpcasterRegistry } from '../upcasting/upcaster.registry';
import type { SqlExecutor } from '@stepwise/database';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './recorded-event.mapper';

// One statement, hence one snapshot, per page. `t` is the tail: the last row below the horizon
// (nothing at all when no row is). The page `e` is read up to that tail, so it never reaches a
// transaction that may still commit. A LEFT JOIN keeps the tail row when the filters leave no events,
// so a filtered read still moves past what it skipped. Columns are uncast, and ORDER BY names table
// columns: an output column aliased to a column's name (`tx_id::text AS tx_id`) would sort as text.
const pageQuery = (tenant: boolean, types: boolean): string => `
SELECT t.tx_id AS tail_tx_id, t.global_position AS tail_position, e.*
FROM (
  SELECT tx_id, global_position FROM es_events
  WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot()) AND (tx_id, global_position) > ($1::text::xid8, $2::bigint)
  ORDER BY tx_id DESC, global_position DESC
  LIMIT 1
) AS t
LEFT JOIN LATERAL (
  SELECT ${EVENT_COLUMNS} FROM es_events
  WHERE (tx_id, global_position) > ($1::text::xid8, $2::bigint)
    AND (tx_id, global_position) <= (t.tx_id, t.global_position)
    ${tenant ? 'AND tenant_id = $4' : ''}
    ${types ? `AND event_type = ANY($${tenant ? 5 : 4}::text[])` : ''}
  ORDER BY tx_id, global_position
  LIMIT $3
) AS e ON true`;

interface PageRow extends EventRow {
  readonly tail_tx_id: string;
  readonly tail_position: string | number;
}

const PAGE_QUERIES = [pageQuery(false, false), pageQuery(false, true), pageQuery(true, false), pageQuery(true, true)];

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

const checkpointOf = (txId: string | number, globalPosition: string | number): LogCheckpoint => ({
  txId: Number(txId),
  globalPosition: Number(globalPosition),
});

// The page is ordered inside the lateral subquery and a nested loop keeps that order, but SQL does
// not promise it for a join: check in one pass, and sort should a plan ever deliver otherwise.
const inLogOrder = (events: RecordedEvent[]): RecordedEvent[] => {
  for (let index = 1; index < events.length; index += 1) {
    if (compareCheckpoints(events[index - 1], events[index]) >= 0) return events.sort(compareCheckpoints);
  }
  return events;
};

export const readAllPage = async (executor: SqlExecutor, options: ReadAllOptions, upcasters?: UpcasterRegistry): Promise<ReadAllResult> => {
  assertReadAllOptions(options);
  const after = options.after ?? LOG_START;
  const limit = options.maxCount ?? READ_LIMITS.defaultReadAllCount;
  const tenant = options.tenantId !== undefined;
  const types = options.eventTypes !== undefined;
  const params: unknown[] = [after.txId, after.globalPosition, limit];
  if (tenant) params.push(options.tenantId);
  if (types) params.push(options.eventTypes);
  const { rows } = await executor.query<PageRow>(PAGE_QUERIES[(tenant ? 2 : 0) + (types ? 1 : 0)], params);
  if (rows.length === 0) return { events: [], checkpoint: after };
  // No events, but a tail: the filters skipped every row below the horizon.
  if (rows[0].event_id === null) return { events: [], checkpoint: checkpointOf(rows[0].tail_tx_id, rows[0].tail_position) };
  const events = inLogOrder(rows.map((row) => toRecordedEvent(row, upcasters)));
  const last = events[events.length - 1];
  const checkpoint =
    events.length === limit ? { txId: last.txId, globalPosition: last.globalPosition } : checkpointOf(rows[0].tail_tx_id, rows[0].tail_position);
  return { events, checkpoint };
};

/** The last committed event visible now (LOG_START when the log is empty): what "caught up" aims at. */
export const logHead = async (executor: SqlExecutor): Promise<LogCheckpoint> => {
  const { rows } = await executor.query<{ tx_id: string; global_position: string | number }>(
    'SELECT tx_id, global_position FROM es_events ORDER BY tx_id DESC, global_position DESC LIMIT 1',
  );
  return rows.length === 0 ? LOG_START : checkpointOf(rows[0].tx_id, rows[0].global_position);
};
