/**
 * Name resolution from a table, for tests: a hostile name can resolve to loopback or a private
 * address without DNS (there is none here), and a name not in the table does not exist.
 */
import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

export const staticLookup =
  (table: Readonly<Record<string, string | readonly string[]>>): LookupFunction =>
  (hostname, options, callback) => {
    const entry = table[hostname.toLowerCase()];
    const addresses: LookupAddress[] = (entry === undefined ? [] : typeof entry === 'string' ? [entry] : entry)
      .map((address) => ({ address, family: isIP(address) }))
      .filter((address) => options.family === undefined || options.family === 0 || address.family === options.family);
    queueMicrotask(() => {
      if (addresses.length === 0) {
        const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
        error.code = 'ENOTFOUND';
        return callback(error, '', 0);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
