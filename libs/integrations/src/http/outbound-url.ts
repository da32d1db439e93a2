/**
 * The checks an address gets before any connection: a URL, http or https, no credentials. The
 * WHATWG parser also normalises the spellings attackers use for loopback (2130706433, 0177.0.0.1,
 * 0x7f000001, 127.1) to dotted IPv4, so the address filter sees the real address.
 */
import { OutboundRequestRefused } from './outbound-http.errors';

export interface OutboundTarget {
  readonly url: URL;
  readonly secure: boolean;
  /** The host as a connection needs it: an IPv6 literal without its brackets. */
  readonly host: string;
  readonly port: number;
}

const SCHEMES: Readonly<Record<string, { secure: boolean; defaultPort: number }>> = {
  'http:': { secure: false, defaultPort: 80 },
  'https:': { secure: true, defaultPort: 443 },
};

export const outboundTarget = (address: string | URL, base?: URL): OutboundTarget => {
  let url: URL;
  try {
    url = new URL(address, base);
  } catch {
    throw new OutboundRequestRefused('INVALID_URL', 'the address is not a valid URL', { url: String(address).slice(0, 200) });
  }
  const scheme = SCHEMES[url.protocol];
  if (!scheme) {
    throw new OutboundRequestRefused('UNSUPPORTED_SCHEME', `only http and https addresses are allowed, not ${url.protocol}`, {
      scheme: url.protocol,
    });
  }
  if (url.username !== '' || url.password !== '') {
    throw new OutboundRequestRefused('CREDENTIALS_IN_URL', 'the address must not carry a user name or password', {
      host: url.host,
    });
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (host === '') throw new OutboundRequestRefused('INVALID_URL', 'the address has no host', { url: url.href });
  return { url, secure: scheme.secure, host, port: url.port === '' ? scheme.defaultPort : Number(url.port) };
};

/**
 * The address to report in errors and outcomes: scheme and host only. The path and the query can
 * be the secret itself (a Slack incoming webhook's last segment, a Teams workflow's `sig`).
 */
export const redactedUrl = (url: URL): string => `${url.protocol}//${url.host}`;
