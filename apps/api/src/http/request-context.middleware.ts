/**
 * Every request's first stop: a correlation id (the caller's `x-correlation-id` if sane, else a new
 * one), echoed back and carried into every log line the request causes; an empty tenant slot, which
 * the caller guard fills once it knows the caller's organisation, so everything after it (resolvers,
 * reads, logs) runs for that tenant; and one structured line when the answer has gone out.
 *
 * A plain Express handler mounted once by `bootstrapApi`, not a Nest middleware: the same two jobs
 * as two Nest middlewares took about a sixth of the api's CPU under `{ __typename }` (docs/benchmarks.md).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { ANSWER_PATH, UNSUBSCRIBE_PATH } from '@stepwise/nudges-infrastructure';
import { runWithTenantSlot } from '@stepwise/kernel';
import { acceptCorrelationId, runWithCorrelation, type Logger } from '@stepwise/platform';

export const CORRELATION_HEADER = 'x-correlation-id';

/** Paths whose next segment is a signed link's token; matched as Express routes them, whatever the case. */
const SIGNED_LINK = new RegExp(`^/+(${ANSWER_PATH}|${UNSUBSCRIBE_PATH})(?=/)`, 'i');

/** The path with its escapes undone, so an escaped link is found too; decoded only when it holds one, the rare case. */
const decoded = (path: string): string => {
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

/**
 * The path a request's log line shows: its own, without the query, except that a signed link's
 * token and anything after it are left out (`/answers/:token`). Logs travel further than the links
 * should, and an unused answer link in one would let its reader answer as the member it was sent to.
 */
export const loggedPath = (url: string): string => {
  const path = url.split('?')[0];
  const link = SIGNED_LINK.exec(decoded(path));
  return link ? `/${link[1]}/:token` : path;
};

/**
 * Runs `work` (the rest of the request's handling) inside the request's context: its correlation id
 * and an empty tenant slot, with its log line registered for when the answer has gone out. Used by
 * Express's first handler and by the GraphQL endpoint's own door (graphql-edge), which comes before it.
 */
export const withRequestContext = (logger: Logger, request: IncomingMessage, response: ServerResponse, work: () => void): void => {
  const correlationId = acceptCorrelationId(request.headers[CORRELATION_HEADER]);
  response.setHeader(CORRELATION_HEADER, correlationId);
  const started = process.hrtime.bigint();
  // Read now: Express rewrites `url` while a mounted router handles the request.
  const url = request.url ?? '/';
  runWithCorrelation(correlationId, () =>
    runWithTenantSlot(() => {
      // Registered inside the context, so the line carries the request's correlation id, and its
      // tenant once the guard has settled it.
      response.once('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        logger.info({ method: request.method, path: loggedPath(url), status: response.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
      });
      work();
    }),
  );
};

export const requestContext =
  (logger: Logger): RequestHandler =>
  (request, response, next) =>
    withRequestContext(logger, request, response, next);
