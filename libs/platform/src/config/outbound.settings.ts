/**
 * Settings of what Stepwise sends out (webhooks, Slack, Teams, email), read by the api (test
 * messages) and the worker (delivery) alike, so a test message travels exactly as a nudge does.
 */
import { z } from 'zod';
import { booleanSetting, integerSetting, textSetting, urlSetting } from './setting-types';

export const outboundSettings = {
  /**
   * Reach private and loopback addresses and accept plain-http URLs (webhook endpoints, Slack and
   * Teams webhooks, the Slack API, unsubscribe links): a receiver on this machine, in local
   * development and tests. Refused in production.
   */
  STEPWISE_WEBHOOKS_ALLOW_HTTP: booleanSetting(false),
  /** The Slack Web API that bot tokens post to: Slack's own, GovSlack's, or a local receiver. */
  STEPWISE_SLACK_API_URL: urlSetting(['https:', 'http:']).default('https://slack.com/api/'),
  /**
   * The deployment's SMTP server, for organisations that set none of their own: `smtp://` (STARTTLS
   * when the server offers it, port 587 by default) or `smtps://` (TLS from the first byte, port 465),
   * with `user:password@` where it needs them. Unset: no default server. The operator's own choice:
   * unlike an organisation's server, whose password is sent only over TLS, `smtp://` sends the
   * credentials without TLS where the server offers no STARTTLS (a relay on the same host or network).
   */
  STEPWISE_SMTP_URL: urlSetting(['smtp:', 'smtps:']).optional(),
  /** The sender of email through that server: `nudges@example.com` or `Stepwise <nudges@example.com>`. */
  STEPWISE_SMTP_FROM: textSetting().optional(),
  /**
   * Connections delivery opens to one SMTP server at once (the default one and each organisation's):
   * email's own concurrency, so a slow mail server delays email rather than the other channels.
   */
  STEPWISE_SMTP_MAX_CONNECTIONS: integerSetting(5, 1, 50),
  /** How long one send may take (an email's whole SMTP exchange): a delivery's, and a test message's. */
  STEPWISE_NUDGE_SEND_TIMEOUT_MS: integerSetting(10_000, 100, 120_000),
};

/** An SMTP server as the email sender takes it (SmtpSettings in @stepwise/integrations). */
export interface SmtpServerConfig {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  readonly from: { readonly address: string; readonly name?: string };
}

export interface OutboundConfig {
  /** Private and loopback addresses reachable, plain http accepted (development and tests only). */
  readonly allowPrivateAddresses: boolean;
  readonly slackApiUrl: string;
  /** Where an organisation without its own SMTP server sends email; null: nowhere. */
  readonly defaultSmtp: SmtpServerConfig | null;
  /** Connections to one SMTP server at once. */
  readonly smtpConnectionsPerServer: number;
  /** How long one send may take. */
  readonly sendTimeoutMs: number;
}

type OutboundSettings = z.infer<z.ZodObject<typeof outboundSettings>>;

const MAILBOX = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/;
const NAMED_MAILBOX = /^\s*([^<>\r\n]*?)\s*<([^<>\s]+)>\s*$/;

/** `addr` or `Name <addr>`; undefined when it is neither. */
const parseSender = (value: string): SmtpServerConfig['from'] | undefined => {
  const named = NAMED_MAILBOX.exec(value);
  const address = named ? named[2] : value.trim();
  if (!MAILBOX.test(address)) return undefined;
  const name = named?.[1].replace(/^"|"$/g, '').trim();
  return { address, ...(name && { name }) };
};

const smtpServer = (url: string, from: SmtpServerConfig['from']): SmtpServerConfig => {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const user = decodeURIComponent(parsed.username);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port === '' ? (secure ? 465 : 587) : Number(parsed.port),
    secure,
    ...(user !== '' && { auth: { user, pass: decodeURIComponent(parsed.password) } }),
    from,
  };
};

/** What is wrong with the outbound settings for this environment (each naming its setting), and the configuration when nothing is. */
export const toOutboundConfig = (settings: OutboundSettings, env: 'development' | 'production' | 'test'): { readonly config: OutboundConfig; readonly problems: string[] } => {
  const problems: string[] = [];
  if (env === 'production' && settings.STEPWISE_WEBHOOKS_ALLOW_HTTP) {
    problems.push('STEPWISE_WEBHOOKS_ALLOW_HTTP: not allowed in production; webhook URLs there must be https');
  }
  if (env === 'production' && new URL(settings.STEPWISE_SLACK_API_URL).protocol !== 'https:') {
    problems.push('STEPWISE_SLACK_API_URL: must be https in production');
  }
  const from = settings.STEPWISE_SMTP_FROM === undefined ? undefined : parseSender(settings.STEPWISE_SMTP_FROM);
  if (settings.STEPWISE_SMTP_FROM !== undefined && !from) problems.push('STEPWISE_SMTP_FROM: expected an email address, or a name and one: Stepwise <nudges@example.com>');
  if (settings.STEPWISE_SMTP_URL !== undefined && settings.STEPWISE_SMTP_FROM === undefined) {
    problems.push('STEPWISE_SMTP_FROM: required with STEPWISE_SMTP_URL; set it to the sender of nudge emails');
  }
  return {
    config: {
      allowPrivateAddresses: settings.STEPWISE_WEBHOOKS_ALLOW_HTTP,
      slackApiUrl: settings.STEPWISE_SLACK_API_URL,
      defaultSmtp: settings.STEPWISE_SMTP_URL !== undefined && from ? smtpServer(settings.STEPWISE_SMTP_URL, from) : null,
      smtpConnectionsPerServer: settings.STEPWISE_SMTP_MAX_CONNECTIONS,
      sendTimeoutMs: settings.STEPWISE_NUDGE_SEND_TIMEOUT_MS,
    },
    problems,
  };
};
