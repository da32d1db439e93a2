import { APP_ROLE, TENANT_SETTING, type Migration } from '@stepwise/database';

/** The channel the relay listens on: the outbox and owed deliveries wake it here. */
export const NUDGES_CHANNEL = 'stepwise_nudges';

/**
 * What the nudge path records once the relay has taken a nudge from the outbox.
 *
 * - `member_nudges`: each nudge as its member sees it (state, channel, title and text). Tenant-scoped
 *   like every read table: row-level security enabled and forced, granted to the application role,
 *   which is what the api reads and dismisses through. The worker writes it with the tenant set.
 * - `deliveries`: one per nudge to its member, one per (nudge or domain event) x subscribed webhook
 *   endpoint. The delivery id is stable across retries (a webhook's `webhook-id`); its state, attempt
 *   count, next attempt and last outcome live here, not in Redis. `queued_at` says a BullMQ job holds
 *   the next attempt; NULL on a delivery still to be attempted is what the relay owes the queue.
 * - `delivery_attempts`: every attempt, with its time, channel, outcome, status code and detail.
 *
 * Access design, as for the outbox: the relay and the processors work across tenants, so `deliveries`
 * and `delivery_attempts` are not under row-level security and not granted to the application role;
 * every row carries its tenant_id and every statement names it. The api reads them only through the
 * tenant views below (the tenant setting filters them, as the policies filter the read tables), and
 * replays a dead letter only through `nudges.replay_dead_letter`, which acts on the tenant's own row.
 */
const deliverySql = `
GRANT USAGE ON SCHEMA nudges TO ${APP_ROLE};

CREATE TABLE nudges.member_nudges (
  tenant_id text NOT NULL,
  nudge_id text NOT NULL,
  member_id text NOT NULL,
  rule text NOT NULL,
  journey_id text,
  team_id text,
  subject_id text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  state text NOT NULL CHECK (state IN ('SCHEDULED', 'DELIVERED', 'SUPPRESSED', 'DEAD', 'DISMISSED')),
  suppressed_reason text,
  channel text,
  due_at timestamptz NOT NULL,
  delivered_at timestamptz,
  dismissed_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, nudge_id)
);
CREATE INDEX member_nudges_newest ON nudges.member_nudges (tenant_id, member_id, due_at DESC, nudge_id DESC);
ALTER TABLE nudges.member_nudges ENABLE ROW LEVEL SECURITY;
ALTER TABLE nudges.member_nudges FORCE ROW LEVEL SECURITY;
CREATE POLICY member_nudges_tenant_isolation ON nudges.member_nudges
  USING (tenant_id = current_setting('${TENANT_SETTING}', true))
  WITH CHECK (tenant_id = current_setting('${TENANT_SETTING}', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON nudges.member_nudges TO ${APP_ROLE};

CREATE TABLE nudges.deliveries (
  delivery_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('MEMBER', 'WEBHOOK')),
  nudge_id text,
  member_id text,
  endpoint_id text,
  -- 'nudge' or the domain event type a webhook delivery carries; NULL for a member delivery.
  event_type text,
  -- Member: the owed nudge and its message. Webhook: the body sent, { type, timestamp, data }.
  payload jsonb NOT NULL,
  channel text,
  state text NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'RETRYING', 'DELIVERED', 'SUPPRESSED', 'DEAD')),
  suppressed_reason text,
  attempts integer NOT NULL DEFAULT 0,
  -- The attempts allowed in all; a replay allows attempt_budget more.
  max_attempts integer NOT NULL,
  attempt_budget integer NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  queued_at timestamptz,
  queue_generation integer NOT NULL DEFAULT 0,
  lease_until timestamptz,
  last_outcome text,
  last_status_code integer,
  last_detail text,
  last_attempt_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz,
  replays integer NOT NULL DEFAULT 0,
  replayed_at timestamptz,
  replayed_by text
);
CREATE INDEX deliveries_owed ON nudges.deliveries (next_attempt_at) WHERE queued_at IS NULL AND state IN ('PENDING', 'RETRYING');
CREATE INDEX deliveries_queued ON nudges.deliveries (next_attempt_at) WHERE queued_at IS NOT NULL AND state IN ('PENDING', 'RETRYING');
CREATE INDEX deliveries_sending ON nudges.deliveries (lease_until) WHERE state = 'SENDING';
CREATE INDEX deliveries_dead ON nudges.deliveries (tenant_id, finished_at DESC, delivery_id DESC) WHERE state = 'DEAD';
CREATE INDEX deliveries_of_nudge ON nudges.deliveries (tenant_id, nudge_id);
-- The daily cap: a member's deliveries by the time they finished.
CREATE INDEX deliveries_member_day ON nudges.deliveries (tenant_id, member_id, finished_at) WHERE kind = 'MEMBER';

CREATE TABLE nudges.delivery_attempts (
  delivery_id text NOT NULL,
  attempt_number integer NOT NULL,
  tenant_id text NOT NULL,
  at timestamptz NOT NULL,
  channel text NOT NULL,
  -- DELIVERED, RETRYABLE, PERMANENT, or UNKNOWN (the process stopped before it recorded the outcome).
  outcome text NOT NULL CHECK (outcome IN ('DELIVERED', 'RETRYABLE', 'PERMANENT', 'UNKNOWN')),
  status_code integer,
  detail text,
  duration_ms integer,
  PRIMARY KEY (delivery_id, attempt_number)
);

CREATE VIEW nudges.tenant_deliveries WITH (security_barrier) AS
  SELECT delivery_id, tenant_id, kind, nudge_id, member_id, endpoint_id, event_type, channel, state, suppressed_reason,
    attempts, max_attempts, next_attempt_at, last_outcome, last_status_code, last_detail, last_attempt_at,
    created_at, updated_at, finished_at, replays, replayed_at, replayed_by
  FROM nudges.deliveries WHERE tenant_id = current_setting('${TENANT_SETTING}', true);
CREATE VIEW nudges.tenant_delivery_attempts WITH (security_barrier) AS
  SELECT delivery_id, attempt_number, tenant_id, at, channel, outcome, status_code, detail, duration_ms
  FROM nudges.delivery_attempts WHERE tenant_id = current_setting('${TENANT_SETTING}', true);
GRANT SELECT ON nudges.tenant_deliveries, nudges.tenant_delivery_attempts TO ${APP_ROLE};

-- An admin's replay: a dead delivery of the current tenant starts again with a fresh attempt budget
-- (attempts go on numbering from where they stopped),
-- and its nudge shows as scheduled again. Returns the delivery id, or nothing when the tenant holds
-- no dead delivery of that id. The relay queues it (woken by the notification).
CREATE FUNCTION nudges.replay_dead_letter(p_delivery_id text, p_by text, p_at timestamptz)
RETURNS SETOF text LANGUAGE plpgsql SECURITY DEFINER SET search_path = nudges, pg_temp AS $$
DECLARE
  tenant text := current_setting('${TENANT_SETTING}', true);
  replayed nudges.deliveries%ROWTYPE;
BEGIN
  IF tenant IS NULL OR tenant = '' THEN
    RAISE EXCEPTION 'replay_dead_letter needs the tenant set';
  END IF;
  UPDATE nudges.deliveries SET state = 'PENDING', max_attempts = attempts + attempt_budget, next_attempt_at = p_at,
      queued_at = NULL, lease_until = NULL, finished_at = NULL, updated_at = p_at,
      replays = replays + 1, replayed_at = p_at, replayed_by = p_by
    WHERE delivery_id = p_delivery_id AND tenant_id = tenant AND state = 'DEAD'
    RETURNING * INTO replayed;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF replayed.kind = 'MEMBER' THEN
    UPDATE nudges.member_nudges SET state = 'SCHEDULED', channel = NULL, updated_at = p_at
      WHERE tenant_id = tenant AND nudge_id = replayed.nudge_id AND state = 'DEAD';
  END IF;
  PERFORM pg_notify('${NUDGES_CHANNEL}', 'owed');
  RETURN NEXT replayed.delivery_id;
END
$$;
REVOKE ALL ON FUNCTION nudges.replay_dead_letter(text, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nudges.replay_dead_letter(text, text, timestamptz) TO ${APP_ROLE};

-- The policy's processor writes the outbox; a row it commits wakes the relay at once (one
-- notification per statement, delivered at commit).
CREATE FUNCTION nudges.outbox_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${NUDGES_CHANNEL}', 'outbox');
  RETURN NULL;
END
$$;
CREATE TRIGGER outbox_written AFTER INSERT ON nudges.outbox FOR EACH STATEMENT EXECUTE FUNCTION nudges.outbox_written();
`;

export const nudgeDeliveryMigration: Migration = { name: '0420_nudge_delivery', sql: deliverySql };
