/**
 * One append is ONE statement, hence one transaction even outside `db.transaction`: take the
 * stream's lock, look up the event ids (idempotency), move the stream head conditionally (optimistic
 * concurrency, and never behind a newer transaction), insert all events in one multi-row insert, and
 * notify readers. Every step is gated on the previous, so a rejected or duplicate append writes nothing.
 *
 * An own-transaction append skips the id lookup: the unique index on event ids makes the same check
 * as part of the insert, and a stored id then fails the whole statement, which writes nothing; the
 * store looks at the stored ids only then (see SqlEventStore.append). In a caller's transaction the
 * lookup stays, since a failing statement would abort the caller's whole unit of work.
 *
 * Notifying inside the statement (delivered at commit) is for appends in a caller's transaction (we
 * cannot see its commit), and for own-transaction appends that run alone: on PostgreSQL a NOTIFY
 * makes commit take a database-wide lock held through the WAL flush, which serialises concurrent
 * writers, so appends beside others notify together after commit (see SqlEventStore).
 */
import type { ExpectedVersion } from '../event-store.port';
import type { PreparedAppend } from '../append/new-events.validator';
import type { StoredEventIdentity as StoredEventRef } from '../append/idempotent-replay';
import type { SqlExecutor } from '@stepwise/database';

export const EVENTS_CHANNEL = 'es_events';


export type AppendOutcome =
  | { readonly kind: 'appended'; readonly version: number; readonly txId: number; readonly globalPosition: number }
  | { readonly kind: 'already-stored'; readonly existing: StoredEventRef[] }
  | { readonly kind: 'rejected' }
  /** A stream the decision read (AppendOptions.unchanged) moved on: nothing was written. */
  | { readonly kind: 'read-streams-moved' };

// Each expected-version mode gets its own head statement, so the planner sees a plain query and
// "stream-exists" / an exact version can never create the stream by accident.
const headStatement = (expected: ExpectedVersion, lookUpIds: boolean, guarded: boolean): string => {
  // Gates besides the lock: none of the ids stored yet (in a caller's transaction), the streams read still as read.
  const gates = `${lookUpIds ? 'AND NOT EXISTS (SELECT 1 FROM existing)' : ''} ${guarded ? 'AND (SELECT unchanged FROM guard)' : ''}`;
  const fresh = `INSERT INTO es_streams AS s (tenant_id, stream_id, version, last_tx_id)
      SELECT $1, $2, $4, pg_current_xact_id() WHERE (SELECT locked FROM stream_lock) ${gates}`;
  if (expected === 'any') {
    return `${fresh}
      ON CONFLICT (tenant_id, stream_id) DO UPDATE
        SET version = s.version + EXCLUDED.version, last_tx_id = EXCLUDED.last_tx_id, updated_at = now()
        WHERE s.last_tx_id <= EXCLUDED.last_tx_id
      RETURNING s.version`;
  }
  if (expected === 'no-stream' || expected === 0) {
    return `${fresh} ON CONFLICT (tenant_id, stream_id) DO NOTHING RETURNING s.version`;
  }
  return `UPDATE es_streams AS s
      SET version = s.version + $4, last_tx_id = pg_current_xact_id(), updated_at = now()
      WHERE (SELECT locked FROM stream_lock) AND s.tenant_id = $1 AND s.stream_id = $2
        AND s.last_tx_id <= (SELECT pg_current_xact_id() FROM stream_lock)
        ${typeof expected === 'number' ? `AND s.version = $${guarded ? 12 : 10}` : ''}
        ${gates}
      RETURNING s.version`;
};

// Stored ids, with what tells whether they are exactly one earlier append: the statement that wrote
// each event (its transaction and, within it, its command id `cmin`; events are never updated, so it
// stays as written) and whether that statement also wrote a neighbouring version we were not sent.
// The subquery runs only for ids already stored, so a fresh append pays nothing for it.
const EXISTING = `SELECT e.event_id::text AS id, e.tenant_id, e.stream_id, e.stream_version, e.global_position,
    e.tx_id::text AS tx_id, e.cmin::text AS cmin,
    EXISTS (SELECT 1 FROM es_events n
      WHERE n.tenant_id = e.tenant_id AND n.stream_id = e.stream_id
        AND n.stream_version IN (e.stream_version - 1, e.stream_version + 1)
        AND n.tx_id = e.tx_id AND n.cmin = e.cmin AND n.event_id <> ALL($3::uuid[])) AS append_continues
  FROM es_events e WHERE e.event_id = ANY($3::uuid[])`;

// The stream's lock is taken before anything gives this transaction its id. A row lock would not do:
// locking or updating a row assigns the id first and then waits, so a writer that queued behind a
// newer transaction found the head moved by a higher id and was refused, though its expectation held.
// An advisory lock needs no transaction id, so an own-transaction append gets its id only once it
// holds the stream, and that id is above every id that appended to the stream before it. Both gates
// on it are uncorrelated sub-selects, which PostgreSQL checks once before scanning anything.
// The head's check against this transaction's id reads it through stream_lock, not as a bare
// pg_current_xact_id(): that function is STABLE, and the planner evaluates a stable function in a
// WHERE clause to estimate the clause's selectivity, which gave the transaction its id at planning,
// before the lock; a writer that then waited behind a guard's shared lock sorted before the write
// it waited for.
// (The two-key form keeps clear of the single-key locks taken for leases and migrations.)
const STREAM_LOCK = `SELECT true AS locked FROM pg_advisory_xact_lock(hashtext($1), hashtext($2))`;

// The streams the decision read, still at the versions it read ($10, $11): checked once this
// stream's lock is held, so this append's transaction id stays above every earlier writer's.
const GUARD = `SELECT es_streams_unchanged($1, $10::text[], $11::bigint[]) AS unchanged FROM stream_lock`;

const statementFor = (expected: ExpectedVersion, notify: boolean, lookUpIds: boolean, guarded: boolean): string => `
WITH stream_lock AS MATERIALIZED (${STREAM_LOCK}),
${guarded ? `guard AS MATERIALIZED (${GUARD}),` : ''}
${lookUpIds ? `existing AS (${EXISTING}),` : ''}
head AS (${headStatement(expected, lookUpIds, guarded)}),
appended AS (
  INSERT INTO es_events (tenant_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, created_at)
  SELECT $1, $2, head.version - $4::bigint + e.ord, e.id, e.type, e.schema_version, e.data::jsonb, e.metadata::jsonb, $9::timestamptz
  FROM head
  CROSS JOIN unnest($3::uuid[], $5::text[], $6::int[], $7::text[], $8::text[])
    WITH ORDINALITY AS e(id, type, schema_version, data, metadata, ord)
  ORDER BY e.ord
  RETURNING global_position
)
SELECT
  (SELECT locked FROM stream_lock) AS locked,
  (SELECT version FROM head) AS version,
  (SELECT max(global_position) FROM appended) AS global_position,
  (SELECT pg_current_xact_id()::text FROM head) AS tx_id,
  ${notify ? `(SELECT count(*) FROM (SELECT pg_notify('${EVENTS_CHANNEL}', '') FROM head) AS notified) AS notified,` : ''}
  ${guarded ? '(SELECT unchanged FROM guard)' : 'true'} AS unchanged,
  ${lookUpIds ? '(SELECT json_agg(existing) FROM existing)' : 'NULL::json'} AS existing`;

// A handful of fixed texts (per expected-version mode, notify and lookup), built once rather than on every append.
const statements = new Map<string, string>();
const statementText = (expected: ExpectedVersion, notify: boolean, lookUpIds: boolean, guarded: boolean): string => {
  const mode = typeof expected === 'number' ? (expected === 0 ? 'no-stream' : 'version') : expected;
  const key = `${mode}:${notify}:${lookUpIds}:${guarded}`;
  let text = statements.get(key);
  if (text === undefined) {
    text = statementFor(expected, notify, lookUpIds, guarded);
    statements.set(key, text);
  }
  return text;
};

interface AppendRow {
  unchanged: boolean | null;
  version: string | number | null;
  global_position: string | number | null;
  tx_id: string | null;
  existing: StoredEventRef[] | null;
}

export const runAppendStatement = async (
  executor: SqlExecutor,
  append: PreparedAppend,
  { notifyInStatement, lookUpIds }: { notifyInStatement: boolean; lookUpIds: boolean },
): Promise<AppendOutcome> => {
  const params: unknown[] = [
    append.tenantId,
    append.streamId,
    append.ids,
    append.ids.length,
    append.types,
    append.schemaVersions,
    append.data,
    append.metadata,
    append.recordedAt,
  ];
  const guarded = append.unchangedStreams.length > 0;
  if (guarded) params.push(append.unchangedStreams, append.unchangedVersions);
  if (typeof append.expected === 'number' && append.expected > 0) params.push(append.expected);
  const { rows } = await executor.query<AppendRow>(statementText(append.expected, notifyInStatement, lookUpIds, guarded), params);
  const row = rows[0];
  if (row.existing && row.existing.length > 0) return { kind: 'already-stored', existing: row.existing };
  if (row.unchanged === false) return { kind: 'read-streams-moved' };
  if (row.version === null || row.tx_id === null || row.global_position === null) return { kind: 'rejected' };
  return { kind: 'appended', version: Number(row.version), txId: Number(row.tx_id), globalPosition: Number(row.global_position) };
};

interface HeadRow {
  version: string | number | null;
  existing: StoredEventRef[] | null;
}

/** After a rejection: where the stream is now, and whether the events meanwhile got stored (a racing retry). */
export const inspectRejection = async (
  executor: SqlExecutor,
  append: PreparedAppend,
): Promise<{ actual: number; existing: StoredEventRef[] }> => {
  const { rows } = await executor.query<HeadRow>(
    `SELECT (SELECT version FROM es_streams WHERE tenant_id = $1 AND stream_id = $2) AS version,
            (SELECT json_agg(existing) FROM (${EXISTING}) AS existing) AS existing`,
    [append.tenantId, append.streamId, append.ids],
  );
  return { actual: Number(rows[0].version ?? 0), existing: rows[0].existing ?? [] };
};

export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

export const NOTIFY_READERS = `SELECT pg_notify('${EVENTS_CHANNEL}', '')`;
