import { ValidationError } from '@stepwise/kernel';
import type { ReadStreamOptions, ReadStreamTailsOptions, RecordedEvent, StreamTailRequest } from '../event-store.port';
import { READ_LIMITS } from '../append/append.limits';
import { assertCount, assertStreamKey, assertTenantId } from '../append/stream-key.validator';
import type { UpcasterRegistry } from '../upcasting/upcaster.registry';
import type { SqlExecutor } from '@stepwise/database';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './recorded-event.mapper';

// The primary key (tenant_id, stream_id, stream_version) serves both directions; the tenant is part
// of every lookup, so a stream id from another tenant finds nothing.
const FORWARD = `SELECT ${EVENT_COLUMNS} FROM es_events
  WHERE tenant_id = $1 AND stream_id = $2 AND stream_version >= $3 ORDER BY stream_version LIMIT $4`;
const BACKWARD = `SELECT ${EVENT_COLUMNS} FROM es_events
  WHERE tenant_id = $1 AND stream_id = $2 AND stream_version <= $3 ORDER BY stream_version DESC LIMIT $4`;

// Several streams in one statement: for each requested stream (by its place in the request), the
// same keyed range scan as FORWARD, each with its own limit. The tenant is one parameter for all.
const TAILS = `SELECT wanted.ord, tail.* FROM unnest($2::text[], $3::bigint[]) WITH ORDINALITY AS wanted(stream, from_version, ord)
  CROSS JOIN LATERAL (
    SELECT ${EVENT_COLUMNS} FROM es_events
    WHERE tenant_id = $1 AND stream_id = wanted.stream AND stream_version >= wanted.from_version
    ORDER BY stream_version LIMIT $4
  ) AS tail
  ORDER BY wanted.ord, tail.stream_version`;

const assertFromVersion = (from: unknown, field: string): void => {
  if (from !== undefined && (typeof from !== 'number' || !Number.isSafeInteger(from) || from < 0)) {
    throw new ValidationError(`${field} must be a non-negative integer`, { field });
  }
};

export const readStreamTailsPage = async (
  executor: SqlExecutor,
  tenantId: string,
  streams: readonly StreamTailRequest[],
  options: ReadStreamTailsOptions,
  upcasters?: UpcasterRegistry,
): Promise<RecordedEvent[][]> => {
  assertTenantId(tenantId);
  if (!Array.isArray(streams) || streams.length > READ_LIMITS.maxStreamsPerRead) {
    throw new ValidationError(`streams must be a list of at most ${READ_LIMITS.maxStreamsPerRead}`, { field: 'streams' });
  }
  streams.forEach((stream: StreamTailRequest | null | undefined, index) => {
    assertStreamKey(tenantId, stream?.streamId);
    assertFromVersion(stream?.fromVersion, `streams[${index}].fromVersion`);
  });
  assertCount(options.maxCount, 'maxCount', READ_LIMITS.maxCount);
  if (streams.length === 0) return [];
  const { rows } = await executor.query<EventRow & { ord: string | number }>(TAILS, [
    tenantId,
    streams.map((stream) => stream.streamId),
    streams.map((stream) => stream.fromVersion ?? 1),
    options.maxCount ?? READ_LIMITS.defaultStreamCount,
  ]);
  const tails: RecordedEvent[][] = streams.map(() => []);
  for (const row of rows) tails[Number(row.ord) - 1].push(toRecordedEvent(row, upcasters));
  return tails;
};

export const readStreamPage = async (
  executor: SqlExecutor,
  tenantId: string,
  streamId: string,
  options: ReadStreamOptions,
  upcasters?: UpcasterRegistry,
): Promise<RecordedEvent[]> => {
  assertStreamKey(tenantId, streamId);
  assertCount(options.maxCount, 'maxCount', READ_LIMITS.maxCount);
  const direction = options.direction ?? 'forward';
  if (direction !== 'forward' && direction !== 'backward') throw new ValidationError('direction must be forward or backward', { field: 'direction' });
  const from = options.fromVersion;
  assertFromVersion(from, 'fromVersion');
  const limit = options.maxCount ?? READ_LIMITS.defaultStreamCount;
  const { rows } =
    direction === 'forward'
      ? await executor.query<EventRow>(FORWARD, [tenantId, streamId, from ?? 1, limit])
      : await executor.query<EventRow>(BACKWARD, [tenantId, streamId, from ?? Number.MAX_SAFE_INTEGER, limit]);
  return rows.map((row) => toRecordedEvent(row, upcasters));
};
