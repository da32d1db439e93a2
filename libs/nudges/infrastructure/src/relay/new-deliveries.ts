/** Writes new deliveries in one statement (the fan-out's; the outbox intake's go with `nudges.take_in_outbox`); an id already there is left as it is. */
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

export const insertDeliveries = async (tx: SqlExecutor, deliveries: readonly NewDelivery[], maxAttempts: number, now: Date): Promise<void> => {
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
