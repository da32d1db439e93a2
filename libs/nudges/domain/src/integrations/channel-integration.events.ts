/**
 * Where a team's Slack and Teams nudges go, on stream `team-channels-<teamId>`, and the
 * organisation's own SMTP server, on stream `organisation-smtp-<organisationId>`. Every secret (a
 * Slack bot token, a Slack or Teams webhook URL, an SMTP password) appears only sealed; the only
 * plaintext facts are the ones an admin may read back (kind, host, sender address).
 */
import { eventTypesOf, isEventTypeOf, type EventSchemaVersions } from '@stepwise/kernel';

export const TEAM_CHANNELS_STREAM_PREFIX = 'team-channels-';
export const teamChannelsStreamId = (teamId: string): string => `${TEAM_CHANNELS_STREAM_PREFIX}${teamId}`;
export const ORGANISATION_SMTP_STREAM_PREFIX = 'organisation-smtp-';
export const organisationSmtpStreamId = (organisationId: string): string => `${ORGANISATION_SMTP_STREAM_PREFIX}${organisationId}`;

export type SlackIntegrationKind = 'BOT_TOKEN' | 'INCOMING_WEBHOOK';
export const SLACK_INTEGRATION_KINDS: readonly SlackIntegrationKind[] = ['BOT_TOKEN', 'INCOMING_WEBHOOK'];

type Event<Type extends string, Data> = { readonly type: Type; readonly data: Data };

/** `sealedSecret` is the bot token or the incoming webhook URL; `webhookHost` is the URL's host (null for a token). */
export type TeamSlackIntegrationSet = Event<
  'TeamSlackIntegrationSet',
  { organisationId: string; teamId: string; kind: SlackIntegrationKind; sealedSecret: string; webhookHost: string | null; setBy: string; at: string }
>;
export type TeamSlackIntegrationCleared = Event<'TeamSlackIntegrationCleared', { organisationId: string; teamId: string; clearedBy: string; at: string }>;

/** `sealedUrl` is the Workflows webhook URL (a bearer secret: anyone holding it can post to the channel). */
export type TeamTeamsIntegrationSet = Event<
  'TeamTeamsIntegrationSet',
  { organisationId: string; teamId: string; sealedUrl: string; host: string; setBy: string; at: string }
>;
export type TeamTeamsIntegrationCleared = Event<'TeamTeamsIntegrationCleared', { organisationId: string; teamId: string; clearedBy: string; at: string }>;

/** The SMTP settings after the change, whole; `sealedPassword` null: the server is used without a password. */
export type OrganisationSmtpIntegrationSet = Event<
  'OrganisationSmtpIntegrationSet',
  {
    organisationId: string;
    host: string;
    port: number;
    secure: boolean;
    username: string | null;
    sealedPassword: string | null;
    fromAddress: string;
    fromName: string | null;
    setBy: string;
    at: string;
  }
>;
export type OrganisationSmtpIntegrationCleared = Event<'OrganisationSmtpIntegrationCleared', { organisationId: string; clearedBy: string; at: string }>;

export type ChannelIntegrationEvent =
  | TeamSlackIntegrationSet
  | TeamSlackIntegrationCleared
  | TeamTeamsIntegrationSet
  | TeamTeamsIntegrationCleared
  | OrganisationSmtpIntegrationSet
  | OrganisationSmtpIntegrationCleared;

export const channelIntegrationEventSchemaVersions: EventSchemaVersions<ChannelIntegrationEvent> = {
  TeamSlackIntegrationSet: 1,
  TeamSlackIntegrationCleared: 1,
  TeamTeamsIntegrationSet: 1,
  TeamTeamsIntegrationCleared: 1,
  OrganisationSmtpIntegrationSet: 1,
  OrganisationSmtpIntegrationCleared: 1,
};

export const channelIntegrationEventTypes = eventTypesOf(channelIntegrationEventSchemaVersions);
export const isChannelIntegrationEvent = (event: { type: string }): event is ChannelIntegrationEvent =>
  isEventTypeOf(channelIntegrationEventSchemaVersions, event.type);
