/**
 * Reads the global log in (tx_id, global_position) order, only below the horizon: the oldest
 * transaction that may still commit rows into this database's `es_events` which sort before what has
 * committed, so nothing at or past it is handed out yet. The checkpoint is the last row scanned
 * (the last returned on a full page, else the last row below that horizon), so filtered-out rows are
 * never scanned twice.
 */
import { ValidationError } from '@stepwise/kernel';
import { LOG_START, type LogCheckpoint, type ReadAllOptions, type ReadAllResult, type RecordedEvent, type SubscriptionOptions } from '../event-store.port';
import { compareCheckpoints } from '../log-checkpoint';
import { APPEND_LIMITS, READ_LIMITS } from '../append/append.limits';
import { assertCount, assertTenantId } from '../append/stream-key.validator';
import type { UpcasterRegistry } from '../upcasting/upcaster.registry';
import type { SqlExecutor } from '@stepwise/database';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './recorded-event.mapper';

/**
 * Where the horizon comes from. PostgreSQL: the statement's snapshot minus what cannot write our rows
 * (see HORIZON_POSTGRES). PGlite: the snapshot's oldest running transaction, which on its one
 * session is never anyone else's.
 */
export type LogHorizon = 'database' | 'snapshot';

// The horizon on PostgreSQL. Below the snapshot's xmax, a transaction id not in the snapshot's
// in-progress list (xip) has ended: its rows are visible, or never will be. Of those in xip, one
// holds the horizon unless it is proven harmless, and only two proofs count, because both stay true
// whenever they are checked, before or after this snapshot was taken:
//  - it is aborted (final);
//  - it runs in a backend, or is prepared, in ANOTHER database: a transaction writes only the
//    database its backend is connected to, and a backend never changes database.
// Everything else holds: one running here; one that committed since the snapshot (its rows are
// invisible to this statement, so moving past it would skip them for good); one we cannot place
// (it ended between the snapshot and the look at pg_stat_activity, or runs in a process without a
// database). The snapshot has 64-bit ids (xid8), backends and prepared transactions 32-bit ones
// (xid): ids running at the same time differ by less than 2^31, so the 32-bit form names one of them.
// pg_stat_activity shows datid and backend_xid of every role's sessions, and pg_prepared_xacts and
// pg_xact_status are open to PUBLIC: no privilege beyond reading es_events is needed.
const HORIZON_POSTGRES = `
snap AS MATERIALIZED (SELECT pg_current_snapshot() AS s),
horizon AS MATERIALIZED (
  SELECT COALESCE(
    (SELECT min(x) FROM pg_snapshot_xip((SELECT s FROM snap)) AS x
      WHERE pg_xact_status(x) IS DISTINCT FROM 'aborted'
        AND NOT EXISTS (
          SELECT 1 FROM pg_stat_activity a
          WHERE a.backend_xid = x::xid AND a.datid <> (SELECT oid FROM pg_database WHERE datname = current_database()))
        AND NOT EXISTS (
          SELECT 1 FROM pg_prepared_xacts p WHERE p.transaction = x::xid AND p.database <> current_database())),
    (SELECT pg_snapshot_xmax(s) FROM snap)) AS h
)`;

const HORIZON_SNAPSHOT = `horizon AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS h)`;

// One statement, hence one snapshot, per page. `t` is the tail: the last row below the horizon
// (nothing at all when no row is). The page `e` is read up to that tail, so it never reaches a
// transaction that may still commit. A LEFT JOIN keeps the tail row when the filters leave no events,
// so a filtered read still moves past what it skipped; the horizon row is always there, so `held`
// (rows committed past the checkpoint but at or past the horizon: a reader should look again soon)
// comes back even when nothing is readable. Columns are uncast, and ORDER BY names table columns: an
// output column aliased to a column's name (`tx_id::text AS tx_id`) would sort as text.
// `held` is its own materialised CTE, asked as a row comparison from the horizon in index order:
// in the select list it was a subplan run once per event of the page, each a scan of the whole
// log, which made a page of 500 cost most of a second at 30,000 events and grew with the log.
const pageQuery = (horizon: LogHorizon, tenant: boolean, types: boolean): string => `
WITH ${horizon === 'database' ? HORIZON_POSTGRES : HORIZON_SNAPSHOT},
held AS MATERIALIZED (
  SELECT (
    SELECT true FROM es_events
    WHERE (tx_id, global_position) >= ((SELECT h FROM horizon), 0::bigint) AND (tx_id, global_position) > ($1::text::xid8, $2::bigint)
    ORDER BY tx_id, global_position
    LIMIT 1
  ) IS NOT NULL AS held
)
SELECT held.held, t.tx_id AS tail_tx_id, t.global_position AS tail_position, e.*
FROM horizon
CROSS JOIN held
LEFT JOIN LATERAL (
  SELECT tx_id, global_position FROM es_events
  WHERE tx_id < horizon.h AND (tx_id, global_position) > ($1::text::xid8, $2::bigint)
  ORDER BY tx_id DESC, global_position DESC
  LIMIT 1
) AS t ON true
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
  readonly held: boolean;
  readonly tail_tx_id: string | null;
  readonly tail_position: string | number | null;
}

const queriesFor = (horizon: LogHorizon): string[] => [
  pageQuery(horizon, false, false),
  pageQuery(horizon, false, true),
  pageQuery(horizon, true, false),
  pageQuery(horizon, true, true),
];
const PAGE_QUERIES: Record<LogHorizon, string[]> = { database: queriesFor('database'), snapshot: queriesFor('snapshot') };

/** A page of the global log, and whether committed rows wait beyond the horizon (read again soon). */
export interface GlobalLogPage extends ReadAllResult {
  readonly held: boolean;
  /** The page stopped at its limit: more may follow its checkpoint at once. */
  readonly full: boolean;
}

const assertCheckpoint = (checkpoint: LogCheckpoint): void => {
  const valid = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!checkpoint || !valid(checkpoint.txId) || !valid(checkpoint.globalPosition)) {
    throw new ValidationError('after must be a checkpoint of two non-negative integers', { field: 'after', reason: 'INVALID_FORMAT' });
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

const MIN_POLL_INTERVAL_MS = 1;
const MAX_WAIT_MS = 3_600_000;

const assertWait = (value: unknown, field: string, min: number): void => {
  if (value === undefined) return;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > MAX_WAIT_MS) {
    throw new ValidationError(`${field} must be an integer number of milliseconds from ${min} to ${MAX_WAIT_MS}`, { field, reason: 'OUT_OF_RANGE' });
  }
};

/**
 * A subscription's options, checked when it is made (as readAll checks its own), so a mistake is
 * thrown to the caller at once instead of reaching `onError` on the first read; each names its own
 * field. A poll interval of 0 (or less) would read the log in a busy loop.
 */
export const assertSubscriptionOptions = (options: SubscriptionOptions): void => {
  if (typeof options?.handler !== 'function') throw new ValidationError('handler must be a function', { field: 'handler', reason: 'REQUIRED' });
  if (options.from) {
    try {
      assertCheckpoint(options.from);
    } catch {
      throw new ValidationError('from must be a checkpoint of two non-negative integers', { field: 'from', reason: 'INVALID_FORMAT' });
    }
  }
  assertCount(options.batchSize, 'batchSize', READ_LIMITS.maxCount);
  assertWait(options.pollIntervalMs, 'pollIntervalMs', MIN_POLL_INTERVAL_MS);
  assertWait(options.lingerMs, 'lingerMs', 0);
  assertWait(options.paceMs, 'paceMs', 0);
  assertReadAllOptions({ tenantId: options.tenantId, eventTypes: options.eventTypes });
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

export const readGlobalLogPage = async (
  executor: SqlExecutor,
  horizon: LogHorizon,
  options: ReadAllOptions,
  upcasters?: UpcasterRegistry,
): Promise<GlobalLogPage> => {
  assertReadAllOptions(options);
  const after = options.after ?? LOG_START;
  const limit = options.maxCount ?? READ_LIMITS.defaultReadAllCount;
  const tenant = options.tenantId !== undefined;
  const types = options.eventTypes !== undefined;
  const params: unknown[] = [after.txId, after.globalPosition, limit];
  if (tenant) params.push(options.tenantId);
  if (types) params.push(options.eventTypes);
  const { rows } = await executor.query<PageRow>(PAGE_QUERIES[horizon][(tenant ? 2 : 0) + (types ? 1 : 0)], params);
  const first = rows[0];
  const held = first.held;
  // No tail: nothing new below the horizon.
  if (first.tail_tx_id === null || first.tail_position === null) return { events: [], checkpoint: after, held, full: false };
  const tail = checkpointOf(first.tail_tx_id, first.tail_position);
  // No events, but a tail: the filters skipped every row below the horizon.
  if (first.event_id === null) return { events: [], checkpoint: tail, held, full: false };
  const events = inLogOrder(rows.map((row) => toRecordedEvent(row, upcasters)));
  const last = events[events.length - 1];
  const full = events.length === limit;
  const checkpoint = full ? { txId: last.txId, globalPosition: last.globalPosition } : tail;
  return { events, checkpoint, held, full };
};

/** The last committed event visible now (LOG_START when the log is empty): what "caught up" aims at. */
export const logHead = async (executor: SqlExecutor): Promise<LogCheckpoint> => {
  const { rows } = await executor.query<{ tx_id: string; global_position: string | number }>(
    'SELECT tx_id, global_position FROM es_events ORDER BY tx_id DESC, global_position DESC LIMIT 1',
  );
  return rows.length === 0 ? LOG_START : checkpointOf(rows[0].tx_id, rows[0].global_position);
};

/** A transaction holding the global log's horizon: a backend's (pid) or a prepared one's (no pid). */
export interface HorizonHolder {
  readonly pid: number | null;
  readonly database: string;
  /** Seconds since it began (since it was prepared); null when the reading role may not see its start. */
  readonly ageSeconds: number | null;
  /** Its transaction id: with the pid, it names one blocker. */
  readonly xid: string;
}

// Only this database's transactions with an id can hold the horizon (see HORIZON_POSTGRES); the one
// with the oldest id holds it. The start of another role's session is shown only to that role's
// members and to pg_read_all_stats, so the age may be null; the pid and the id are always there.
const HORIZON_HOLDER = `
SELECT pid, database, age_seconds, xid FROM (
  SELECT a.pid, a.datname::text AS database, extract(epoch FROM clock_timestamp() - a.xact_start)::float8 AS age_seconds,
    a.backend_xid::text AS xid, age(a.backend_xid) AS xid_age
  FROM pg_stat_activity a
  WHERE a.backend_xid IS NOT NULL AND a.datname = current_database() AND a.pid <> pg_backend_pid()
  UNION ALL
  SELECT NULL, p.database::text, extract(epoch FROM clock_timestamp() - p.prepared)::float8, p.transaction::text, age(p.transaction)
  FROM pg_prepared_xacts p WHERE p.database = current_database()
) holders
ORDER BY xid_age DESC
LIMIT 1`;

export const horizonHolder = async (executor: SqlExecutor): Promise<HorizonHolder | undefined> => {
  const { rows } = await executor.query<{ pid: number | null; database: string; age_seconds: number | null; xid: string }>(HORIZON_HOLDER);
  if (rows.length === 0) return undefined;
  const [row] = rows;
  return { pid: row.pid, database: row.database, ageSeconds: row.age_seconds === null ? null : Number(row.age_seconds), xid: row.xid };
};
