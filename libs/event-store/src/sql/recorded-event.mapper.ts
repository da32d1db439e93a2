import type { EventMetadata, RecordedEvent } from '../event-store.port';
import type { UpcasterRegistry } from '../upcasting/upcaster.registry';

/**
 * The columns every read selects, uncast: xid8 and uuid arrive as text from both drivers anyway, and
 * bigint as a string from pg and a number from PGlite. Never alias a cast to a column's own name
 * (`tx_id::text AS tx_id`): ORDER BY resolves output names first and would sort by the text.
 */
export const EVENT_COLUMNS = `global_position, tx_id, tenant_id, stream_id, stream_version,
  event_id, event_type, schema_version, data, metadata`;

export interface EventRow {
  readonly global_position: string | number;
  readonly tx_id: string;
  readonly tenant_id: string;
  readonly stream_id: string;
  readonly stream_version: string | number;
  readonly event_id: string;
  readonly event_type: string;
  readonly schema_version: number;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
}

export const toRecordedEvent = (row: EventRow, upcasters?: UpcasterRegistry): RecordedEvent => {
  const event: RecordedEvent = {
    id: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    tenantId: row.tenant_id,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    globalPosition: Number(row.global_position),
    txId: Number(row.tx_id),
    // recordedAt is written into metadata and created_at from the same instant; reading it from
    // metadata saves parsing a timestamp column per row on catch-up.
    recordedAt: new Date(row.metadata.recordedAt),
  };
  return upcasters ? upcasters.upcast(event) : event;
};
