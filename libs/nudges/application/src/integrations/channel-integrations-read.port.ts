/**
 * What admins read about a team's Slack and Teams integrations and the organisation's SMTP server:
 * non-secret facts only. Tokens, passwords and webhook URLs stay sealed in the read tables and are
 * never selected by these queries.
 */
import type { SlackIntegrationKind } from '@stepwise/nudges-domain';

export interface SlackIntegrationView {
  readonly kind: SlackIntegrationKind;
  /** The incoming webhook URL's host; null for a bot token. */
  readonly webhookHost: string | null;
  readonly updatedAt: Date;
}

export interface TeamsIntegrationView {
  readonly host: string;
  readonly updatedAt: Date;
}

export interface TeamIntegrationsView {
  readonly teamId: string;
  readonly slack: SlackIntegrationView | null;
  readonly teams: TeamsIntegrationView | null;
}

export interface SmtpIntegrationView {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly username: string | null;
  readonly passwordSet: boolean;
  readonly fromAddress: string;
  readonly fromName: string | null;
  readonly updatedAt: Date;
}

export interface ChannelIntegrationsReadModel {
  /** Undefined when the tenant has no such team. */
  teamIntegrations(tenantId: string, teamId: string): Promise<TeamIntegrationsView | undefined>;
  smtpIntegration(tenantId: string): Promise<SmtpIntegrationView | null>;
}

export const CHANNEL_INTEGRATIONS_READ_MODEL = Symbol('stepwise.channel-integrations-read-model');
