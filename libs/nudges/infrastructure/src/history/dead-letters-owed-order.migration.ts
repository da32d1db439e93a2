import type { Migration } from '@stepwise/database';

/**
 * `deadLetters` pages newest owed first, on when a delivery was owed and its id: values a delivery
 * keeps. It paged on the finish time before, which a replay clears and the delivery's next death
 * rewrites, so an admin paging while another replayed a dead letter not yet listed could miss it.
 */
const indexesSql = `
CREATE INDEX deliveries_dead_owed ON nudges.deliveries (tenant_id, created_at DESC, delivery_id DESC) WHERE state = 'DEAD';
DROP INDEX nudges.deliveries_dead;
`;

export const deadLettersOwedOrderMigration: Migration = { name: '0427_dead_letters_owed_order', sql: indexesSql };
