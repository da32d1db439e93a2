import type { Migration } from '@stepwise/database';

/**
 * The relay takes owed deliveries in due order and, among those due at the same moment, a tenant's
 * nudges one after another with each nudge's deliveries side by side, so a batch it takes keeps a
 * nudge's member and webhook deliveries together (they share a job). The index serves that order
 * directly; it replaces the one on the due time alone.
 */
const orderSql = `
CREATE INDEX deliveries_owed_in_order ON nudges.deliveries (next_attempt_at, tenant_id, nudge_id, delivery_id)
  WHERE queued_at IS NULL AND state IN ('PENDING', 'RETRYING');
DROP INDEX nudges.deliveries_owed;
`;

export const nudgeDeliveryOrderMigration: Migration = { name: '0421_nudge_delivery_owed_order', sql: orderSql };
