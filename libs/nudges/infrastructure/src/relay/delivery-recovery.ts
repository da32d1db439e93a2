/**
 * What brings a delivery back when the process or the queue that held it went away:
 * - an attempt whose lease ran out (the process, or its database, stopped mid-delivery) is recorded
 *   as an attempt of unknown outcome, and the delivery is retried at once, or dead if that was its
 *   last attempt (a member's nudge then shows it dead, in the same transaction: a stop between the
 *   two would leave a dead letter whose nudge stayed scheduled for good). A webhook's last attempt of unknown outcome gets one more attempt (the message may
 *   well have arrived, and receivers drop a second one by its `webhook-id`), unless the attempt
 *   before it was of unknown outcome too: a delivery that keeps killing its process still ends. A
 *   member's last one is dead as before (a second Slack message or email is not dropped by its reader);
 * - a delivery whose job should long since have run is handed back to the relay (behind a backlog
 *   the relay allows for it: how long the job first in line has waited is added to the time);
 * - when Redis lost its data, every queued delivery is handed back to the relay.
 * A delivery handed back may meet its old job too: the first to claim it in PostgreSQL attempts it.
 */
import type { SqlDatabase } from '@stepwise/database';
import type { Clock } from '@stepwise/kernel';
import { sqlTime } from '../delivery/sql-time';
import { tenantSettingSql } from '../delivery/tenant-setting.sql';

const LEASE_LOST = 'outcome not recorded: the process or its database stopped before it was (its lease ran out); it may have arrived';

const EXPIRE_LEASES = `
WITH expired AS (
  SELECT delivery_id,
    -- A webhook's last attempt lost: one more, unless the one before it was lost too.
    (kind = 'WEBHOOK' AND attempts >= max_attempts AND last_outcome IS DISTINCT FROM 'UNKNOWN') AS once_more
  FROM nudges.deliveries WHERE state = 'SENDING' AND lease_until < $1 ORDER BY lease_until LIMIT $2 FOR UPDATE SKIP LOCKED),
d AS (
  UPDATE nudges.deliveries d SET state = CASE WHEN d.attempts >= d.max_attempts AND NOT expired.once_more THEN 'DEAD' ELSE 'RETRYING' END,
    max_attempts = CASE WHEN expired.once_more THEN d.attempts + 1 ELSE d.max_attempts END,
    next_attempt_at = $1, queued_at = NULL, lease_until = NULL, last_outcome = 'UNKNOWN', last_status_code = NULL, last_detail = $3,
    finished_at = CASE WHEN d.attempts >= d.max_attempts AND NOT expired.once_more THEN $1 END, updated_at = $1
  FROM expired WHERE d.delivery_id = expired.delivery_id
  RETURNING d.delivery_id, d.tenant_id, d.kind, d.nudge_id, d.state, d.attempts, d.channel, d.last_attempt_at),
-- The lost attempt is dated when it started (its claim), as every attempt is, not when it was written off.
a AS (
  INSERT INTO nudges.delivery_attempts (delivery_id, attempt_number, tenant_id, at, channel, outcome, status_code, detail, duration_ms)
  SELECT delivery_id, attempts, tenant_id, COALESCE(last_attempt_at, $1), COALESCE(channel, 'UNKNOWN'), 'UNKNOWN', NULL, $3, NULL FROM d
  ON CONFLICT (delivery_id, attempt_number) DO NOTHING)
SELECT delivery_id, tenant_id, kind, nudge_id, state, channel FROM d`;

interface ExpiredRow {
  delivery_id: string;
  tenant_id: string;
  kind: string;
  nudge_id: string | null;
  state: string;
  channel: string | null;
}

/** The nudges of one tenant's member deliveries that died with their lost lease, each on the channel it was attempted on. */
const DEAD_MEMBER_NUDGES = `
UPDATE nudges.member_nudges n SET state = 'DEAD', channel = q.channel, updated_at = $4
FROM unnest($2::text[], $3::text[]) AS q(nudge_id, channel)
WHERE n.tenant_id = $1 AND n.nudge_id = q.nudge_id AND n.state = 'SCHEDULED'`;

const REQUEUE_STALE = `
UPDATE nudges.deliveries SET queued_at = NULL
WHERE state IN ('PENDING', 'RETRYING') AND queued_at IS NOT NULL AND queued_at < $1 AND next_attempt_at < $1`;

const REQUEUE_ALL = `UPDATE nudges.deliveries SET queued_at = NULL WHERE state IN ('PENDING', 'RETRYING') AND queued_at IS NOT NULL`;

export class DeliveryRecovery {
  constructor(
    private readonly database: SqlDatabase,
    private readonly clock: Clock,
  ) {}

  /** Resolves to how many deliveries came back from a lost lease. */
  async expireLeases(limit = 500): Promise<number> {
    const now = this.clock.now();
    return this.database.transaction(async (tx) => {
      const { rows } = await tx.query<ExpiredRow>(EXPIRE_LEASES, [sqlTime(now), limit, LEASE_LOST]);
      const dead = rows.filter((row) => row.kind === 'MEMBER' && row.state === 'DEAD');
      // member_nudges is tenant-scoped: each tenant is set for the transaction before its rows.
      for (const tenantId of new Set(dead.map((row) => row.tenant_id))) {
        const mine = dead.filter((row) => row.tenant_id === tenantId);
        await tx.query(tenantSettingSql(tenantId));
        await tx.query(DEAD_MEMBER_NUDGES, [tenantId, mine.map((row) => row.nudge_id), mine.map((row) => row.channel), sqlTime(now)]);
      }
      return rows.length;
    });
  }

  /** Deliveries due more than `staleAfterMs` ago whose job has not run: handed back to the relay. */
  async requeueStale(staleAfterMs: number): Promise<number> {
    const { rowCount } = await this.database.query(REQUEUE_STALE, [sqlTime(new Date(this.clock.now().getTime() - staleAfterMs))]);
    return rowCount;
  }

  async requeueAll(): Promise<number> {
    const { rowCount } = await this.database.query(REQUEUE_ALL);
    return rowCount;
  }
}
