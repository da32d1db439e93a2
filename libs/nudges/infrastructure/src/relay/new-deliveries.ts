/** Writes new deliveries in as few statements as their size allows (the fan-out's; the outbox intake's go with `nudges.take_in_outbox`); an id already there is left as it is. */
import type { SqlExecutor } from '@stepwise/database';
import { sqlTime, sqlTimes } from '../delivery/sql-time';

export interface NewDelivery {
  readonly deliveryId: string;
  readonly tenantId: string;
  readonly kind: 'MEMBER' | 'WEBHOOK';
  readonly nudgeId: string | null;
  readonly memberId: string | null;
  readonly endpointId: string | null;
  readonly eventType: string | null;
  /** JSON text. */
  readonly payload: string;
  readonly dueAt: Date;
}

const INSERT_DELIVERIES = `
INSERT INTO nudges.deliveries (delivery_id, tenant_id, kind, nudge_id, member_id, endpoint_id, event_type, payload, state, max_attempts, attempt_budget, next_attempt_at, created_at, updated_at)
SELECT d.delivery_id, d.tenant_id, d.kind, d.nudge_id, d.member_id, d.endpoint_id, d.event_type, d.payload::jsonb, 'PENDING', $1, $1, d.due_at, $2, $2
FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[])
  AS d(delivery_id, tenant_id, kind, nudge_id, member_id, endpoint_id, event_type, payload, due_at)
ON CONFLICT (delivery_id) DO NOTHING`;

/**
 * What one statement carries at most, counted in payload characters (about 16 MB). The fan-out
 * writes each subscribed endpoint's copy of each event in a batch: 500 events of up to 64 KB to a
 * few dozen endpoints would make one statement of a gigabyte, which PostgreSQL refuses (or the
 * process runs out of memory) on every retry, and the fan-out would stop for every tenant.
 */
export const DELIVERY_STATEMENT_CHARS = 16 * 1024 * 1024;

/** The deliveries in order, in runs whose payloads add up to at most `maxChars` (a larger one alone). */
export const deliveryChunks = (deliveries: readonly NewDelivery[], maxChars = DELIVERY_STATEMENT_CHARS): NewDelivery[][] => {
  const chunks: NewDelivery[][] = [];
  let chunk: NewDelivery[] = [];
  let chars = 0;
  for (const delivery of deliveries) {
    if (chunk.length > 0 && chars + delivery.payload.length > maxChars) {
      chunks.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(delivery);
    chars += delivery.payload.length;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
};

/** Inserts the deliveries, one statement per chunk (deliveryChunks), in the caller's transaction. */
export const insertDeliveries = async (tx: SqlExecutor, deliveries: readonly NewDelivery[], maxAttempts: number, now: Date): Promise<void> => {
  for (const chunk of deliveryChunks(deliveries)) await insertChunk(tx, chunk, maxAttempts, now);
};

const insertChunk = async (tx: SqlExecutor, deliveries: readonly NewDelivery[], maxAttempts: number, now: Date): Promise<void> => {
  if (deliveries.length === 0) return;
  await tx.query(INSERT_DELIVERIES, [
    maxAttempts,
    sqlTime(now),
    deliveries.map((d) => d.deliveryId),
    deliveries.map((d) => d.tenantId),
    deliveries.map((d) => d.kind),
    deliveries.map((d) => d.nudgeId),
    deliveries.map((d) => d.memberId),
    deliveries.map((d) => d.endpointId),
    deliveries.map((d) => d.eventType),
    deliveries.map((d) => d.payload),
    sqlTimes(deliveries.map((d) => d.dueAt)),
  ]);
};
