/**
 * Which web pages may call /graphql from a browser (CORS), as STEPWISE_CORS_ORIGINS lists them. The
 * api authenticates with a bearer token, never a cookie, so no answer allows credentials: a page
 * reads an answer only with a token it holds itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ORGANISATION_HEADER } from '../auth/caller';
import { CORRELATION_HEADER } from './request-context.middleware';

/** The request headers a page may send: what the api reads, and Apollo's own for GET. */
export const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'accept', ORGANISATION_HEADER, CORRELATION_HEADER, 'apollo-require-preflight', 'x-apollo-operation-name'].join(', ');

/** How long a browser may keep a preflight's answer, in seconds (Chromium keeps at most 7,200). */
export const CORS_MAX_AGE_SECONDS = 600;

/** The origin to name in Access-Control-Allow-Origin for a request from `origin`, or undefined when it may not read the answer. */
export const allowedOrigin = (origins: readonly string[], origin: string | undefined): string | undefined => {
  if (origins[0] === '*') return '*';
  return origin !== undefined && origins.includes(origin) ? origin : undefined;
};

/** A browser's preflight: OPTIONS from a page, asking whether the request it is about to send may go. */
export const isPreflight = (request: IncomingMessage): boolean =>
  request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;

/**
 * Sets the headers that let a page from an allowed origin read this answer (any answer: a refusal
 * too, so the page can show why). `Vary: Origin` goes on every answer when origins are listed one by
 * one, since the answer then depends on who asked.
 */
export const allowReading = (origins: readonly string[], request: IncomingMessage, response: ServerResponse): void => {
  if (origins.length === 0) return;
  if (origins[0] !== '*') response.appendHeader('vary', 'Origin');
  const allowed = allowedOrigin(origins, request.headers.origin);
  if (allowed === undefined) return;
  response.setHeader('access-control-allow-origin', allowed);
  response.setHeader('access-control-expose-headers', CORRELATION_HEADER);
};
