import { TENANT_SETTING, type Migration } from '@stepwise/database';
import { NUDGES_CHANNEL } from './nudge-delivery.migration';

/**
 * One post per team channel (`sharedPostKeyOf` in the domain). A nudge owed to several members of a
 * team, each on their own delivery, whose members' channel is one the whole team reads (a Slack
 * incoming webhook's channel, a Teams channel), was posted there once per member. Now the first of
 * those deliveries to be attempted there carries the post; the others wait for it and are then
 * settled by it:
 *
 * - `shared_channel_posts`: per tenant and post key, the delivery that carries the post. It carries
 *   it while that delivery is still owed on that post (its `shared_post_key` is the post's, its
 *   state PENDING, RETRYING or SENDING) and has posted it once DELIVERED so. A carrier that dies,
 *   is suppressed or goes to another channel on a later attempt carries it no more: the next
 *   delivery of the post to be attempted takes it over, with its own attempts, so the post is not
 *   lost with it.
 * - `deliveries.shared_post_key`: the post a member delivery was last settled on (carrying it,
 *   waiting for it, or covered by it); NULL when it went elsewhere.
 * - `settle_member_deliveries` (replacing 0423's) decides, per delivery whose chosen channel is such
 *   a post, under the post's lock (advisory, taken after the members' locks, in sorted order):
 *   `covered` when the post is already there (DELIVERED on that channel, its attempt saying by which
 *   delivery, before the daily cap: the member has it in the channel whatever their count);
 *   `waiting` while another delivery carries it (no attempt used; attempted again once the carrier's
 *   next attempt may have ended, or when it is woken sooner); otherwise it is attempted, and carries
 *   the post. `released_post` names a post this delivery carried and no longer does.
 * - `wake_shared_post_waiters` brings the waiting deliveries of posts forward to now, under the posts'
 *   locks (so no settlement that read the carrier before it ended commits after): called once a
 *   carrier's post is delivered or dead, or released.
 */
const sharedPostsSql = `
CREATE TABLE nudges.shared_channel_posts (
  tenant_id text NOT NULL,
  post_key text NOT NULL,
  carrier_delivery_id text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, post_key)
);
ALTER TABLE nudges.deliveries ADD COLUMN shared_post_key text;
CREATE INDEX deliveries_awaiting_shared_post ON nudges.deliveries (tenant_id, shared_post_key)
  WHERE shared_post_key IS NOT NULL AND state IN ('PENDING', 'RETRYING');

DROP FUNCTION nudges.settle_member_deliveries(text, text[], text[], timestamptz[], timestamptz[], timestamptz[], timestamptz[], timestamptz[], integer[], integer[], text[], text[], text[], text[]);

CREATE FUNCTION nudges.settle_member_deliveries(
  p_tenant text, p_delivery text[], p_member text[], p_at timestamptz[], p_due_by timestamptz[], p_lease_until timestamptz[],
  p_day_start timestamptz[], p_day_end timestamptz[], p_cap_limit integer[], p_daily_cap integer[], p_channel text[],
  p_reason text[], p_detail text[], p_in_app_detail text[], p_post_key text[], p_covered_detail text[])
RETURNS TABLE (settled_delivery text, settlement text, settled_attempt integer, settled_reason text, released_post text)
LANGUAGE plpgsql AS $$
DECLARE
  lock_key text;
  i integer;
  found_row record;
  post record;
  why text;
  why_detail text;
  share text;
  tried integer;
  covered_detail text;
BEGIN
  PERFORM set_config('${TENANT_SETTING}', p_tenant, true);
  FOR lock_key IN SELECT DISTINCT p_tenant || '/' || m FROM unnest(p_member) AS m ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended(lock_key, 0));
  END LOOP;
  FOR lock_key IN SELECT DISTINCT 'shared-post/' || p_tenant || '/' || k FROM unnest(p_post_key) AS k WHERE k IS NOT NULL ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended(lock_key, 0));
  END LOOP;
  FOR i IN 1 .. coalesce(cardinality(p_delivery), 0) LOOP
    settled_delivery := p_delivery[i];
    settled_attempt := NULL;
    settled_reason := NULL;
    released_post := NULL;
    share := NULL;
    SELECT d.state, d.next_attempt_at, d.lease_until, d.nudge_id, d.shared_post_key, n.state AS nudge_state,
      (SELECT count(*) FROM nudges.deliveries o
        WHERE o.tenant_id = d.tenant_id AND o.kind = 'MEMBER' AND o.member_id = d.member_id AND o.delivery_id <> d.delivery_id
          AND o.finished_at >= p_day_start[i] AND o.finished_at < p_day_end[i] AND o.state = 'DELIVERED')
      -- An attempt in flight has not finished: its finished_at is NULL.
      + (SELECT count(*) FROM nudges.deliveries o
        WHERE o.tenant_id = d.tenant_id AND o.kind = 'MEMBER' AND o.member_id = d.member_id AND o.delivery_id <> d.delivery_id
          AND o.finished_at IS NULL AND o.state = 'SENDING') AS delivered_today
    INTO found_row
    FROM nudges.deliveries d
    LEFT JOIN nudges.member_nudges n ON n.tenant_id = d.tenant_id AND n.nudge_id = d.nudge_id
    WHERE d.delivery_id = p_delivery[i] AND d.tenant_id = p_tenant
    FOR UPDATE OF d;
    IF NOT FOUND OR NOT ((found_row.state IN ('PENDING', 'RETRYING') AND found_row.next_attempt_at <= p_due_by[i])
                         OR (found_row.state = 'SENDING' AND found_row.lease_until < p_at[i])) THEN
      settlement := 'taken';
      RETURN NEXT;
      CONTINUE;
    END IF;
    why := p_reason[i];
    why_detail := p_detail[i];
    IF why IS NULL AND found_row.nudge_state = 'DISMISSED' THEN
      why := 'NO_LONGER_RELEVANT';
      why_detail := 'the member dismissed it before it was delivered';
    END IF;
    IF why IS NULL AND p_post_key[i] IS NOT NULL THEN
      -- Another delivery carrying the post: it is there already, or on its way.
      SELECT c.delivery_id, c.state, CASE WHEN c.state = 'SENDING' THEN c.lease_until ELSE c.next_attempt_at END AS next_at
      INTO post
      FROM nudges.shared_channel_posts p
      JOIN nudges.deliveries c ON c.delivery_id = p.carrier_delivery_id AND c.tenant_id = p.tenant_id AND c.shared_post_key = p.post_key
      WHERE p.tenant_id = p_tenant AND p.post_key = p_post_key[i] AND p.carrier_delivery_id <> p_delivery[i];
      IF FOUND AND post.state = 'DELIVERED' THEN
        share := 'covered';
      ELSIF FOUND AND post.state IN ('PENDING', 'RETRYING', 'SENDING') THEN
        share := 'waiting';
      END IF;
    END IF;
    IF why IS NULL AND share IS NULL AND found_row.delivered_today >= p_cap_limit[i] THEN
      why := 'DAILY_CAP_REACHED';
      why_detail := format('already %s delivered on the member''s local day (cap %s)', found_row.delivered_today, p_daily_cap[i]);
    END IF;
    IF why IS NOT NULL THEN
      UPDATE nudges.deliveries d SET state = 'SUPPRESSED', suppressed_reason = why, last_detail = why_detail,
        lease_until = NULL, queued_at = NULL, finished_at = p_at[i], updated_at = p_at[i], shared_post_key = NULL
      WHERE d.delivery_id = p_delivery[i] AND d.tenant_id = p_tenant;
      UPDATE nudges.member_nudges n SET state = 'SUPPRESSED', suppressed_reason = why, updated_at = p_at[i]
      WHERE n.tenant_id = p_tenant AND n.nudge_id = found_row.nudge_id AND n.state = 'SCHEDULED';
      settlement := 'suppressed';
      settled_reason := why;
    ELSIF share = 'covered' THEN
      covered_detail := p_covered_detail[i] || post.delivery_id;
      UPDATE nudges.deliveries d SET state = 'DELIVERED', channel = p_channel[i], attempts = d.attempts + 1, lease_until = NULL, queued_at = NULL,
        last_outcome = 'DELIVERED', last_status_code = NULL, last_detail = covered_detail, last_attempt_at = p_at[i], finished_at = p_at[i],
        updated_at = p_at[i], shared_post_key = p_post_key[i]
      WHERE d.delivery_id = p_delivery[i] AND d.tenant_id = p_tenant
      RETURNING d.attempts INTO tried;
      INSERT INTO nudges.delivery_attempts (delivery_id, attempt_number, tenant_id, at, channel, outcome, status_code, detail, duration_ms)
      VALUES (p_delivery[i], tried, p_tenant, p_at[i], p_channel[i], 'DELIVERED', NULL, covered_detail, 0);
      UPDATE nudges.member_nudges n SET state = 'DELIVERED', channel = p_channel[i], delivered_at = p_at[i], updated_at = p_at[i]
      WHERE n.tenant_id = p_tenant AND n.nudge_id = found_row.nudge_id AND n.state = 'SCHEDULED';
      settlement := 'covered';
      settled_attempt := tried;
    ELSIF share = 'waiting' THEN
      -- Until one lease after the carrier's next attempt may start (woken sooner when it ends); a lost attempt of its own is let go.
      UPDATE nudges.deliveries d SET state = CASE WHEN d.state = 'SENDING' THEN 'RETRYING' ELSE d.state END, lease_until = NULL, queued_at = NULL,
        next_attempt_at = greatest(coalesce(post.next_at, p_at[i]), p_at[i]) + (p_lease_until[i] - p_at[i]), updated_at = p_at[i], shared_post_key = p_post_key[i]
      WHERE d.delivery_id = p_delivery[i] AND d.tenant_id = p_tenant;
      PERFORM pg_notify('${NUDGES_CHANNEL}', 'owed');
      settlement := 'waiting';
    ELSIF p_channel[i] = 'IN_APP' THEN
      UPDATE nudges.deliveries d SET state = 'DELIVERED', channel = 'IN_APP', attempts = d.attempts + 1, lease_until = NULL, queued_at = NULL,
        last_outcome = 'DELIVERED', last_status_code = NULL, last_detail = p_in_app_detail[i], last_attempt_at = p_at[i], finished_at = p_at[i], updated_at = p_at[i],
        shared_post_key = NULL
      WHERE d.delivery_id = p_delivery[i] AND d.tenant_id = p_tenant
      RETURNING d.attempts INTO tried;
      INSERT INTO nudges.delivery_attempts (delivery_id, attempt_number, tenant_id, at, channel, outcome, status_code, detail, duration_ms)
      VALUES (p_delivery[i], tried, p_tenant, p_at[i], 'IN_APP', 'DELIVERED', NULL, p_in_app_detail[i], 0);
      UPDATE nudges.member_nudges n SET state = 'DELIVERED', channel = 'IN_APP', delivered_at = p_at[i], updated_at = p_at[i]
      WHERE n.tenant_id = p_tenant AND n.nudge_id = found_row.nudge_id AND n.state = 'SCHEDULED';
      settlement := 'delivered';
      settled_attempt := tried;
    ELSE
      UPDATE nudges.deliveries d SET state = 'SENDING', channel = p_channel[i], attempts = d.attempts + 1, lease_until = p_lease_until[i],
        queued_at = NULL, last_attempt_at = p_at[i], updated_at = p_at[i], shared_post_key = p_post_key[i]
      WHERE d.delivery_id = p_delivery[i] AND d.tenant_id = p_tenant
      RETURNING d.attempts INTO tried;
      IF p_post_key[i] IS NOT NULL THEN
        INSERT INTO nudges.shared_channel_posts AS p (tenant_id, post_key, carrier_delivery_id, created_at, updated_at)
        VALUES (p_tenant, p_post_key[i], p_delivery[i], p_at[i], p_at[i])
        ON CONFLICT (tenant_id, post_key) DO UPDATE SET carrier_delivery_id = EXCLUDED.carrier_delivery_id, updated_at = EXCLUDED.updated_at
        WHERE p.carrier_delivery_id <> EXCLUDED.carrier_delivery_id;
      END IF;
      settlement := 'sending';
      settled_attempt := tried;
    END IF;
    IF found_row.shared_post_key IS NOT NULL AND NOT (settlement = 'sending' AND found_row.shared_post_key IS NOT DISTINCT FROM p_post_key[i]) THEN
      SELECT p.post_key INTO released_post FROM nudges.shared_channel_posts p
      WHERE p.tenant_id = p_tenant AND p.post_key = found_row.shared_post_key AND p.carrier_delivery_id = p_delivery[i];
    END IF;
    RETURN NEXT;
  END LOOP;
END
$$;

CREATE FUNCTION nudges.wake_shared_post_waiters(p_tenant text, p_post_key text[], p_at timestamptz)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  lock_key text;
  woken integer;
BEGIN
  FOR lock_key IN SELECT DISTINCT 'shared-post/' || p_tenant || '/' || k FROM unnest(p_post_key) AS k WHERE k IS NOT NULL ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended(lock_key, 0));
  END LOOP;
  UPDATE nudges.deliveries d SET next_attempt_at = p_at, queued_at = NULL, updated_at = p_at
  WHERE d.tenant_id = p_tenant AND d.shared_post_key = ANY(p_post_key) AND d.state IN ('PENDING', 'RETRYING') AND d.next_attempt_at > p_at
    AND NOT EXISTS (SELECT 1 FROM nudges.shared_channel_posts p WHERE p.tenant_id = d.tenant_id AND p.post_key = d.shared_post_key AND p.carrier_delivery_id = d.delivery_id);
  GET DIAGNOSTICS woken = ROW_COUNT;
  IF woken > 0 THEN
    PERFORM pg_notify('${NUDGES_CHANNEL}', 'owed');
  END IF;
  RETURN woken;
END
$$;
`;

export const sharedChannelPostsMigration: Migration = { name: '0429_nudge_shared_channel_posts', sql: sharedPostsSql };
