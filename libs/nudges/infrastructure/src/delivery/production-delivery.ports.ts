/**
 * The delivery path's ports as a deployment runs them, built from its runtime and configuration:
 * webhook endpoints from their read table with secrets unsealed, a 410 disabling its endpoint
 * through the endpoint's command, members reached on their preferred channels (Slack and Teams
 * through their team's integrations, email through the organisation's SMTP server or the
 * deployment's default), all outbound HTTP through the address-filtering client, its sockets kept
 * open per origin between sends. `close()` ends the SMTP and HTTP connections kept open.
 */
import { TenantReader, type SqlDatabase } from '@stepwise/database';
import { DEFAULT_SMTP_CONNECTIONS_PER_SERVER, OutboundConnections } from '@stepwise/integrations';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import type { SecretSealer } from '@stepwise/nudges-application/read';
import type { Logger } from 'pino';
import type { AnswerLinkSigner } from '../answers/answer-link.signer';
import { CachedChannelSettingsDirectory } from '../channels/cached-channel-settings.directory';
import { EmailMemberChannel } from '../channels/email.member-channel';
import { SlackMemberChannel } from '../channels/slack.member-channel';
import { TeamsMemberChannel } from '../channels/teams.member-channel';
import { outboundChannelSenders, outboundEmailSender, type OutboundChannelSettings } from '../integrations/outbound-channel.senders';
import { SqlChannelSettingsDirectory } from '../integrations/sql-channel-settings.directory';
import type { UnsubscribeLinkSigner } from '../integrations/unsubscribe-link.signer';
import { SqlMemberReachability } from '../read-models/sql-member-reachability';
import { SqlWebhookEndpointDirectory } from '../read-models/sql-webhook-endpoint.directory';
import type { NudgeDeliveryPorts } from './nudge-delivery.engine';
import { CommandEndpointDisabler } from './gone-endpoint.disabler';
import { PolicyMemberReachability } from './policy.adapters';
import { PreferencesMemberReachability } from './preferences.reachability';

export interface DeliveryPortsOptions {
  /** The database delivery runs on (the worker's own small pool on PostgreSQL). */
  readonly database: SqlDatabase;
  readonly eventStore: EventStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The process's secret box (`openSecretBox(config.secrets)`, as the api opens it). */
  readonly sealer: SecretSealer;
  readonly outbound: OutboundChannelSettings;
  /**
   * The attempts' lease (STEPWISE_NUDGE_LEASE_MS): an email, Slack or Teams receiver's answer to a
   * message it has whole is awaited until it is about to run out (`OutboundChannelSettings.answerMs`).
   */
  readonly leaseMs: number;
  readonly answerLinks: AnswerLinkSigner;
  readonly unsubscribeLinks: UnsubscribeLinkSigner;
  /** The api as people reach it (STEPWISE_PUBLIC_URL): the base of answer and unsubscribe links. */
  readonly publicUrl: string;
  /** A Slack app receives button taps (STEPWISE_SLACK_SIGNING_SECRET is set): answer buttons in Slack. */
  readonly slackInteractive: boolean;
}

export interface DeliveryPorts {
  readonly ports: NudgeDeliveryPorts;
  close(): Promise<void>;
}

/** How long a team's or organisation's channel settings are answered from memory. */
const CHANNEL_SETTINGS_CACHE_MS = 2_000;

export const deliveryPorts = (options: DeliveryPortsOptions): DeliveryPorts => {
  const reader = new TenantReader(options.database);
  const connections = new OutboundConnections();
  const outbound = { ...options.outbound, answerMs: options.leaseMs };
  const senders = outboundChannelSenders(outbound, connections);
  const email = outboundEmailSender(outbound);
  const directory = new CachedChannelSettingsDirectory(new SqlChannelSettingsDirectory(reader, options.sealer), CHANNEL_SETTINGS_CACHE_MS);
  const links = { signer: options.answerLinks, publicUrl: options.publicUrl };
  return {
    ports: {
      reachability: new PreferencesMemberReachability(new PolicyMemberReachability(options.database), new SqlMemberReachability(reader)),
      endpoints: new SqlWebhookEndpointDirectory(reader, options.sealer, options.clock),
      disabler: new CommandEndpointDisabler(options.eventStore, options.clock, options.logger.child({ component: 'webhook-endpoints' })),
      webhookSender: senders.webhook,
      memberSenders: {
        SLACK: new SlackMemberChannel({ directory, sender: senders.slack, links, apiUrl: options.outbound.slackApiUrl, interactive: options.slackInteractive }),
        TEAMS: new TeamsMemberChannel({ directory, sender: senders.teams, links }),
        EMAIL: new EmailMemberChannel({
          directory,
          sender: email,
          hasDefaultServer: Boolean(options.outbound.defaultSmtp),
          connectionsPerServer: options.outbound.smtpConnectionsPerServer ?? DEFAULT_SMTP_CONNECTIONS_PER_SERVER,
          links,
          unsubscribe: options.unsubscribeLinks,
        }),
      },
    },
    close: async () => {
      connections.close();
      await email.close();
    },
  };
};
