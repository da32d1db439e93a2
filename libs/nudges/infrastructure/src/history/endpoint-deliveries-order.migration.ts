import type { Migration } from '@stepwise/database';

/**
 * A webhook endpoint's `deliveries` page newest owed first, on when a delivery was owed and its id,
 * within the endpoint: read from this index, not by walking the organisation's every delivery.
 */
const indexSql = `
CREATE INDEX deliveries_of_endpoint ON nudges.deliveries (tenant_id, endpoint_id, created_at DESC, delivery_id DESC) WHERE kind = 'WEBHOOK';
`;

export const endpointDeliveriesOrderMigration: Migration = { name: '0441_webhook_endpoint_deliveries_order', sql: indexSql };
