/**
 * Where the delivery side finds a team's Slack and Teams destinations and the organisation's SMTP
 * server, with their secrets unsealed for the moment of sending. Shapes follow the senders' own
 * addresses (SlackAddress, TeamsAddress, SmtpSettings in @stepwise/integrations) without importing them.
 */
export type TeamSlackChannel =
  /** Direct messages through the bot: the delivery side adds the member's Slack user id. */
  | { readonly kind: 'bot'; readonly token: string }
  | { readonly kind: 'incoming-webhook'; readonly url: string };

export interface TeamChannels {
  readonly slack: TeamSlackChannel | null;
  readonly teams: { readonly url: string } | null;
}

export interface OrganisationSmtp {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  readonly from: { readonly address: string; readonly name?: string };
}

export interface ChannelSettingsDirectory {
  teamChannels(tenantId: string, teamId: string): Promise<TeamChannels>;
  /** Null: the organisation set none, and the deployment's default SMTP server is used. */
  organisationSmtp(tenantId: string): Promise<OrganisationSmtp | null>;
}

export const CHANNEL_SETTINGS_DIRECTORY = Symbol('stepwise.channel-settings-directory');
