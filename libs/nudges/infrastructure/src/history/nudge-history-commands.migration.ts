import { APP_ROLE, TENANT_SETTING, type Migration } from '@stepwise/database';

/**
 * The commands that changed the delivery path's records in place (a nudge dismissed, a dead letter
 * replayed): each command id with the fingerprint of what it asked for, written in the same
 * transaction as the change. A command id seen again replays when the fingerprint matches and is
 * refused (IDEMPOTENCY_KEY_REUSED) when it does not; a command that fails writes no row, so its id
 * stays free. Tenant-scoped like member_nudges: row-level security enabled and forced, and the
 * application role, which the api changes these records as, may only read and add rows.
 */
const historyCommandsSql = `
CREATE TABLE nudges.history_commands (
  tenant_id text NOT NULL,
  command_id text NOT NULL,
  fingerprint text NOT NULL,
  applied_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, command_id)
);
ALTER TABLE nudges.history_commands ENABLE ROW LEVEL SECURITY;
ALTER TABLE nudges.history_commands FORCE ROW LEVEL SECURITY;
CREATE POLICY history_commands_tenant_isolation ON nudges.history_commands
  USING (tenant_id = current_setting('${TENANT_SETTING}', true))
  WITH CHECK (tenant_id = current_setting('${TENANT_SETTING}', true));
GRANT SELECT, INSERT ON nudges.history_commands TO ${APP_ROLE};
`;

export const nudgeHistoryCommandsMigration: Migration = { name: '0424_nudge_history_commands', sql: historyCommandsSql };
