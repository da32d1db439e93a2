import type { Server } from 'node:http';
import type { HttpTimeouts } from '../config/api.config';

/** Node reads this when the server starts listening; @types/node declares it only as a creation option. */
type CheckedServer = Server & { connectionsCheckingInterval?: number };

/**
 * Bounds how long a client may hold a connection without finishing its request (a slow or stalled
 * sender is answered 408 and closed), and how long an idle keep-alive connection is kept. Set before
 * the server listens: Node starts the timer that enforces them when it does.
 */
export const applyServerTimeouts = (server: CheckedServer, { headersMs, requestMs, keepAliveMs }: HttpTimeouts): void => {
  server.headersTimeout = headersMs;
  server.requestTimeout = requestMs;
  server.keepAliveTimeout = keepAliveMs;
  // Node checks these timeouts every 30 s by default, so a 10 s limit would hold for up to 40 s;
  // checking a few times per headers timeout (at most once a second) keeps each close near its limit.
  server.connectionsCheckingInterval = Math.min(1_000, Math.max(25, Math.floor(headersMs / 4)));
};
