/**
 * Which URLs can be a Teams webhook. Microsoft retired the Office 365 connectors (incoming webhooks
 * under `….webhook.office.com/webhookb2/…` and `outlook.office.com/webhook/…`); posting to them no
 * longer reaches a channel, so they are refused with a message that says what to use instead. Used by
 * the sender at send time and by the organisation settings up front, with the same reason codes
 * either way (a refused test message reports the code a refused setting names).
 */
import { hasReachableHost, hasStrayUrlCharacters, invalid } from '@stepwise/kernel';
import type { NoAnswerReason } from '../channel';

/** Each one the reason a refused send reports, too. */
export type TeamsWebhookUrlProblem = Extract<NoAnswerReason, 'INVALID_URL' | 'HTTPS_REQUIRED' | 'CREDENTIALS_IN_URL' | 'RETIRED_OFFICE365_CONNECTOR'>;

export type TeamsWebhookUrlCheck =
  | { readonly ok: true; readonly url: URL }
  | { readonly ok: false; readonly problem: TeamsWebhookUrlProblem; readonly message: string };

export interface TeamsWebhookUrlRules {
  /** Accept http:// (local receivers); https only otherwise. */
  readonly allowPlainHttp?: boolean;
}

export const RETIRED_CONNECTOR_MESSAGE =
  'This is an Office 365 connector URL, and Microsoft has retired Office 365 connectors in Teams. ' +
  'In the Teams channel, add the Workflows template "Post to a channel when a webhook request is received" and use the URL it gives.';

export const checkTeamsWebhookUrl = (raw: string, rules: TeamsWebhookUrlRules = {}): TeamsWebhookUrlCheck => {
  // The parser would encode or drop these, and post to another URL than the one the admin sees.
  if (hasStrayUrlCharacters(raw)) {
    return { ok: false, problem: 'INVALID_URL', message: 'The Teams webhook URL must not contain spaces, tabs, line breaks or other control or invisible characters.' };
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'INVALID_URL', message: 'The Teams webhook URL is not a URL.' };
  }
  // It parses, but names a host no name can have ("a..b", "-") or port 0: nothing could be posted to it.
  if (!hasReachableHost(url)) return { ok: false, problem: 'INVALID_URL', message: 'The Teams webhook URL is not a URL.' };
  if (isRetiredConnector(url)) return { ok: false, problem: 'RETIRED_OFFICE365_CONNECTOR', message: RETIRED_CONNECTOR_MESSAGE };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, problem: 'CREDENTIALS_IN_URL', message: 'The Teams webhook URL must not carry a user name or password.' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && rules.allowPlainHttp === true)) {
    return { ok: false, problem: 'HTTPS_REQUIRED', message: 'The Teams webhook URL must use https.' };
  }
  return { ok: true, url };
};

/** The same check for a command's field: a ValidationError (VALIDATION_FAILED) naming the field and the problem. */
export const parseTeamsWebhookUrl = (field: string, raw: unknown, rules: TeamsWebhookUrlRules = {}): string => {
  if (typeof raw !== 'string' || raw.trim() === '') return invalid(field, 'REQUIRED', `${field} is required`);
  const check = checkTeamsWebhookUrl(raw, rules);
  return check.ok ? check.url.toString() : invalid(field, check.problem, check.message);
};

const isRetiredConnector = (url: URL): boolean => {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  // As a server would route it: escapes decoded ("%77ebhook"), doubled slashes one ("//webhook").
  const path = pathAsRouted(url.pathname).toLowerCase();
  if (host === 'webhook.office.com' || host.endsWith('.webhook.office.com')) return true;
  const isOfficeHost = ['office.com', 'office365.com'].some((domain) => host === domain || host.endsWith(`.${domain}`));
  return isOfficeHost && path.startsWith('/webhook');
};

const pathAsRouted = (pathname: string): string => {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // A stray "%" decodes to nothing: the path as written.
  }
  return decoded.replace(/\/{2,}/g, '/');
};
