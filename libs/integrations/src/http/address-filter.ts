/**
 * Which addresses a connection may reach. The filtering itself is request-filtering-agent's: it
 * checks an IP literal before connecting and every address DNS returns, at connection time (so a
 * name that re-resolves to a private address between check and use is still caught). It refuses
 * everything ipaddr.js does not classify as public unicast: private, loopback, link-local (the cloud
 * metadata address 169.254.169.254), carrier-grade NAT (100.64/10), unique-local (fc00::/7),
 * IPv4-mapped IPv6 (::ffff:127.0.0.1), NAT64, 6to4, Teredo, multicast, reserved, unspecified.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import type { KeepAliveAgentOptions, OutboundConnections } from './outbound-connections';
import { isIpv4CompatibleIpv6 } from './non-public-host';
import { OutboundRequestRefused } from './outbound-http.errors';
import type { OutboundTarget } from './outbound-url';
import { assertLoopbackExemption, type TestReceiverExemption } from './test-receiver-exemption';

// The one gap found in the agent: ipaddr.js calls the deprecated IPv4-compatible IPv6 block ::/96
// (e.g. [::127.0.0.1], which URL parsing turns into ::7f00:1) "unicast", so the agent lets it through.
// It is denied here rather than through the agent's denyIPAddressList because that list matches an
// IPv6 CIDR against IPv4 addresses too, and logs a warning on every IPv4 connection when it does.
const isDeniedByUs = isIpv4CompatibleIpv6;

const privateAddress = (address: string, host: string): OutboundRequestRefused =>
  new OutboundRequestRefused('PRIVATE_ADDRESS', `${host} is, or resolves to, an address that is not public`, { host, address });

export interface AddressFilterSettings {
  readonly allowPrivateAddresses: boolean;
  readonly exemptTestReceivers: readonly TestReceiverExemption[];
  readonly lookup: LookupFunction | undefined;
  /** Keep-alive sockets per origin and rules; without it each request has a connection of its own. */
  readonly connections: OutboundConnections | undefined;
}

export interface FilteredConnection {
  readonly agent: Agent;
  readonly lookup: LookupFunction;
}

/**
 * The agent a hop goes through. Without a pool, one agent per hop (no keep-alive), so a socket
 * opened for one address never serves another. With one, the pool's agent for this origin under
 * exactly these rules: its sockets were all opened through the same filter, to this origin.
 */
export const filteredConnection = (target: OutboundTarget, settings: AddressFilterSettings): FilteredConnection => {
  settings.exemptTestReceivers.forEach(assertLoopbackExemption);
  const exempt = settings.exemptTestReceivers.some((receiver) => receiver.host === target.host && receiver.port === target.port);
  const filtering = !settings.allowPrivateAddresses && !exempt;
  if (filtering && isDeniedByUs(target.host)) throw privateAddress(target.host, target.host);
  const make = (keepAlive: KeepAliveAgentOptions | null): FilteredConnection => {
    const agentOptions = {
      ...(keepAlive ?? { keepAlive: false }),
      allowPrivateIPAddress: settings.allowPrivateAddresses,
      allowMetaIPAddress: false,
      // Exact IP literal only: a name that resolves to the same address is not exempt.
      allowIPAddressList: exempt ? [target.host] : [],
      denyIPAddressList: [],
    };
    const agent = target.secure ? new RequestFilteringHttpsAgent(agentOptions) : new RequestFilteringHttpAgent(agentOptions);
    return { agent, lookup: filtering ? denyingLookup(settings.lookup ?? dnsLookup) : (settings.lookup ?? dnsLookup) };
  };
  if (!settings.connections) return make(null);
  const origin = `${target.secure ? 'https' : 'http'}://${target.host}:${target.port}`;
  return settings.connections.connectionFor(origin, `private=${settings.allowPrivateAddresses} exempt=${exempt}`, settings.lookup, make);
};

/** The agent checks what this returns too; this adds only the denial above. */
const denyingLookup =
  (lookup: LookupFunction): LookupFunction =>
  (hostname, options, callback) => {
    lookup(hostname, options, (error, address: string | LookupAddress[], family?: number) => {
      if (error) return callback(error, address as string, family);
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      const denied = addresses.find(isDeniedByUs);
      if (denied !== undefined) return callback(privateAddress(denied, hostname), '', 0);
      return callback(null, address as string, family);
    });
  };

/**
 * The agent reports a refusal as a plain Error without a code; its wording is pinned by the exact
 * package version and by the SSRF spec, which fails if a refusal comes back as anything else.
 */
export const isAgentRefusal = (error: Error & { code?: unknown }): boolean =>
  error.code === undefined && /^DNS lookup .* is not allowed\b/.test(error.message);
