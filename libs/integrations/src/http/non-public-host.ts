/**
 * Whether a URL's host can never be reached through the outbound address filter, judged from the URL
 * alone, so a settings command can refuse it up front: an IP literal that is not public unicast (the
 * classes address-filter.ts refuses at connection time, by the same ipaddr.js ranges, plus the
 * IPv4-compatible ::/96 block the agent misses), or a name that is loopback by definition
 * (`localhost` and `*.localhost`, RFC 6761). A public-looking name that resolves to a private address
 * is still accepted here and refused at connection time, which stays the rule for every request.
 */
import ipaddr from 'ipaddr.js';
import { BlockList, isIP } from 'node:net';

/** ::/96, which ipaddr.js calls unicast: [::127.0.0.1] parses as ::7f00:1. */
const ipv4CompatibleIpv6 = new BlockList();
ipv4CompatibleIpv6.addSubnet('::', 96, 'ipv6');

export const isIpv4CompatibleIpv6 = (address: string): boolean => isIP(address) === 6 && ipv4CompatibleIpv6.check(address, 'ipv6');

const LOOPBACK_NAME = /(^|\.)localhost\.?$/i;

/** `hostname` as `URL#hostname` gives it (an IPv6 literal in brackets). */
export const isNonPublicHost = (hostname: string): boolean => {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (isIP(host) === 0) return LOOPBACK_NAME.test(host);
  return isIpv4CompatibleIpv6(host) || ipaddr.parse(host).range() !== 'unicast';
};

/** Whether `hostname` (as `URL#hostname` gives it) is this machine: a loopback address or `localhost`. */
export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (isIP(host) === 0) return LOOPBACK_NAME.test(host);
  const address = ipaddr.process(host);
  return address.range() === 'loopback';
};
