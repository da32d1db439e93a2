/**
 * Tells the person who tapped a Slack answer button what became of their tap, through the tap's
 * `response_url`. Slack ignores the body of the reply to a Block Kit `block_actions` request (the
 * reply only acknowledges it): a message is replaced, or a note shown to the tapper alone, only by
 * posting it to `response_url`.
 *
 * The URL comes from a request Slack signed, yet it is still an address Stepwise did not choose: it
 * is used only when it is https on Slack's own hosts (any http(s) host only where the deployment
 * allows plain http and private addresses, for local development and tests), and it is posted to
 * through the address-filtering client, with a timeout and no redirect followed. The path of a
 * response URL is a credential for 30 minutes, so it is never logged; nor is what it answered.
 */
import { OutboundRequestFailed, OutboundRequestRefused, postJson, type TestReceiverExemption } from '@stepwise/integrations';
import { hasReachableHost } from '@stepwise/kernel';
import { isSlackHookUrl } from '@stepwise/nudges-domain';

export const SLACK_RESPONSE_URL_TIMEOUT_MS = 5_000;

/** What Slack shows the tapper: the message replaced by the outcome, or a note only they see. */
export type SlackResponseMessage =
  | { readonly replace_original: true; readonly text: string }
  | { readonly response_type: 'ephemeral'; readonly replace_original: false; readonly text: string };

export interface SlackResponseUrlRules {
  /** Any http(s) host, plain http and private addresses (STEPWISE_WEBHOOKS_ALLOW_HTTP; never in production). */
  readonly allowAnyHost: boolean;
}

export type SlackResponseUrlRefusal = 'MISSING' | 'INVALID_URL' | 'CREDENTIALS_IN_URL' | 'HTTPS_REQUIRED' | 'NOT_A_SLACK_HOST';

/** The response URL to post to, or why there is none to use. */
export const checkSlackResponseUrl = (value: unknown, rules: SlackResponseUrlRules): { readonly url: URL } | { readonly refused: SlackResponseUrlRefusal } => {
  if (typeof value !== 'string' || value === '') return { refused: 'MISSING' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { refused: 'INVALID_URL' };
  }
  if (!hasReachableHost(url)) return { refused: 'INVALID_URL' };
  if (url.username !== '' || url.password !== '') return { refused: 'CREDENTIALS_IN_URL' };
  if (rules.allowAnyHost) return url.protocol === 'https:' || url.protocol === 'http:' ? { url } : { refused: 'HTTPS_REQUIRED' };
  // Where Slack's response URLs point: Slack, and GovSlack.
  if (!isSlackHookUrl(url)) return { refused: 'NOT_A_SLACK_HOST' };
  return url.protocol === 'https:' ? { url } : { refused: 'HTTPS_REQUIRED' };
};

/** The `response_url` an interaction's `payload` form field names, if any; never throws. */
export const slackResponseUrlOf = (payloadField: unknown): unknown => {
  if (typeof payloadField !== 'string') return undefined;
  try {
    const payload: unknown = JSON.parse(payloadField);
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>).response_url : undefined;
  } catch {
    return undefined;
  }
};

export type SlackResponseOutcome =
  | { readonly kind: 'POSTED'; readonly status: number }
  | { readonly kind: 'NOT_POSTED'; readonly reason: SlackResponseUrlRefusal | OutboundRequestRefused['reason'] | OutboundRequestFailed['reason'] | 'REJECTED' | 'FAILED'; readonly status?: number };

/** Where what went wrong is written (the process's logger). */
export interface SlackResponseUrlLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface SlackResponseUrlSenderOptions {
  /** STEPWISE_WEBHOOKS_ALLOW_HTTP: any host, plain http and private addresses. */
  readonly allowPrivateAddresses: boolean;
  readonly logger: SlackResponseUrlLog;
  readonly timeoutMs?: number;
  /** Test-only: loopback receivers reached although private addresses are refused (still on Slack's rules otherwise). */
  readonly exemptTestReceivers?: readonly TestReceiverExemption[];
}

export class SlackResponseUrlSender {
  constructor(private readonly options: SlackResponseUrlSenderOptions) {}

  /** Posts `message` to `responseUrl`; never rejects: what went wrong is logged and answered. */
  async send(responseUrl: unknown, message: SlackResponseMessage): Promise<SlackResponseOutcome> {
    const checked = checkSlackResponseUrl(responseUrl, { allowAnyHost: this.options.allowPrivateAddresses });
    if ('refused' in checked) {
      const reason = checked.refused;
      if (reason === 'MISSING') this.options.logger.info({ reason }, 'Slack interaction has no response_url: the tapper sees no outcome');
      else this.options.logger.warn({ reason }, 'Slack response_url not used: the tapper sees no outcome');
      return { kind: 'NOT_POSTED', reason };
    }
    const host = checked.url.host;
    try {
      const answer = await postJson(checked.url.toString(), JSON.stringify(message), {}, {
        redirect: 'manual',
        timeoutMs: this.options.timeoutMs ?? SLACK_RESPONSE_URL_TIMEOUT_MS,
        allowPrivateAddresses: this.options.allowPrivateAddresses,
        maxBodyExcerptBytes: 256,
        ...(this.options.exemptTestReceivers && { exemptTestReceivers: this.options.exemptTestReceivers }),
      });
      if (answer.status >= 200 && answer.status < 300) return { kind: 'POSTED', status: answer.status };
      this.options.logger.warn({ reason: 'REJECTED', status: answer.status, host }, 'Slack response_url refused the outcome: the tapper may not see it');
      return { kind: 'NOT_POSTED', reason: 'REJECTED', status: answer.status };
    } catch (error) {
      const reason = error instanceof OutboundRequestRefused || error instanceof OutboundRequestFailed ? error.reason : 'FAILED';
      this.options.logger.warn({ reason, host }, 'Slack response_url could not be posted to: the tapper may not see the outcome');
      return { kind: 'NOT_POSTED', reason };
    }
  }
}
