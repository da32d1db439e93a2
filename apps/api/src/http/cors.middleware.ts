/**
 * CORS on /graphql: answers a browser's preflight from an allowed origin (204, the methods and
 * headers a page may use) and refuses one from any other with a reason; marks every other answer
 * readable by an allowed origin. Mounted only when STEPWISE_CORS_ORIGINS lists origins: without it an
 * OPTIONS request is refused as any method /graphql does not serve (405).
 */
import type { RequestHandler } from 'express';
import { GraphqlRequestRefusal } from '../graphql/graphql-request.refusal';
import { allowedOrigin, allowReading, CORS_ALLOWED_HEADERS, CORS_MAX_AGE_SECONDS, isPreflight } from './cors.policy';

export const graphqlCors =
  (origins: readonly string[]): RequestHandler =>
  (request, response, next) => {
    allowReading(origins, request, response);
    // A preflight for /graphql/x is for an unknown path, answered as such (404) after this.
    if (!isPreflight(request) || request.path !== '/') return next();
    const origin = request.headers.origin ?? '';
    if (allowedOrigin(origins, origin) === undefined) {
      return next(
        new GraphqlRequestRefusal(403, `Pages from ${origin.slice(0, 200)} may not call this api from a browser: the api allows the origins in its STEPWISE_CORS_ORIGINS setting`, 'ORIGIN_NOT_ALLOWED'),
      );
    }
    response.setHeader('access-control-allow-methods', 'GET, POST');
    response.setHeader('access-control-allow-headers', CORS_ALLOWED_HEADERS);
    response.setHeader('access-control-max-age', String(CORS_MAX_AGE_SECONDS));
    response.status(204).end();
  };
