/**
 * The channel senders as every process builds them, from one set of outbound settings: delivery
 * (the worker) and test messages (the api) send through the same senders with the same rules. Slack
 * and Teams go through the address-filtering fetch and webhooks through the filtering client, so a
 * private, loopback or link-local address is refused unless the deployment allows it (development,
 * tests); email goes to the organisation's SMTP server (its address filtered the same way) or the
 * deployment's default one.
 */
import {
  emailAddressProblem,
  EmailSender,
  filteringFetch,
  SlackSender,
  TeamsSender,
  WebhookSender,
  type OutboundConnections,
  type SmtpSettings,
  type TestReceiverExemption,
} from '@stepwise/integrations';

export interface OutboundChannelSettings {
  /** Reach private and loopback addresses, and accept plain-http URLs (STEPWISE_WEBHOOKS_ALLOW_HTTP). */
  readonly allowPrivateAddresses: boolean;
  /** The Slack Web API base bot tokens post to (STEPWISE_SLACK_API_URL); Slack's own unless given. */
  readonly slackApiUrl?: string;
  /** Where email goes for an organisation without its own SMTP server (STEPWISE_SMTP_URL); none when null. */
  readonly defaultSmtp?: SmtpSettings | null;
  /** Connections to one SMTP server at once (STEPWISE_SMTP_MAX_CONNECTIONS); the sender's default otherwise. */
  readonly smtpConnectionsPerServer?: number;
  /** Per request (a send timeout: an email's whole send too); the senders' own default otherwise. */
  readonly timeoutMs?: number;
  /**
   * How long a member channel's receiver (an SMTP server, Slack, a Teams webhook) may take to answer
   * what it has whole (delivery: the lease, whose end stops the send first), when longer than
   * `timeoutMs`. Only that answer waits so long: the send timeout ends whatever comes before it;
   * abandoned there, a message the receiver went on to deliver is sent twice. Webhooks keep the send
   * timeout: their receivers drop a repeat by its `webhook-id`, and a hung endpoint holds no slot longer.
   */
  readonly answerMs?: number;
  /** Test-only: loopback receivers reached although private addresses are refused. */
  readonly exemptTestReceivers?: readonly TestReceiverExemption[];
}

export interface OutboundChannelSenders {
  readonly slack: SlackSender;
  readonly teams: TeamsSender;
  readonly webhook: WebhookSender;
}

/**
 * With `connections`, the HTTP senders keep their sockets open per origin between sends (delivery,
 * which sends all day; the caller closes them); without, each request has a connection of its own
 * (test messages, which are rare).
 */
export const outboundChannelSenders = (settings: OutboundChannelSettings, connections?: OutboundConnections): OutboundChannelSenders => {
  const http = {
    allowPrivateAddresses: settings.allowPrivateAddresses,
    ...(settings.timeoutMs !== undefined && { timeoutMs: settings.timeoutMs }),
    ...(settings.exemptTestReceivers && { exemptTestReceivers: settings.exemptTestReceivers }),
    ...(connections && { connections }),
  };
  const answerTimeoutMs = settings.answerMs !== undefined && { answerTimeoutMs: settings.answerMs };
  const fetch = filteringFetch({ ...http, ...answerTimeoutMs });
  // A Workflows trigger posts the card before it answers: its 2xx is the delivery, whatever body follows.
  const statusFetch = filteringFetch({ ...http, ...answerTimeoutMs, wholeBody: false });
  // A test's receivers are plain http on loopback: exempting them accepts http too (the address filter still holds).
  const plainHttp = { allowPlainHttp: plainHttpAllowed(settings), ...(settings.timeoutMs !== undefined && { timeoutMs: settings.timeoutMs }), ...answerTimeoutMs };
  return {
    slack: new SlackSender({ fetch, ...plainHttp }),
    teams: new TeamsSender({ fetch: statusFetch, ...plainHttp }),
    webhook: new WebhookSender({ http }),
  };
};

/** Whether plain-http URLs are accepted (webhooks, Slack and Teams, email's unsubscribe links). */
export const plainHttpAllowed = (settings: OutboundChannelSettings): boolean => settings.allowPrivateAddresses || (settings.exemptTestReceivers?.length ?? 0) > 0;

/** Why email nudges' unsubscribe links under `publicUrl` would be refused (not https, nor http to this machine), or null. */
export const unsubscribeLinkProblem = (publicUrl: string, settings: OutboundChannelSettings): string | null =>
  emailAddressProblem({ to: 'member@example.com', unsubscribe: { url: `${publicUrl.replace(/\/$/, '')}/unsubscribe/x` } }, { allowPlainHttp: plainHttpAllowed(settings) });

/** An email sender with the deployment's default server; it keeps SMTP connections open until `close()`. */
export const outboundEmailSender = (settings: OutboundChannelSettings): EmailSender =>
  new EmailSender({
    ...(settings.defaultSmtp && { smtp: settings.defaultSmtp }),
    allowPlainHttp: plainHttpAllowed(settings),
    // An organisation's own server is an address its admin typed in: refused on a private address like a webhook.
    addressServers: { allowPrivateAddresses: settings.allowPrivateAddresses, ...(settings.exemptTestReceivers && { exemptTestReceivers: settings.exemptTestReceivers }) },
    ...(settings.smtpConnectionsPerServer !== undefined && { connectionsPerServer: settings.smtpConnectionsPerServer }),
    ...(settings.timeoutMs !== undefined && {
      timeouts: { connectionMs: settings.timeoutMs, greetingMs: settings.timeoutMs, socketMs: Math.max(settings.timeoutMs, settings.answerMs ?? 0), totalMs: settings.timeoutMs },
    }),
  });
