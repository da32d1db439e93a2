import { tenantTableSecuritySql, type Migration } from '@stepwise/database';

/**
 * Read tables of the Slack, Teams and SMTP integrations. Every secret stays sealed here as in the
 * events; the admin queries select only the non-secret columns, and only the channel settings
 * directory (delivery) reads and unseals the sealed ones.
 */
export const channelIntegrationMigrations: Migration[] = [
  {
    name: '0460_channel_integrations',
    sql: `
-- A team's Slack (bot token or incoming webhook URL, sealed) and Teams Workflows URL (sealed). No row: neither is set.
CREATE TABLE team_channel_integrations (
  tenant_id text NOT NULL,
  team_id text NOT NULL,
  slack_kind text,
  slack_sealed_secret text,
  slack_webhook_host text,
  slack_updated_at timestamptz,
  teams_sealed_url text,
  teams_host text,
  teams_updated_at timestamptz,
  PRIMARY KEY (tenant_id, team_id)
);
${tenantTableSecuritySql('team_channel_integrations')}

-- The organisation's own SMTP server (password sealed). No row: the deployment's default server is used.
CREATE TABLE organisation_smtp_integrations (
  tenant_id text PRIMARY KEY,
  host text NOT NULL,
  port integer NOT NULL,
  secure boolean NOT NULL,
  username text,
  sealed_password text,
  from_address text NOT NULL,
  from_name text,
  updated_at timestamptz NOT NULL
);
${tenantTableSecuritySql('organisation_smtp_integrations')}
`,
  },
];

export const channelIntegrationReadTables = ['team_channel_integrations', 'organisation_smtp_integrations'] as const;
