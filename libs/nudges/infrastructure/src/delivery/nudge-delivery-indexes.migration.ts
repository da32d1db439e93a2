import type { Migration } from '@stepwise/database';

/**
 * The delivery table's indexes, for the statements the relay and the processors run most:
 *
 * - The relay takes owed deliveries in due order and, among those due at the same moment, a
 *   tenant's nudges one after another with each nudge's deliveries side by side, so a batch it takes
 *   keeps a nudge's member and webhook deliveries together (they share a job). The index serves that
 *   order directly; it replaces the one on the due time alone.
 * - `deliveries_of_nudge` (tenant, nudge) goes: deliveries are read by their keys (a webhook's nudge
 *   by its member delivery's derived key), and a tenant-leading index only tempted the planner into
 *   reading a tenant's every delivery, while costing an entry on each of a delivery's updates.
 */
const indexesSql = `
CREATE INDEX deliveries_owed_in_order ON nudges.deliveries (next_attempt_at, tenant_id, nudge_id, delivery_id)
  WHERE queued_at IS NULL AND state IN ('PENDING', 'RETRYING');
DROP INDEX nudges.deliveries_owed;
DROP INDEX nudges.deliveries_of_nudge;
`;

export const nudgeDeliveryIndexesMigration: Migration = { name: '0421_nudge_delivery_indexes', sql: indexesSql };
