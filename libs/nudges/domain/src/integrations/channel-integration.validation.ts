/**
 * Checks of channel integration fields, each failure naming its field. The application runs them on
 * the plaintext before sealing it; the decider only sees what they let through, sealed.
 */
import { hasReachableHost, integerInRange, invalid, isHost, optionalText, requiredText, requiredUrlText } from '@stepwise/kernel';
import { validEmail } from '@stepwise/tenancy-domain';

export const SLACK_TOKEN_MAX_LENGTH = 255;
export const INTEGRATION_URL_MAX_LENGTH = 2048;
export const SMTP_HOST_MAX_LENGTH = 253;
export const SMTP_USERNAME_MAX_LENGTH = 320;
export const SMTP_PASSWORD_MAX_LENGTH = 1024;
export const SMTP_FROM_NAME_MAX_LENGTH = 100;
/** Slack's hosts for incoming webhooks and response URLs: Slack, and GovSlack. */
export const SLACK_HOOK_HOSTS: readonly string[] = ['hooks.slack.com', 'hooks.slack-gov.com'];

/** Whether a URL is on one of Slack's hook hosts, on its own port (a written-out :443 is the same). */
export const isSlackHookUrl = (url: URL): boolean => SLACK_HOOK_HOSTS.includes(url.hostname.toLowerCase().replace(/\.$/, '')) && url.port === '';

/** A Slack bot token: `xoxb-` and Slack's token characters. */
export const validSlackBotToken = (field: string, value: unknown): string => {
  const token = requiredText(field, value, SLACK_TOKEN_MAX_LENGTH);
  if (!/^xoxb-[A-Za-z0-9-]+$/.test(token)) return invalid(field, 'INVALID_FORMAT', `${field} must be a Slack bot token (xoxb-…)`);
  return token;
};

export interface SlackWebhookUrlRules {
  /** Local development and tests: any host, and plain http. */
  readonly allowAnyHost: boolean;
}

/**
 * A Slack incoming webhook URL: https://hooks.slack.com/… or GovSlack's https://hooks.slack-gov.com/…,
 * on the default port (any http(s) host only where the rules
 * allow), with no whitespace or control character in it, which the parser would encode or drop.
 */
export const validSlackWebhookUrl = (field: string, value: unknown, rules: SlackWebhookUrlRules): URL => {
  const text = requiredUrlText(field, value, INTEGRATION_URL_MAX_LENGTH);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid(field, 'INVALID_FORMAT', `${field} must be an absolute URL such as https://hooks.slack.com/services/…`);
  }
  if (url.username !== '' || url.password !== '') return invalid(field, 'CREDENTIALS_NOT_ALLOWED', `${field} must not carry a user name or password`);
  if (!hasReachableHost(url)) return invalid(field, 'INVALID_FORMAT', `${field} must be an absolute URL such as https://hooks.slack.com/services/…`);
  if (rules.allowAnyHost) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalid(field, 'HTTPS_REQUIRED', `${field} must start with https://`);
    return url;
  }
  if (url.protocol !== 'https:') return invalid(field, 'HTTPS_REQUIRED', `${field} must start with https://`);
  if (!isSlackHookUrl(url)) return invalid(field, 'NOT_A_SLACK_WEBHOOK', `${field} must be a Slack incoming webhook URL (https://hooks.slack.com/… or https://hooks.slack-gov.com/…)`);
  return url;
};

/** A host name or IP address, without scheme, port or path. */
export const validSmtpHost = (value: unknown): string => {
  const host = requiredText('host', value, SMTP_HOST_MAX_LENGTH);
  if (!isHost(host)) return invalid('host', 'INVALID_FORMAT', 'host must be a host name or IP address, such as smtp.example.com');
  return host;
};

export const validSmtpPort = (value: unknown): number => integerInRange('port', value, 1, 65_535);

export const validSmtpSecure = (value: unknown): boolean => (typeof value === 'boolean' ? value : invalid('secure', 'REQUIRED', 'secure must be true or false'));

export const validSmtpUsername = (value: unknown): string | null => {
  const username = optionalText('username', value, SMTP_USERNAME_MAX_LENGTH);
  if (username !== null && /\p{Cc}/u.test(username)) return invalid('username', 'INVALID_FORMAT', 'username must be one line, without control characters');
  return username;
};

export const validSmtpPassword = (value: unknown): string => {
  if (typeof value !== 'string' || value.length === 0) return invalid('password', 'REQUIRED', 'password must not be empty (omit it to keep the current one)');
  if (value.length > SMTP_PASSWORD_MAX_LENGTH) return invalid('password', 'TOO_LONG', `password must be at most ${SMTP_PASSWORD_MAX_LENGTH} characters`);
  return value;
};

/** The sender's address, kept as account emails are (its domain a real one, in lower-case ASCII). */
export const validSmtpFromAddress = (value: unknown): string => {
  if (value === undefined || value === null) return invalid('fromAddress', 'REQUIRED', 'fromAddress is required');
  return validEmail(value, 'fromAddress')!;
};

/** The sender's display name: one line, without control characters (it goes into the From header). */
export const validSmtpFromName = (value: unknown): string | null => {
  const name = optionalText('fromName', value, SMTP_FROM_NAME_MAX_LENGTH);
  if (name !== null && /[\p{Cc}\p{Zl}\p{Zp}]/u.test(name)) return invalid('fromName', 'INVALID_FORMAT', 'fromName must be one line, without control characters');
  return name;
};
