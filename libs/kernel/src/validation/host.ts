/**
 * A host Stepwise can connect to: a host name of letters, digits and inner hyphens per label (1 to
 * 63 characters each, at most 253 in all, an optional trailing dot, a last label that is not all
 * digits), an IPv4 address as four decimal numbers up to 255, or an IPv6 address (in brackets or
 * not). What a URL parser would read as another host ("0x7f.1", "2130706433" are 127.0.0.1 to it),
 * or cannot read at all ("[", ":", "a..b", "xn--"), is no host: stored, every send to it would fail.
 */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const HOST_NAME_MAX_LENGTH = 253;

const isIpv6 = (value: string): boolean => {
  if (!/^[0-9a-f:.]+$/i.test(value) || !value.includes(':')) return false;
  try {
    new URL(`http://[${value}]/`);
    return true;
  } catch {
    return false;
  }
};

export const isHost = (value: string): boolean => {
  if (value.startsWith('[') && value.endsWith(']')) return isIpv6(value.slice(1, -1));
  if (value.includes(':')) return isIpv6(value);
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > HOST_NAME_MAX_LENGTH) return false;
  if (IPV4.test(name)) return true;
  const labels = name.split('.');
  if (!labels.every((label) => LABEL.test(label)) || /^\d+$/.test(labels[labels.length - 1])) return false;
  // The WHATWG parser has the last word on names such as "xn--a" (not valid punycode).
  try {
    return new URL(`http://${name}/`).hostname === name.toLowerCase();
  } catch {
    return false;
  }
};

/** Whether a parsed http(s) URL names a host and port a request can reach (port 0 is none). */
export const hasReachableHost = (url: URL): boolean => isHost(url.hostname) && url.port !== '0';
