import type { Migration } from '@stepwise/database';

/**
 * What the relay's superseding of stalled-journey nudges reads (outbox-intake.ts, SUPERSEDE_STALLED):
 * a leader's earlier stalled nudges for a journey that still wait, and their deliveries still owed.
 * Without an index of their own, each batch read every nudge the leader was ever owed (suppressed
 * ones pile up without end) and every delivery of the tenant; on tables the planner had no
 * statistics for, a relay that fell behind held its transaction for a minute a batch, and the global
 * log's horizon with it. Both indexes hold waiting rows only, so they stay small and cost nothing once
 * a nudge is settled.
 */
const indexesSql = `
CREATE INDEX member_nudges_stalled_waiting ON nudges.member_nudges (tenant_id, member_id, journey_id)
  WHERE rule = 'STALLED_JOURNEY' AND state = 'SCHEDULED';
CREATE INDEX deliveries_waiting_of_nudge ON nudges.deliveries (tenant_id, nudge_id)
  WHERE state IN ('PENDING', 'RETRYING');
`;

export const stalledSupersedeIndexesMigration: Migration = { name: '0437_nudge_stalled_supersede_indexes', sql: indexesSql };
