import type { Migration } from '@stepwise/database';

/**
 * The nudge policy's storage.
 *
 * - `nudges.outbox` gains the decision-time suppressions: a nudge the policy decided but will not
 *   send (rule switched off, member opted out or gone, too old when decided) is still a row, with
 *   `suppressed_reason` (one of SUPPRESSION_REASONS) and `suppressed_detail` (the fact behind it);
 *   NULL for a nudge that is owed. The relay moves a suppressed row to the member's history and
 *   enqueues nothing. Such rows keep their dedupe key, so a replay cannot owe them afterwards.
 * - `nudges.policy_documents`: the policy's state, small JSON documents keyed by kind (settings,
 *   member, team, journey) and id, so the processor loads only what an event touches. `position`
 *   is the global position of the last event that changed the document (0 for a clock tick).
 *
 * Access design, as the outbox's: the policy processor and delivery work across tenants, so these
 * tables are not under row-level security and are not granted to the tenant role (`stepwise_app`):
 * only the owner connection reads or writes them (the processor leaves the tenant role for the
 * span of its own statements inside the runner's transaction). Every row carries its tenant_id,
 * leading every key. Members never read these tables.
 */
const policySql = `
ALTER TABLE nudges.outbox ADD COLUMN suppressed_reason text, ADD COLUMN suppressed_detail text;
ALTER TABLE nudges.outbox ADD CONSTRAINT outbox_suppression_whole CHECK ((suppressed_reason IS NULL) = (suppressed_detail IS NULL));
CREATE TABLE nudges.policy_documents (
  tenant_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('settings', 'member', 'team', 'journey')),
  document_id text NOT NULL,
  document jsonb NOT NULL,
  position bigint NOT NULL,
  PRIMARY KEY (tenant_id, kind, document_id)
);
-- The digest tick reads every team document (across tenants) each time it runs.
CREATE INDEX policy_documents_kind ON nudges.policy_documents (kind, tenant_id);
`;

export const nudgePolicyMigration: Migration = { name: '0410_nudge_policy_state', sql: policySql };
