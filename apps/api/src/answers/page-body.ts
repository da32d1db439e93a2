import { json, urlencoded, type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import { declaresMoreThan } from '../http/declared-length';
import type { HtmlPage } from './answer-page.html';
import { sendPage } from './send-page';

/**
 * The bodies the public pages (answers, unsubscribe) read: a small form, or JSON. They are parsed
 * here, ahead of the api's own parsers, so a body too large or malformed is refused as a page with
 * its code and the pages' headers rather than by the api's generic JSON error, which those routes'
 * filters never see (body parsing fails before any route runs).
 */
const PAGE_BODY_LIMIT_BYTES = 8 * 1024;

/** A refusal page for a request the pages could not read, in the words of the page's own kind. */
export type UnreadableBodyPage = (status: number, code: string, message: string) => HtmlPage;

/** An error from the `http-errors` package, as body-parser raises it. */
interface ClientHttpError {
  readonly statusCode: number;
  readonly type?: string;
}

const isClientHttpError = (error: unknown): error is ClientHttpError => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
};

/**
 * Too large, 413; anything else the parser could not read (malformed, a charset other than UTF-8 that
 * body-parser would answer 415, an unknown content encoding), 400 BAD_REQUEST, as the README lists.
 */
const TOO_LARGE = { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than the ${PAGE_BODY_LIMIT_BYTES / 1024} KiB allowed.` };
const refusal = (error: ClientHttpError): { status: number; code: string; message: string } =>
  error.type === 'entity.too.large' ? TOO_LARGE : { status: 400, code: 'BAD_REQUEST', message: 'The request body could not be read.' };

/**
 * A link whose path cannot be percent-decoded (`/answers/%ZZ`) is refused as the page of a malformed
 * link: the router would otherwise refuse it in the framework's JSON, with the token in its message.
 */
const refuseUndecodablePath =
  (page: UnreadableBodyPage, malformed: MalformedLink): RequestHandler =>
  (request, response, next) => {
    try {
      decodeURIComponent(request.path);
    } catch {
      sendPage(response, page(400, malformed.code, malformed.message));
      return;
    }
    next();
  };

/** How the page's kind says a link is not one it made. */
export interface MalformedLink {
  readonly code: string;
  readonly message: string;
}

export const pageBody = (page: UnreadableBodyPage, malformed: MalformedLink): (RequestHandler | ErrorRequestHandler)[] => {
  const refuse = (response: Response, { status, code, message }: { status: number; code: string; message: string }): void => {
    // Too large: the rest of the body is not read to keep the connection; it is closed instead.
    if (status === 413) response.setHeader('connection', 'close');
    sendPage(response, page(status, code, message));
  };
  const refuseDeclaredTooLarge: RequestHandler = (request, response, next) => (declaresMoreThan(request, PAGE_BODY_LIMIT_BYTES) ? refuse(response, TOO_LARGE) : next());
  const refuseUnreadable: ErrorRequestHandler = (error: unknown, _request, response, next) => {
    if (!isClientHttpError(error)) {
      next(error);
      return;
    }
    refuse(response, refusal(error));
  };
  return [refuseUndecodablePath(page, malformed), refuseDeclaredTooLarge, urlencoded({ extended: false, limit: PAGE_BODY_LIMIT_BYTES }), json({ limit: PAGE_BODY_LIMIT_BYTES }), refuseUnreadable];
};
