/**
 * The policy for an event a projection cannot apply: the runner stops at it and says so. It never
 * skips the event (a read model that silently misses a fact is wrong in ways nobody sees); it
 * records where it stands, keeps retrying that batch with a growing pause (up to a minute), and
 * clears the record as soon as a batch commits again: after a transient fault by itself, after a
 * permanent one once a fixed projection (or an upcaster) is deployed.
 */
import type { SqlExecutor } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';
import { CodedError } from '@stepwise/kernel';

/** Where a processor is stuck: shown by the api's readiness and logged by the worker. */
export interface ProjectionStall {
  readonly processor: string;
  readonly projection: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly tenantId: string;
  readonly streamId: string;
  readonly globalPosition: number;
  readonly error: string;
  readonly since: Date;
  readonly attempts: number;
}

export class ProjectionFailedError extends CodedError {
  constructor(
    readonly processor: string,
    readonly projection: string,
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(
      'PROJECTION_FAILED',
      `Projection ${projection} of ${processor} cannot apply event ${event.id} (${event.type}): ${cause instanceof Error ? cause.message : String(cause)}`,
      { processor, projection, eventId: event.id, eventType: event.type, tenantId: event.tenantId, streamId: event.streamId, globalPosition: event.globalPosition },
    );
  }
}

export const projectionStallsMigration = {
  name: '0051_projection_stalls',
  sql: `
CREATE TABLE projection_stalls (
  processor text PRIMARY KEY,
  projection text NOT NULL,
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  tenant_id text NOT NULL,
  stream_id text NOT NULL,
  global_position bigint NOT NULL,
  error text NOT NULL,
  since timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 1
);
`,
};

/** Records (or counts another attempt at) the event a processor is stuck on. */
export const recordStall = async (executor: SqlExecutor, failure: ProjectionFailedError): Promise<void> => {
  const { event } = failure;
  await executor.query(
    `INSERT INTO projection_stalls (processor, projection, event_id, event_type, tenant_id, stream_id, global_position, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (processor) DO UPDATE SET
       attempts = CASE WHEN projection_stalls.event_id = EXCLUDED.event_id AND projection_stalls.projection = EXCLUDED.projection
                       THEN projection_stalls.attempts + 1 ELSE 1 END,
       since = CASE WHEN projection_stalls.event_id = EXCLUDED.event_id AND projection_stalls.projection = EXCLUDED.projection
                    THEN projection_stalls.since ELSE now() END,
       projection = EXCLUDED.projection, event_id = EXCLUDED.event_id, event_type = EXCLUDED.event_type,
       tenant_id = EXCLUDED.tenant_id, stream_id = EXCLUDED.stream_id, global_position = EXCLUDED.global_position,
       error = EXCLUDED.error`,
    [failure.processor, failure.projection, event.id, event.type, event.tenantId, event.streamId, event.globalPosition, failure.message],
  );
};

export const clearStall = async (executor: SqlExecutor, processor: string): Promise<void> => {
  await executor.query('DELETE FROM projection_stalls WHERE processor = $1', [processor]);
};

export const hasStall = async (executor: SqlExecutor, processor: string): Promise<boolean> =>
  (await executor.query('SELECT 1 FROM projection_stalls WHERE processor = $1', [processor])).rows.length > 0;

interface StallRow {
  processor: string;
  projection: string;
  event_id: string;
  event_type: string;
  tenant_id: string;
  stream_id: string;
  global_position: string | number;
  error: string;
  since: Date | string;
  attempts: number;
}

/** Every processor that is stuck now, from any process (the api reports them in its readiness). */
export const readProjectionStalls = async (executor: SqlExecutor): Promise<ProjectionStall[]> => {
  const { rows } = await executor.query<StallRow>('SELECT * FROM projection_stalls ORDER BY processor');
  return rows.map((row) => ({
    processor: row.processor,
    projection: row.projection,
    eventId: row.event_id,
    eventType: row.event_type,
    tenantId: row.tenant_id,
    streamId: row.stream_id,
    globalPosition: Number(row.global_position),
    error: row.error,
    since: new Date(row.since),
    attempts: Number(row.attempts),
  }));
};
