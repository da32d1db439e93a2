import { TENANT_SETTING, type Migration } from '@stepwise/database';

/**
 * The relay's intake in one statement: `nudges.take_in_outbox` takes the candidates no other relay
 * is taking (locked, skipping those locked), marks them relayed, records each nudge as its member
 * sees it and writes its deliveries, all or nothing. The relay renders the rows first and passes
 * what to write for every candidate; only what it took is written (ids derived from the nudge make a
 * repeat write nothing).
 *
 * member_nudges is tenant-scoped (row-level security, forced on the owner too), so the function sets
 * each tenant for the transaction before writing that tenant's rows, as the worker does before any
 * tenant-scoped write; the policy checks every row against it. It runs with the caller's rights.
 *
 * Its lock, meant to read by key alone, did not: the planner pushed the unrelayed test into the
 * subquery. `0435_nudge_outbox_intake_by_key` replaces the function with the lock fenced off.
 */
export const intakeSql = `
CREATE FUNCTION nudges.take_in_outbox(
  p_candidates text[], p_at timestamptz, p_max_attempts integer,
  p_tenant text[], p_member text[], p_rule text[], p_journey text[], p_team text[], p_subject text[],
  p_title text[], p_body text[], p_state text[], p_reason text[], p_due timestamptz[],
  p_delivery text[], p_delivery_nudge text[], p_delivery_tenant text[], p_kind text[], p_delivery_member text[],
  p_endpoint text[], p_event_type text[], p_payload text[], p_delivery_due timestamptz[])
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  mine text[];
  tenant text;
BEGIN
  -- Locked by key, then those still unrelayed kept (by key, so no plan reads every unrelayed row).
  mine := ARRAY(
    SELECT locked.nudge_id FROM (SELECT o.nudge_id, o.relayed_at FROM nudges.outbox o WHERE o.nudge_id = ANY(p_candidates) FOR UPDATE SKIP LOCKED) AS locked
    WHERE locked.relayed_at IS NULL);
  IF cardinality(mine) = 0 THEN
    RETURN 0;
  END IF;
  UPDATE nudges.outbox SET relayed_at = p_at WHERE nudge_id = ANY(mine);
  FOR tenant IN SELECT DISTINCT c.tenant_id FROM unnest(p_candidates, p_tenant) AS c(nudge_id, tenant_id) WHERE c.nudge_id = ANY(mine) LOOP
    PERFORM set_config('${TENANT_SETTING}', tenant, true);
    INSERT INTO nudges.member_nudges (tenant_id, nudge_id, member_id, rule, journey_id, team_id, subject_id, title, body, state, suppressed_reason, due_at, created_at, updated_at)
    SELECT n.tenant_id, n.nudge_id, n.member_id, n.rule, n.journey_id, n.team_id, n.subject_id, n.title, n.body, n.state, n.reason, n.due_at, p_at, p_at
    FROM unnest(p_candidates, p_tenant, p_member, p_rule, p_journey, p_team, p_subject, p_title, p_body, p_state, p_reason, p_due)
      AS n(nudge_id, tenant_id, member_id, rule, journey_id, team_id, subject_id, title, body, state, reason, due_at)
    WHERE n.tenant_id = tenant AND n.nudge_id = ANY(mine)
    ON CONFLICT (tenant_id, nudge_id) DO NOTHING;
  END LOOP;
  INSERT INTO nudges.deliveries (delivery_id, tenant_id, kind, nudge_id, member_id, endpoint_id, event_type, payload, state, max_attempts, attempt_budget, next_attempt_at, created_at, updated_at)
  SELECT d.delivery_id, d.tenant_id, d.kind, d.nudge_id, d.member_id, d.endpoint_id, d.event_type, d.payload::jsonb, 'PENDING', p_max_attempts, p_max_attempts, d.due_at, p_at, p_at
  FROM unnest(p_delivery, p_delivery_nudge, p_delivery_tenant, p_kind, p_delivery_member, p_endpoint, p_event_type, p_payload, p_delivery_due)
    AS d(delivery_id, nudge_id, tenant_id, kind, member_id, endpoint_id, event_type, payload, due_at)
  WHERE d.nudge_id = ANY(mine)
  ON CONFLICT (delivery_id) DO NOTHING;
  RETURN cardinality(mine);
END
$$;
`;

export const outboxIntakeMigration: Migration = { name: '0422_nudge_outbox_intake', sql: intakeSql };
