import type { TenantReader } from '@stepwise/database';
import type { ChannelSettingsDirectory, OrganisationSmtp, SecretSealer, TeamChannels } from '@stepwise/nudges-application/read';
import type { SlackIntegrationKind } from '@stepwise/nudges-domain';

interface TeamRow {
  slack_kind: SlackIntegrationKind | null;
  slack_sealed_secret: string | null;
  teams_sealed_url: string | null;
}

interface SmtpRow {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  sealed_password: string | null;
  from_address: string;
  from_name: string | null;
}

/** Where delivery sends a team's Slack and Teams nudges and an organisation's emails, with their secrets unsealed. */
export class SqlChannelSettingsDirectory implements ChannelSettingsDirectory {
  constructor(
    private readonly reader: TenantReader,
    private readonly sealer: SecretSealer,
  ) {}

  async teamChannels(tenantId: string, teamId: string): Promise<TeamChannels> {
    const row = await this.reader.read(tenantId, async (tx) => {
      const result = await tx.query<TeamRow>(
        `SELECT slack_kind, slack_sealed_secret, teams_sealed_url FROM team_channel_integrations WHERE tenant_id = $1 AND team_id = $2`,
        [tenantId, teamId],
      );
      return result.rows[0];
    });
    if (!row) return { slack: null, teams: null };
    const slackSecret = row.slack_sealed_secret === null ? null : await this.sealer.unseal(row.slack_sealed_secret);
    return {
      slack: slackSecret === null ? null : row.slack_kind === 'BOT_TOKEN' ? { kind: 'bot', token: slackSecret } : { kind: 'incoming-webhook', url: slackSecret },
      teams: row.teams_sealed_url === null ? null : { url: await this.sealer.unseal(row.teams_sealed_url) },
    };
  }

  async organisationSmtp(tenantId: string): Promise<OrganisationSmtp | null> {
    const row = await this.reader.read(tenantId, async (tx) => {
      const result = await tx.query<SmtpRow>(
        `SELECT host, port, secure, username, sealed_password, from_address, from_name FROM organisation_smtp_integrations WHERE tenant_id = $1`,
        [tenantId],
      );
      return result.rows[0];
    });
    if (!row) return null;
    const pass = row.sealed_password === null ? null : await this.sealer.unseal(row.sealed_password);
    return {
      host: row.host,
      port: Number(row.port),
      secure: row.secure,
      ...(row.username !== null && pass !== null && { auth: { user: row.username, pass } }),
      from: { address: row.from_address, ...(row.from_name !== null && { name: row.from_name }) },
    };
  }
}
