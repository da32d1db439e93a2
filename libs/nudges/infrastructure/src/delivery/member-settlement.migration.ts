import { TENANT_SETTING, type Migration } from '@stepwise/database';

/**
 * Settling member deliveries in one statement: `nudges.settle_member_deliveries` decides each of a
 * tenant's member deliveries, as the processor asks (a member's several one after another, each
 * seeing the decisions before it), in one transaction:
 *
 * 1. each member's lock (a transaction-scoped advisory lock keyed `tenant/member`, taken in sorted
 *    order so two settlements never wait on each other in a circle);
 * 2. per delivery, under that lock (each statement sees every decision committed before it): the
 *    delivery's row locked, its nudge's state, and what the member was already delivered on their
 *    local day or is being sent now;
 * 3. the decision: not this call's to attempt (`taken`: not due, or another attempt holds it);
 *    suppressed, for the reason decided before the call (member left, opted out, no longer owed),
 *    or because the member dismissed it, or because the daily cap is reached (`delivered_today` at
 *    or above the effective cap the caller passes, `effectiveDailyCap` of the domain's daily cap
 *    policy); delivered in-app at once, with its attempt recorded (its detail naming the preferred
 *    channels passed over, if any); or started on another channel (SENDING, under a lease).
 *
 * member_nudges is tenant-scoped, so the tenant is set for the transaction first, as the worker does
 * before any tenant-scoped write. It runs with the caller's rights.
 */
const settlementSql = `
CREATE FUNCTION nudges.settle_member_deliveries(
  p_tenant text, p_delivery text[], p_member text[], p_at timestamptz[], p_due_by timestamptz[], p_lease_until timestamptz[],
  p_day_start timestamptz[], p_day_end timestamptz[], p_cap_limit integer[], p_daily_cap integer[], p_channel text[],
  p_reason text[], p_detail text[], p_in_app_detail text[])
RETURNS TABLE (settled_delivery text, settlement text, settled_attempt integer, settled_reason text)
LANGUAGE plpgsql AS $$
DECLARE
  member_key text;
  i integer;
  found_row record;
  why text;
  why_detail text;
  tried integer;
BEGIN
  PERFORM set_config('${TENANT_SETTING}', p_tenant, true);
  FOR member_key IN SELECT DISTINCT p_tenant || '/' || m FROM unnest(p_member) AS m ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended(member_key, 0));
  END LOOP;
  FOR i IN 1 .. coalesce(cardinality(p_delivery), 0) LOOP
    settled_delivery := p_delivery[i];
    settled_attempt := NULL;
    settled_reason := NULL;
    SELECT d.state, d.next_attempt_at, d.lease_until, d.nudge_id, n.state AS nudge_state,
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
    ELSIF why IS NULL AND found_row.delivered_today >= p_cap_limit[i] THEN
      why := 'DAILY_CAP_REACHED';
      why_detail := format('already %s delivered on the member''s local day (cap %s)', found_row.delivered_today, p_daily_cap[i]);
    END IF;
    IF why IS NOT NULL THEN
      UPDATE nudges.deliveries d SET state = 'SUPPRESSED', suppressed_reason = why, last_detail = why_detail,
        lease_until = NULL, queued_at = NULL, finished_at = p_at[i], updated_at = p_at[i]
      WHERE d.delivery_id = p_delivery[i] AND d.tenant_id = p_tenant;
      UPDATE nudges.member_nudges n SET state = 'SUPPRESSED', suppressed_reason = why, updated_at = p_at[i]
      WHERE n.tenant_id = p_tenant AND n.nudge_id = found_row.nudge_id AND n.state = 'SCHEDULED';
      settlement := 'suppressed';
      settled_reason := why;
    ELSIF p_channel[i] = 'IN_APP' THEN
      UPDATE nudges.deliveries d SET state = 'DELIVERED', channel = 'IN_APP', attempts = d.attempts + 1, lease_until = NULL, queued_at = NULL,
        last_outcome = 'DELIVERED', last_status_code = NULL, last_detail = p_in_app_detail[i], last_attempt_at = p_at[i], finished_at = p_at[i], updated_at = p_at[i]
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
        queued_at = NULL, last_attempt_at = p_at[i], updated_at = p_at[i]
      WHERE d.delivery_id = p_delivery[i] AND d.tenant_id = p_tenant
      RETURNING d.attempts INTO tried;
      settlement := 'sending';
      settled_attempt := tried;
    END IF;
    RETURN NEXT;
  END LOOP;
END
$$;
`;

export const memberSettlementMigration: Migration = { name: '0423_nudge_member_settlement', sql: settlementSql };
