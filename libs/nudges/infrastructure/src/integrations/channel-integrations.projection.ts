import { defineProjection } from '@stepwise/projections';
import { channelIntegrationEventSchemaVersions, type ChannelIntegrationEvent } from '@stepwise/nudges-domain';

/** Slack, Teams and SMTP integrations as admins see them and delivery finds them. Idempotent: each write states the values after the event. */
export const channelIntegrationsProjection = defineProjection<ChannelIntegrationEvent>({
  name: 'channel-integrations',
  tables: ['team_channel_integrations', 'organisation_smtp_integrations'],
  events: channelIntegrationEventSchemaVersions,
  handlers: {
    async TeamSlackIntegrationSet(tx, { data }, recorded) {
      await tx.query(
        `INSERT INTO team_channel_integrations (tenant_id, team_id, slack_kind, slack_sealed_secret, slack_webhook_host, slack_updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, team_id) DO UPDATE SET slack_kind = $3, slack_sealed_secret = $4, slack_webhook_host = $5, slack_updated_at = $6`,
        [recorded.tenantId, data.teamId, data.kind, data.sealedSecret, data.webhookHost, data.at],
      );
    },
    async TeamSlackIntegrationCleared(tx, { data }, recorded) {
      await tx.query(
        `UPDATE team_channel_integrations SET slack_kind = NULL, slack_sealed_secret = NULL, slack_webhook_host = NULL, slack_updated_at = NULL
         WHERE tenant_id = $1 AND team_id = $2`,
        [recorded.tenantId, data.teamId],
      );
    },
    async TeamTeamsIntegrationSet(tx, { data }, recorded) {
      await tx.query(
        `INSERT INTO team_channel_integrations (tenant_id, team_id, teams_sealed_url, teams_host, teams_updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, team_id) DO UPDATE SET teams_sealed_url = $3, teams_host = $4, teams_updated_at = $5`,
        [recorded.tenantId, data.teamId, data.sealedUrl, data.host, data.at],
      );
    },
    async TeamTeamsIntegrationCleared(tx, { data }, recorded) {
      await tx.query(
        `UPDATE team_channel_integrations SET teams_sealed_url = NULL, teams_host = NULL, teams_updated_at = NULL WHERE tenant_id = $1 AND team_id = $2`,
        [recorded.tenantId, data.teamId],
      );
    },
    async OrganisationSmtpIntegrationSet(tx, { data }, recorded) {
      await tx.query(
        `INSERT INTO organisation_smtp_integrations (tenant_id, host, port, secure, username, sealed_password, from_address, from_name, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (tenant_id) DO UPDATE SET host = $2, port = $3, secure = $4, username = $5, sealed_password = $6, from_address = $7, from_name = $8, updated_at = $9`,
        [recorded.tenantId, data.host, data.port, data.secure, data.username, data.sealedPassword, data.fromAddress, data.fromName, data.at],
      );
    },
    async OrganisationSmtpIntegrationCleared(tx, _event, recorded) {
      await tx.query(`DELETE FROM organisation_smtp_integrations WHERE tenant_id = $1`, [recorded.tenantId]);
    },
  },
});
