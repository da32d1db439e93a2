/**
 * What is wrong with a Slack address before anything is sent, or null. Checked at send time because
 * addresses come from an organisation's settings; a bad one is a permanent failure, not a retry.
 */
import type { NoAnswerReason } from '../channel';
import type { SlackAddress } from './slack.address';

const BOT_TOKEN = /^xox[a-z]-[A-Za-z0-9-]+$/;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

export interface SlackAddressRules {
  /** http:// for the Web API and webhooks; only for local receivers. */
  readonly allowPlainHttp?: boolean;
}

/** What is wrong, and for a URL that cannot be posted to, why as a code. */
export interface SlackAddressProblem {
  readonly message: string;
  readonly reason?: NoAnswerReason;
}

export const slackAddressProblem = (address: SlackAddress, rules: SlackAddressRules = {}): SlackAddressProblem | null => {
  if (address.kind === 'incoming-webhook') return urlProblem('the Slack webhook URL', address.url, rules);
  if (!BOT_TOKEN.test(address.token)) return { message: 'the Slack bot token is not a Slack token (xoxb-…)' };
  if (!USER_ID.test(address.userId)) return { message: `"${address.userId}" is not a Slack user id (U… or W…)` };
  return address.apiUrl === undefined ? null : urlProblem('the Slack API URL', address.apiUrl, rules);
};

const urlProblem = (what: string, raw: string, rules: SlackAddressRules): SlackAddressProblem | null => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { message: `${what} is not a URL`, reason: 'INVALID_URL' };
  }
  if (url.username !== '' || url.password !== '') return { message: `${what} must not carry credentials`, reason: 'CREDENTIALS_IN_URL' };
  if (url.protocol === 'https:' || (url.protocol === 'http:' && rules.allowPlainHttp === true)) return null;
  return { message: `${what} must use https`, reason: 'HTTPS_REQUIRED' };
};
