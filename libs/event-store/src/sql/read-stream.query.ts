import { ValidationError } from '@stepwise/kernel';
import type { RecordedEvent, ReadStreamOptions } from '../event-store.port';
import { READ_LIMITS } from '../append/append.limits';
import { assertCount, assertStreamKey } from '../append/stream-key.validator';
import type { UpcasterRegistry } from '../upcasting/upcaster.registry';
import type { SqlExecutor } from '@stepwise/database';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './recorded-event.mapper';

// The primary key (tenant_id, stream_id, stream_version) serves both directions; the tenant is part
// of every lookup, so a stream id from another tenant finds nothing.
const FORWARD = `SELECT ${EVENT_COLUMNS} FROM es_events
  WHERE tenant_id = $1 AND stream_id = $2 AND stream_version >= $3 ORDER BY stream_version LIMIT $4`;
const BACKWARD = `SELECT ${EVENT_COLUMNS} FROM es_events
  WHERE tenant_id = $1 AND stream_id = $2 AND stream_version <= $3 ORDER BY stream_version DESC LIMIT $4`;

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
  if (from !== undefined && (!Number.isSafeInteger(from) || from < 0)) {
    throw new ValidationError('fromVersion must be a non-negative integer', { field: 'fromVersion' });
  }
  const limit = options.maxCount ?? READ_LIMITS.defaultStreamCount;
  const { rows } =
    direction === 'forward'
      ? await executor.query<EventRow>(FORWARD, [tenantId, streamId, from ?? 1, limit])
      : await executor.query<EventRow>(BACKWARD, [tenantId, streamId, from ?? Number.MAX_SAFE_INTEGER, limit]);
  return rows.map((row) => toRecordedEvent(row, upcasters));
};
