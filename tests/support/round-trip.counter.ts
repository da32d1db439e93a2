/**
 * Counts the SQL round trips an HTTP request makes: every node-postgres `Client.query` call issued
 * while the server handles a request (its async context started in the server's 'request' event) is
 * one round trip (node-postgres sends one query at a time and waits for its answer; a simple-protocol
 * string with several statements is one). Work outside a request (the worker's projections, LISTEN,
 * leases) is not counted. Install once per process, before the server starts; for tests and the
 * benchmark only.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Server } from 'node:http';
import { Client } from 'pg';

export interface RoundTripCounter {
  /** Round trips of the requests that ended since the last reset, one entry per request, in end order. */
  readonly perRequest: readonly number[];
  /** The statements of the last request that ended (first 80 characters each), to see what they were. */
  readonly lastStatements: readonly string[];
  reset(): void;
}

interface RequestTally {
  count: number;
  statements: string[];
}

let installed: RoundTripCounter | undefined;

export const installRoundTripCounter = (): RoundTripCounter => {
  if (installed) return installed;
  const scope = new AsyncLocalStorage<RequestTally>();
  let perRequest: number[] = [];
  let lastStatements: string[] = [];

  const emit = Server.prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'request') return emit.call(this, event, ...args);
    const tally: RequestTally = { count: 0, statements: [] };
    const response = args[1] as { once(event: 'finish' | 'close', listener: () => void): void };
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      perRequest.push(tally.count);
      lastStatements = tally.statements;
    };
    response.once('finish', end);
    response.once('close', end);
    return scope.run(tally, () => emit.call(this, event, ...args));
  } as typeof Server.prototype.emit;

  const query = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]): unknown {
    const tally = scope.getStore();
    if (tally) {
      tally.count += 1;
      const config = args[0] as string | { text?: string };
      const text = typeof config === 'string' ? config : (config?.text ?? '');
      tally.statements.push(text.replace(/\s+/g, ' ').trim().slice(0, 80));
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;

  installed = {
    get perRequest() {
      return perRequest;
    },
    get lastStatements() {
      return lastStatements;
    },
    reset: () => {
      perRequest = [];
      lastStatements = [];
    },
  };
  return installed;
};
