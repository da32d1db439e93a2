/**
 * A guard for specs that aim hostile addresses at the outbound client: while installed, any socket
 * about to connect anywhere but loopback fails before a packet leaves, and is recorded. If the
 * address filter ever regresses, the SSRF spec then fails on this machine instead of sending
 * traffic into private networks. It guards, it does not fake: allowed loopback connections are real.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, Socket, type LookupFunction } from 'node:net';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

const isLoopback = (address: string): boolean => {
  const family = isIP(address);
  return family !== 0 && loopback.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

export interface LoopbackOnlyNetwork {
  /** Addresses a connection was stopped from reaching. */
  readonly stopped: readonly string[];
  uninstall(): void;
}

interface ConnectOptions {
  host?: string;
  /** A Unix socket path; http's agent sets it to null for TCP. */
  path?: string | null;
  lookup?: LookupFunction;
}

export const installLoopbackOnlyNetwork = (): LoopbackOnlyNetwork => {
  const stopped: string[] = [];
  const original = Socket.prototype.connect;
  const stop = (address: string): Error & { code: string } => {
    stopped.push(address);
    return Object.assign(new Error(`the loopback-only guard stopped a connection to ${address}`), { code: 'LOOPBACK_ONLY_GUARD' });
  };
  const guardedLookup =
    (lookup: LookupFunction): LookupFunction =>
    (hostname, options, callback) =>
      lookup(hostname, options, (error, address: string | LookupAddress[], family?: number) => {
        if (error) return callback(error, address as string, family);
        const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
        const outside = addresses.find((entry) => !isLoopback(entry));
        if (outside !== undefined) return callback(stop(outside), '', 0);
        return callback(null, address as string, family);
      });
  Socket.prototype.connect = function guardedConnect(this: Socket, ...args: unknown[]) {
    // net.createConnection passes its normalised [options, listener] array; direct calls pass options or (port, host).
    const first = args[0];
    const options = (Array.isArray(first) ? first[0] : typeof first === 'object' && first !== null ? first : { host: args[1] }) as ConnectOptions;
    if (!options.path) {
      const host = options.host ?? 'localhost';
      if (isIP(host) !== 0) {
        if (!isLoopback(host)) throw stop(host);
      } else {
        options.lookup = guardedLookup(options.lookup ?? dnsLookup);
      }
    }
    return (original as (...all: unknown[]) => Socket).apply(this, args);
  } as typeof Socket.prototype.connect;
  return {
    stopped,
    uninstall: () => {
      Socket.prototype.connect = original;
    },
  };
};
