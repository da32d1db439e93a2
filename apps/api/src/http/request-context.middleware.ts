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
import { runWithTenantSlot } from '@stepwise/kernel';
import { acceptCorrelationId, runWithCorrelation, type Logger } from '@stepwise/platform';
import { shownPath } from './signed-link-path';

export const CORRELATION_HEADER = 'x-correlation-id';

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
        logger.info({ method: request.method, path: shownPath(url), status: response.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
      });
      work();
    }),
  );
};

export const requestContext =
  (logger: Logger): RequestHandler =>
  (request, response, next) =>
    withRequestContext(logger, request, response, next);
