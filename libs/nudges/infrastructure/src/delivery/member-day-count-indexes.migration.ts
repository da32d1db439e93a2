import type { Migration } from '@stepwise/database';

/**
 * The indexes behind the daily cap's count in `nudges.settle_member_deliveries`: a member's
 * deliveries DELIVERED on their local day, and those being sent now. The index it replaces held
 * every member delivery by finish time, so each settlement walked every delivery the member had
 * finished that day, suppressed ones included (a leader suppressed by the cap many times over, say),
 * checking each row's state in the table, under the member's lock: a cost that grew through the day
 * and held up the member's next settlement. These hold only what is counted.
 */
const indexesSql = `
CREATE INDEX deliveries_member_delivered ON nudges.deliveries (tenant_id, member_id, finished_at) WHERE kind = 'MEMBER' AND state = 'DELIVERED';
CREATE INDEX deliveries_member_sending ON nudges.deliveries (tenant_id, member_id) WHERE kind = 'MEMBER' AND state = 'SENDING';
DROP INDEX nudges.deliveries_member_day;
`;

export const memberDayCountIndexesMigration: Migration = { name: '0425_nudge_member_day_count_indexes', sql: indexesSql };
