/**
 * The nudge history's retention: what delivery has finished with, older than the retention period,
 * is deleted, a batch per statement. Without it every nudge owed keeps its delivery records, attempts
 * and member row for good (about 3 KB a nudge, more than the events that owed it).
 *
 * - A delivery DELIVERED, SUPPRESSED or DEAD (a dead letter too: it can no longer be replayed) that
 *   finished before the cutoff goes with its attempts, except one that still carries a shared team
 *   post (`shared_channel_posts`), which says the post is already there.
 * - A member's nudge once settled (DELIVERED, SUPPRESSED, DEAD or DISMISSED) and unchanged since the
 *   cutoff goes too, unless a delivery of it is still owed. Member nudges are tenant-scoped (row-level
 *   security forced on the owner too), so these go tenant by tenant, each with the tenant set.
 *
 * What stays: the outbox, whose rows keep each nudge's dedupe key (a replay of the policy must not owe
 * a nudge again), the policy's documents, and the events. Rows are locked SKIP LOCKED: a delivery being
 * replayed at that moment is left for the next pass, and several workers share the work.
 */
import type { SqlDatabase } from '@stepwise/database';
import { sqlTime } from '../delivery/sql-time';
import { tenantSettingSql } from '../delivery/tenant-setting.sql';

export interface HistoryPruned {
  readonly deliveries: number;
  readonly attempts: number;
  readonly memberNudges: number;
}

const PRUNE_DELIVERIES = `
WITH doomed AS (
  SELECT d.delivery_id FROM nudges.deliveries d
  WHERE d.state IN ('DELIVERED', 'SUPPRESSED', 'DEAD') AND d.finished_at < $1
    AND NOT EXISTS (SELECT 1 FROM nudges.shared_channel_posts p WHERE p.tenant_id = d.tenant_id AND p.carrier_delivery_id = d.delivery_id)
  ORDER BY d.finished_at LIMIT $2 FOR UPDATE SKIP LOCKED),
attempts AS (DELETE FROM nudges.delivery_attempts a USING doomed WHERE a.delivery_id = doomed.delivery_id RETURNING 1),
gone AS (DELETE FROM nudges.deliveries d USING doomed WHERE d.delivery_id = doomed.delivery_id RETURNING 1)
SELECT (SELECT count(*) FROM gone)::int AS deliveries, (SELECT count(*) FROM attempts)::int AS attempts`;

/** Every tenant that was ever owed a nudge (each member nudge comes from an outbox row), one index probe each. */
const TENANTS_WITH_NUDGES = `
WITH RECURSIVE t AS (
  SELECT min(tenant_id) AS id FROM nudges.outbox
  UNION ALL SELECT (SELECT min(o.tenant_id) FROM nudges.outbox o WHERE o.tenant_id > t.id) FROM t WHERE t.id IS NOT NULL)
SELECT id FROM t WHERE id IS NOT NULL`;

const PRUNE_MEMBER_NUDGES = `
WITH doomed AS (
  SELECT m.nudge_id FROM nudges.member_nudges m
  WHERE m.tenant_id = $1 AND m.state IN ('DELIVERED', 'SUPPRESSED', 'DEAD', 'DISMISSED') AND m.updated_at < $2
    AND NOT EXISTS (SELECT 1 FROM nudges.deliveries d WHERE d.tenant_id = m.tenant_id AND d.nudge_id = m.nudge_id AND d.state IN ('PENDING', 'SENDING', 'RETRYING'))
  ORDER BY m.updated_at LIMIT $3 FOR UPDATE SKIP LOCKED)
DELETE FROM nudges.member_nudges m USING doomed WHERE m.tenant_id = $1 AND m.nudge_id = doomed.nudge_id`;

/**
 * One pass: batches of at most `batchSize` rows until none older than `cutoff` is left (or
 * `maxBatches` batches of deliveries, and of each tenant's member nudges, have run: the next pass goes
 * on). Returns what it deleted.
 */
export const pruneNudgeHistory = async (database: SqlDatabase, cutoffAt: Date, batchSize = 1000, maxBatches = 100): Promise<HistoryPruned> => {
  const cutoff = sqlTime(cutoffAt);
  let deliveries = 0;
  let attempts = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const { rows } = await database.query<{ deliveries: number; attempts: number }>(PRUNE_DELIVERIES, [cutoff, batchSize]);
    deliveries += rows[0].deliveries;
    attempts += rows[0].attempts;
    if (rows[0].deliveries < batchSize) break;
  }
  let memberNudges = 0;
  const { rows: tenants } = await database.query<{ id: string }>(TENANTS_WITH_NUDGES);
  for (const { id } of tenants) {
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const { rowCount } = await database.transaction((tx) => tx.query(PRUNE_MEMBER_NUDGES, [id, cutoff, batchSize]), { setupSql: tenantSettingSql(id) });
      memberNudges += rowCount;
      if (rowCount < batchSize) break;
    }
  }
  return { deliveries, attempts, memberNudges };
};
