import type { Migration } from '@stepwise/database';

/**
 * `myNudges` pages newest owed first, on when a nudge was owed and its id: values a nudge keeps. It
 * paged on the due time before, which delivery rewrites when it defers a nudge for quiet hours, so a
 * member paging while one was deferred could miss it. The index on the due time served only that.
 */
const indexesSql = `
CREATE INDEX member_nudges_newest_owed ON nudges.member_nudges (tenant_id, member_id, created_at DESC, nudge_id DESC);
DROP INDEX nudges.member_nudges_newest;
`;

export const memberNudgesOwedOrderMigration: Migration = { name: '0426_member_nudges_newest_owed', sql: indexesSql };
