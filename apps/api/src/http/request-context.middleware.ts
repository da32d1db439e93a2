/**
 * Every request's first stop: a correlation id (the caller's `x-correlation-id` if sane, else a new
 * one), echoed back and carried into every log line the request causes, and one structured line
 * when the answer has gone out.
 *
 * A plain Express handler mounted once by `bootstrapApi`, not a Nest middleware: the same two jobs
 * as two Nest middlewares cost about a third of `{ __typename }`'s CPU (docs/benchmarks.md).
 */
import type { RequestHandler } from 'express';
import { acceptCorrelationId, runWithCorrelation, type Logger } from '@stepwise/platform';

export const CORRELATION_HEADER = 'x-correlation-id';

export const requestContext =
  (logger: Logger): RequestHandler =>
  (request, response, next) => {
    const correlationId = acceptCorrelationId(request.headers[CORRELATION_HEADER]);
    response.setHeader(CORRELATION_HEADER, correlationId);
    const started = process.hrtime.bigint();
    runWithCorrelation(correlationId, () => {
      // Registered inside the context, so the line carries the request's correlation id.
      response.once('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        logger.info({ method: request.method, path: request.originalUrl.split('?')[0], status: response.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
      });
      next();
    });
  };
