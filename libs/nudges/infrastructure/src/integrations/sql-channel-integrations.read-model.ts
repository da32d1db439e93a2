import type { TenantReader } from '@stepwise/database';
import type { ChannelIntegrationsReadModel, SmtpIntegrationView, TeamIntegrationsView } from '@stepwise/nudges-application/read';
import type { SlackIntegrationKind } from '@stepwise/nudges-domain';

interface TeamRow {
  slack_kind: SlackIntegrationKind | null;
  slack_webhook_host: string | null;
  slack_updated_at: Date | null;
  teams_host: string | null;
  teams_updated_at: Date | null;
}

interface SmtpRow {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  password_set: boolean;
  from_address: string;
  from_name: string | null;
  updated_at: Date;
}

/** The admin queries: only non-secret columns are ever selected (no sealed_* column appears here). */
export class SqlChannelIntegrationsReadModel implements ChannelIntegrationsReadModel {
  constructor(private readonly reader: TenantReader) {}

  async teamIntegrations(tenantId: string, teamId: string): Promise<TeamIntegrationsView | undefined> {
    const found = await this.reader.read(tenantId, async (tx) => {
      const result = await tx.query<TeamRow>(
        `SELECT c.slack_kind, c.slack_webhook_host, c.slack_updated_at, c.teams_host, c.teams_updated_at
         FROM teams t LEFT JOIN team_channel_integrations c ON c.tenant_id = t.tenant_id AND c.team_id = t.team_id
         WHERE t.tenant_id = $1 AND t.team_id = $2`,
        [tenantId, teamId],
      );
      return result.rows;
    });
    if (found.length === 0) return undefined;
    const row = found[0];
    return {
      teamId,
      slack: row.slack_kind && row.slack_updated_at ? { kind: row.slack_kind, webhookHost: row.slack_webhook_host, updatedAt: new Date(row.slack_updated_at) } : null,
      teams: row.teams_host && row.teams_updated_at ? { host: row.teams_host, updatedAt: new Date(row.teams_updated_at) } : null,
    };
  }

  async smtpIntegration(tenantId: string): Promise<SmtpIntegrationView | null> {
    const row = await this.reader.read(tenantId, async (tx) => {
      const result = await tx.query<SmtpRow>(
        `SELECT host, port, secure, username, sealed_password IS NOT NULL AS password_set, from_address, from_name, updated_at
         FROM organisation_smtp_integrations WHERE tenant_id = $1`,
        [tenantId],
      );
      return result.rows[0];
    });
    if (!row) return null;
    return {
      host: row.host,
      port: Number(row.port),
      secure: row.secure,
      username: row.username,
      passwordSet: row.password_set,
      fromAddress: row.from_address,
      fromName: row.from_name,
      updatedAt: new Date(row.updated_at),
    };
  }
}
