import { tenantTableSecuritySql, type Migration } from '@stepwise/database';

/**
 * Read tables of the nudge context's settings: per organisation, per member, per webhook endpoint.
 * Every key leads with tenant_id; every table is under row-level security. Secrets stay sealed here
 * as in the events (the webhook sender unseals them when it signs).
 */
export const nudgesReadModelMigrations: Migration[] = [
  {
    name: '0430_nudge_settings',
    sql: `
-- NudgeSettingsChanged: the rules whole, as the event carries them. No row: the defaults hold.
CREATE TABLE nudge_settings (
  tenant_id text PRIMARY KEY,
  rules jsonb NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL
);
${tenantTableSecuritySql('nudge_settings')}
`,
  },
  {
    name: '0431_notification_preferences',
    sql: `
-- NotificationPreferencesChanged: a member's channels (in order), opt-outs and daily cap. No row: the defaults hold.
CREATE TABLE notification_preferences (
  tenant_id text NOT NULL,
  member_id text NOT NULL,
  channels jsonb NOT NULL,
  opted_out jsonb NOT NULL,
  daily_cap integer NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, member_id)
);
${tenantTableSecuritySql('notification_preferences')}
`,
  },
  {
    name: '0432_webhook_endpoints',
    sql: `
-- Registered endpoints (removed ones are deleted). sealed_secret signs; previous_sealed_secret still
-- verifies until previous_secret_expires_at. Both stay sealed: no query returns either.
CREATE TABLE webhook_endpoints (
  tenant_id text NOT NULL,
  endpoint_id text NOT NULL,
  url text NOT NULL,
  description text,
  subscriptions jsonb NOT NULL,
  status text NOT NULL,
  disabled_reason text,
  disabled_status_code integer,
  disabled_at timestamptz,
  sealed_secret text NOT NULL,
  previous_sealed_secret text,
  previous_secret_expires_at timestamptz,
  secret_rotated_at timestamptz,
  registered_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, endpoint_id)
);
CREATE INDEX webhook_endpoints_listing ON webhook_endpoints (tenant_id, registered_at, endpoint_id);
${tenantTableSecuritySql('webhook_endpoints')}
`,
  },
];

export const nudgesReadTables = ['nudge_settings', 'notification_preferences', 'webhook_endpoints'] as const;
