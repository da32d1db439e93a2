/**
 * Keep-alive connections for outbound HTTP, one filtering agent per origin and address rules: a
 * socket is opened only after the address filter accepted where it goes, and is reused only by a
 * later request to the same origin under the same rules (private addresses allowed or not, the same
 * test exemption, the same name resolution). A request under stricter rules never meets a socket
 * opened under looser ones: it has an agent of its own, whose connection is checked again.
 *
 * Bounded: at most `maxSocketsPerOrigin` sockets per origin (more requests wait for one), an idle
 * socket closed after `idleTimeoutMs` (or sooner when the server announces a shorter keep-alive), a
 * socket not reused once it is `maxSocketAgeMs` old (so a name that now resolves elsewhere is resolved
 * and checked again), and at most `maxOrigins` origins (the least recently used one is retired: its
 * idle sockets closed, its busy ones closed when their request ends). `close()` closes them all.
 */
import type { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import { LeastRecentlyUsed } from '../least-recently-used';

export interface OutboundConnectionsOptions {
  /** Sockets open to one origin at most, busy and idle together. Default 32. */
  readonly maxSocketsPerOrigin?: number;
  /** An idle socket is closed after this. Default 4 s (servers commonly keep one 5 s). */
  readonly idleTimeoutMs?: number;
  /** A socket this old is closed after its request instead of being reused. Default 60 s. */
  readonly maxSocketAgeMs?: number;
  /** Origins with sockets kept at once. Default 256. */
  readonly maxOrigins?: number;
}

export const DEFAULT_MAX_SOCKETS_PER_ORIGIN = 32;
const DEFAULT_IDLE_TIMEOUT_MS = 4_000;
const DEFAULT_MAX_SOCKET_AGE_MS = 60_000;
const DEFAULT_MAX_ORIGINS = 256;

/** An agent as the address filter makes it, with the lookup its requests pass. */
export interface PooledConnection {
  readonly agent: Agent;
  readonly lookup: LookupFunction;
}

/** What makes a connection: the agent options the pool decides, and the filter's own. */
export type ConnectionFactory = (keepAlive: KeepAliveAgentOptions | null) => PooledConnection;

export interface KeepAliveAgentOptions {
  readonly keepAlive: true;
  readonly maxSockets: number;
  readonly maxFreeSockets: number;
  readonly timeout: number;
  readonly scheduling: 'lifo';
}

/** The part of Node's agent the pool steers (documented in node:http, typed loosely by @types/node). */
interface SteerableAgent {
  createConnection(options: unknown, callback?: (error: Error | null, socket: Duplex) => void): Duplex;
  keepSocketAlive(socket: Duplex): boolean | void;
  readonly freeSockets: NodeJS.ReadOnlyDict<Duplex[]>;
}

export class OutboundConnections {
  private readonly origins: LeastRecentlyUsed<PooledConnection>;
  private readonly lookups = new WeakMap<LookupFunction, number>();
  private lookupCount = 0;
  private readonly retired = new WeakSet<Agent>();
  private closed = false;
  readonly maxSocketsPerOrigin: number;
  private readonly idleTimeoutMs: number;
  private readonly maxSocketAgeMs: number;

  constructor(options: OutboundConnectionsOptions = {}) {
    this.maxSocketsPerOrigin = options.maxSocketsPerOrigin ?? DEFAULT_MAX_SOCKETS_PER_ORIGIN;
    this.idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.maxSocketAgeMs = options.maxSocketAgeMs ?? DEFAULT_MAX_SOCKET_AGE_MS;
    // The least recently used origin is retired: its idle sockets closed, its busy ones when their request ends.
    this.origins = new LeastRecentlyUsed(options.maxOrigins ?? DEFAULT_MAX_ORIGINS, (connection) => this.retire(connection.agent));
  }

  /** Origins with an agent now (for tests and diagnostics). */
  get size(): number {
    return this.origins.size;
  }

  /**
   * The agent for `origin` under `rules` (a description of every address rule the factory applies;
   * requests under different rules never share one). After `close()`, each request gets a
   * connection of its own again.
   */
  connectionFor(origin: string, rules: string, lookup: LookupFunction | undefined, make: ConnectionFactory): PooledConnection {
    if (this.closed) return make(null);
    const key = `${origin} ${rules} lookup=${lookup ? this.lookupId(lookup) : 'system'}`;
    return this.origins.take(key, () => {
      const made = make({ keepAlive: true, maxSockets: this.maxSocketsPerOrigin, maxFreeSockets: this.maxSocketsPerOrigin, timeout: this.idleTimeoutMs, scheduling: 'lifo' });
      this.bound(made.agent);
      return made;
    });
  }

  /** Closes every socket, idle or busy (a request still running fails); later requests connect on their own. */
  close(): void {
    this.closed = true;
    for (const { agent } of this.origins.drain()) agent.destroy();
  }

  /** Sockets past their age, or of a retired agent, are closed when their request ends instead of kept. */
  private bound(agent: Agent): void {
    const steered = agent as unknown as SteerableAgent;
    const born = new WeakMap<Duplex, number>();
    const create = steered.createConnection.bind(agent);
    steered.createConnection = (options, callback) => {
      const socket = create(options, callback);
      born.set(socket, Date.now());
      return socket;
    };
    const keep = steered.keepSocketAlive.bind(agent);
    steered.keepSocketAlive = (socket) => {
      if (this.retired.has(agent) || Date.now() - (born.get(socket) ?? 0) >= this.maxSocketAgeMs) return false;
      return keep(socket) !== false;
    };
  }

  private retire(agent: Agent): void {
    this.retired.add(agent);
    for (const sockets of Object.values((agent as unknown as SteerableAgent).freeSockets)) for (const socket of sockets ?? []) socket.destroy();
  }

  private lookupId(lookup: LookupFunction): number {
    let id = this.lookups.get(lookup);
    if (id === undefined) this.lookups.set(lookup, (id = (this.lookupCount += 1)));
    return id;
  }
}
