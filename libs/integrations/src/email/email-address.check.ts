/**
 * What is wrong with an email address or its unsubscribe links before anything is sent, or null.
 * The checks are for what would break a header or the envelope, not a full RFC 5322 parse: the SMTP
 * server has the last word on a mailbox.
 */
import { isMailbox } from '@stepwise/kernel';
import { isLoopbackHost } from '../http/non-public-host';
import type { EmailAddress, SmtpSettings } from './email.address';

export { isMailbox };

export interface EmailAddressRules {
  /** Accept any http:// unsubscribe URL (development and tests). RFC 8058 wants https. */
  readonly allowPlainHttp?: boolean;
}

/**
 * An http:// link to this machine (the embedded default's api at http://127.0.0.1:3000): it works for
 * someone reading the email on the same machine, which is all a development setup has, and reaches
 * nobody's server. Accepted without allowing plain http, or private addresses, anywhere else.
 */
const isLocalHttp = (raw: string): boolean => {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
};

export const emailAddressProblem = (address: EmailAddress, rules: EmailAddressRules = {}): string | null => {
  if (!isMailbox(address.to)) return `"${address.to}" is not an email address`;
  if (address.name !== undefined && /[\r\n]/.test(address.name)) return 'the recipient name must be one line';
  if (address.unsubscribe === undefined) return null;
  const protocol = protocolOf(address.unsubscribe.url);
  if (protocol !== 'https:' && !(protocol === 'http:' && (rules.allowPlainHttp === true || isLocalHttp(address.unsubscribe.url)))) {
    return 'the unsubscribe URL must be an https URL (RFC 8058)';
  }
  if (address.unsubscribe.mailto !== undefined && protocolOf(address.unsubscribe.mailto) !== 'mailto:') return 'the unsubscribe mailto must be a mailto: URL';
  return null;
};

export const smtpSettingsProblem = (settings: SmtpSettings): string | null => {
  if (settings.host.trim() === '') return 'the SMTP host is missing';
  if (!Number.isInteger(settings.port) || settings.port < 1 || settings.port > 65_535) return `the SMTP port ${settings.port} is not a port`;
  if (!isMailbox(settings.from.address)) return `the sender address "${settings.from.address}" is not an email address`;
  if (settings.from.name !== undefined && /[\r\n]/.test(settings.from.name)) return 'the sender name must be one line';
  return null;
};

const protocolOf = (raw: string): string | null => {
  try {
    return new URL(raw).protocol;
  } catch {
    return null;
  }
};
