/**
 * The event store's schema (DESIGN.md §3). Global order is (tx_id, global_position): readers only
 * read below the oldest running transaction, so a transaction that commits late is never skipped.
 */
import type { Migration } from '@stepwise/database';

export const eventStoreMigrations: readonly Migration[] = [
  {
    name: 'event-store/001-streams-events-checkpoints',
    sql: `
CREATE TABLE es_streams (
  tenant_id   text        NOT NULL,
  stream_id   text        NOT NULL,
  version     bigint      NOT NULL CHECK (version > 0),
  -- The last transaction that appended; a later append must come from the same or a newer one, so a
  -- stream's order in the global log can never invert.
  last_tx_id  xid8        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, stream_id)
);

CREATE TABLE es_events (
  global_position bigint      GENERATED ALWAYS AS IDENTITY,
  tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
  tenant_id       text        NOT NULL,
  stream_id       text        NOT NULL,
  stream_version  bigint      NOT NULL,
  event_id        uuid        NOT NULL UNIQUE,
  event_type      text        NOT NULL,
  schema_version  integer     NOT NULL,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, stream_id, stream_version)
);

CREATE INDEX es_events_log_order ON es_events (tx_id, global_position);

CREATE TABLE es_checkpoints (
  processor       text        PRIMARY KEY,
  tx_id           xid8        NOT NULL,
  global_position bigint      NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    // An append's guard on other streams its decision read (AppendOptions.unchanged): each stream's
    // lock taken shared (an append to it takes it whole, so it waits for this one to commit, and this
    // one for it), then each version read afresh. VOLATILE: each query in it sees what committed
    // before it ran, not the snapshot the append's statement began with, which a wait on a lock
    // would leave behind.
    name: 'event-store/002-unchanged-streams-guard',
    sql: `
CREATE OR REPLACE FUNCTION es_streams_unchanged(p_tenant text, p_streams text[], p_versions bigint[]) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  i integer;
  current_version bigint;
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
    PERFORM pg_advisory_xact_lock_shared(hashtext(p_tenant), hashtext(p_streams[i]));
  END LOOP;
  FOR i IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
    SELECT version INTO current_version FROM es_streams WHERE tenant_id = p_tenant AND stream_id = p_streams[i];
    IF coalesce(current_version, 0) <> p_versions[i] THEN
      RETURN false;
    END IF;
  END LOOP;
  RETURN true;
END
$fn$;
`,
  },
];
