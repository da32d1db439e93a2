import type { Migration } from '@stepwise/database';

/**
 * What the history's retention (nudge-history.retention.ts) looks its rows up by: finished
 * deliveries by when they finished, across tenants; a tenant's settled member nudges by when they
 * last changed.
 */
const retentionSql = `
CREATE INDEX deliveries_finished ON nudges.deliveries (finished_at) WHERE state IN ('DELIVERED', 'SUPPRESSED', 'DEAD');
CREATE INDEX member_nudges_settled ON nudges.member_nudges (tenant_id, updated_at) WHERE state IN ('DELIVERED', 'SUPPRESSED', 'DEAD', 'DISMISSED');
`;

export const nudgeHistoryRetentionMigration: Migration = { name: '0439_nudge_history_retention', sql: retentionSql };
