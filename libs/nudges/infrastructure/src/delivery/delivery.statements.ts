/**
 * The delivery store's statements. Each takes many deliveries at once (arrays unnested into rows),
 * so one round trip answers a batch of the processor's calls; every row names its delivery and
 * tenant, and every condition a single call had holds per row.
 */
import { NUDGES_CHANNEL } from './nudge-delivery.migration';

// Deliveries are read by their keys first and checked for their tenant after: a generic plan (the
// pool's statements are prepared once) otherwise takes a tenant-leading index for the cheaper
// path and reads the tenant's every delivery.

/** A job's deliveries, each by its key. */
export const LOAD = `
WITH picked AS MATERIALIZED (
  SELECT delivery_id, tenant_id, kind, nudge_id, member_id, endpoint_id, event_type, payload, state, attempts, max_attempts, next_attempt_at, lease_until
  FROM nudges.deliveries WHERE delivery_id = ANY($2::text[]))
SELECT * FROM picked WHERE tenant_id = $1`;

/** The owed nudges of member deliveries, by their keys (a nudge webhook's relevance is its member delivery's nudge). */
export const MEMBER_NUDGES = `
WITH picked AS MATERIALIZED (SELECT tenant_id, kind, nudge_id, payload FROM nudges.deliveries WHERE delivery_id = ANY($2::text[]))
SELECT nudge_id, payload -> 'nudge' AS nudge FROM picked WHERE tenant_id = $1 AND kind = 'MEMBER'`;

/** Suppresses deliveries nobody is attempting: one being sent (or whose lost attempt the lease sweep has yet to record) keeps its state. */
export const SUPPRESS = `
WITH q AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS q(delivery_id, reason, detail, at)),
d AS (
  UPDATE nudges.deliveries d SET state = 'SUPPRESSED', suppressed_reason = q.reason, last_detail = q.detail,
    lease_until = NULL, queued_at = NULL, finished_at = q.at, updated_at = q.at
  FROM q WHERE d.delivery_id = q.delivery_id AND d.tenant_id = $1 AND d.state IN ('PENDING', 'RETRYING')
  RETURNING d.kind, d.nudge_id, q.reason, q.at)
UPDATE nudges.member_nudges n SET state = 'SUPPRESSED', suppressed_reason = d.reason, updated_at = d.at
FROM d WHERE n.tenant_id = $1 AND n.nudge_id = d.nudge_id AND d.kind = 'MEMBER' AND n.state = 'SCHEDULED'`;

/** A tenant's member deliveries decided together (see the 0423 and 0429 migrations); one row per delivery asked about. */
export const SETTLE_MEMBERS = `
SELECT settled_delivery, settlement, settled_attempt, settled_reason, released_post FROM nudges.settle_member_deliveries(
  $1::text, $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[],
  $9::integer[], $10::integer[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[])`;

/** The deliveries waiting for shared posts, brought forward to now (see the 0429 migration). */
export const WAKE_SHARED_POST_WAITERS = 'SELECT nudges.wake_shared_post_waiters($1::text, $2::text[], $3::timestamptz) AS woken';

/** Takes due deliveries nobody is attempting (a lost attempt is the lease sweep's to record first: delivery-recovery.ts). */
export const CLAIM_WEBHOOKS = `
UPDATE nudges.deliveries d SET state = 'SENDING', channel = 'WEBHOOK', attempts = d.attempts + 1, lease_until = q.lease_until, queued_at = NULL,
  last_attempt_at = q.at, updated_at = q.at
FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[]) AS q(delivery_id, tenant_id, lease_until, at, due_by)
WHERE d.delivery_id = q.delivery_id AND d.tenant_id = q.tenant_id
  AND d.state IN ('PENDING', 'RETRYING') AND d.next_attempt_at <= q.due_by
RETURNING d.delivery_id, d.attempts`;

/**
 * Attempts' outcomes, and what they lead to. An attempt is recorded whatever happened meanwhile (a
 * lease-expiry sweep may have written UNKNOWN for it first: the real outcome wins); its delivery
 * moves on while this attempt is still its latest: in flight, or written off by the sweep (UNKNOWN,
 * retrying or dead) with no attempt started since, so an answer that came just after its lease ran
 * out is what the delivery shows, not a retry of a message that arrived or a dead letter an admin
 * would replay. Answers the deliveries that moved.
 */
const CONCLUDE_CTES = `
WITH q AS (
  SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::int[], $8::text[], $9::int[], $10::text[], $11::timestamptz[])
    AS q(delivery_id, attempt_number, tenant_id, at, channel, outcome, status_code, detail, duration_ms, state, next_attempt_at)),
a AS (
  INSERT INTO nudges.delivery_attempts (delivery_id, attempt_number, tenant_id, at, channel, outcome, status_code, detail, duration_ms)
  SELECT delivery_id, attempt_number, tenant_id, at, channel, outcome, status_code, detail, duration_ms FROM q
  ON CONFLICT (delivery_id, attempt_number) DO UPDATE SET outcome = EXCLUDED.outcome, status_code = EXCLUDED.status_code,
    detail = EXCLUDED.detail, duration_ms = EXCLUDED.duration_ms),
d AS (
  UPDATE nudges.deliveries d SET state = q.state, next_attempt_at = COALESCE(q.next_attempt_at, d.next_attempt_at), lease_until = NULL, queued_at = NULL,
    last_outcome = q.outcome, last_status_code = q.status_code, last_detail = q.detail, last_attempt_at = q.at, updated_at = q.at,
    finished_at = CASE WHEN q.state IN ('DELIVERED', 'DEAD') THEN q.at + COALESCE(q.duration_ms, 0) * interval '1 millisecond' ELSE NULL END
  FROM q WHERE d.delivery_id = q.delivery_id AND d.tenant_id = q.tenant_id AND d.attempts = q.attempt_number
    AND (d.state = 'SENDING' OR (d.state IN ('RETRYING', 'DEAD') AND d.last_outcome = 'UNKNOWN'))
  RETURNING d.delivery_id, d.kind, d.nudge_id, d.state, q.channel, q.at)`;

/** Across tenants: webhook attempts that end their delivery (nothing tenant-scoped to touch, nothing to wake). */
export const CONCLUDE_WEBHOOKS = `${CONCLUDE_CTES}
SELECT delivery_id FROM d`;

/**
 * In one tenant's context: a member's nudge shows its delivery's end, and a retry wakes the relay
 * (at commit) to queue it. A nudge the member dismissed while it was being sent (a send cannot be
 * called back) stays dismissed and shows that it was delivered, and where.
 */
export const CONCLUDE_IN_TENANT = `${CONCLUDE_CTES},
n AS (
  UPDATE nudges.member_nudges n SET state = CASE WHEN n.state = 'DISMISSED' THEN n.state ELSE d.state END, channel = d.channel,
    delivered_at = CASE WHEN d.state = 'DELIVERED' THEN d.at ELSE n.delivered_at END, updated_at = d.at
  FROM d WHERE n.tenant_id = $12 AND n.nudge_id = d.nudge_id AND d.kind = 'MEMBER' AND d.state <> 'RETRYING'
    AND (n.state = 'SCHEDULED' OR (n.state IN ('DISMISSED', 'DEAD') AND d.state = 'DELIVERED'))),
woken AS (SELECT pg_notify('${NUDGES_CHANNEL}', 'owed') FROM (SELECT 1 FROM d WHERE d.state = 'RETRYING' LIMIT 1) AS retrying)
SELECT delivery_id, (SELECT count(*) FROM woken) AS woken FROM d`;

/**
 * A webhook delivery whose endpoint was disabled (a 410, or an admin) before it was sent: a dead
 * letter with no attempt of its own, for an admin to replay once the endpoint is enabled. Only one
 * that nobody is sending moves.
 */
export const DEAD_FOR_DISABLED_ENDPOINT = `
UPDATE nudges.deliveries SET state = 'DEAD', last_detail = $3, lease_until = NULL, queued_at = NULL, finished_at = $4, updated_at = $4
WHERE delivery_id = $1 AND tenant_id = $2 AND kind = 'WEBHOOK' AND state IN ('PENDING', 'RETRYING')`;

/** Still owed and not taken: queued again by the relay, here or elsewhere. */
export const RETURN_TO_RELAY = `
UPDATE nudges.deliveries SET queued_at = NULL, updated_at = $3
WHERE delivery_id = $1 AND tenant_id = $2 AND state IN ('PENDING', 'RETRYING')`;

/**
 * A member delivery that came due in the member's quiet hours waits for their end: still to be
 * attempted (no attempt used), queued again by the relay for then, and the member's nudge shows the
 * new due time. Only a delivery that is this call's to attempt moves.
 */
export const DEFER_MEMBER = `
WITH d AS (
  UPDATE nudges.deliveries SET next_attempt_at = $3, queued_at = NULL, updated_at = $4
  WHERE delivery_id = $1 AND tenant_id = $2 AND kind = 'MEMBER' AND state IN ('PENDING', 'RETRYING') AND next_attempt_at <= $5
  RETURNING nudge_id)
UPDATE nudges.member_nudges n SET due_at = $3, updated_at = $4
FROM d WHERE n.tenant_id = $2 AND n.nudge_id = d.nudge_id AND n.state = 'SCHEDULED'`;

export const RELEASE_EARLY = `
UPDATE nudges.deliveries SET queued_at = NULL, updated_at = $3
WHERE delivery_id = $1 AND tenant_id = $2 AND state IN ('PENDING', 'RETRYING') AND next_attempt_at > $4`;
