/**
 * Requests Node's HTTP server would answer itself with a bare status line and no body, or not at all:
 * an HTTP/1.1 request without a Host header (400), an `Expect` other than `100-continue` (417), and
 * CONNECT (the connection closed unanswered). And one it would take though HTTP forbids it: two Host
 * headers (Node keeps the first; a proxy in front may have routed by the last). Each is answered here
 * as every other refused request is, a coded `errors` array, with the connection closed.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '@stepwise/platform';
import { clientErrorBody, type ClientErrorRefusal } from './client-error.refusal';
import { rawAnswer } from './client-errors.listener';
import { headerCount } from './header-count';

/** Why the request's Host headers do not name one host (RFC 9112 §3.2), or undefined when they do. */
export const hostRefusal = (request: Pick<IncomingMessage, 'httpVersion' | 'rawHeaders'>): ClientErrorRefusal | undefined => {
  const hosts = headerCount(request, 'host');
  if (hosts > 1) return { status: 400, code: 'BAD_REQUEST', message: 'The request carries more than one Host header: send exactly one' };
  if (hosts === 0 && request.httpVersion === '1.1') return { status: 400, code: 'BAD_REQUEST', message: 'An HTTP/1.1 request must carry a Host header: send one' };
  return undefined;
};

const refuse = (response: ServerResponse, refusal: ClientErrorRefusal): void => {
  const body = clientErrorBody(refusal);
  response.shouldKeepAlive = false;
  response.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  response.end(body);
};

const EXPECTATION_FAILED: ClientErrorRefusal = { status: 417, code: 'EXPECTATION_FAILED', message: 'The only Expect this api meets is 100-continue: send that, or no Expect header' };
const CONNECT_REFUSED: ClientErrorRefusal = { status: 405, code: 'METHOD_NOT_ALLOWED', message: 'CONNECT is not served: this is an api, not a proxy' };

export const answerUnservedRequests = (server: Server, logger: Logger): void => {
  const logged = (refusal: ClientErrorRefusal): ClientErrorRefusal => {
    logger.warn({ status: refusal.status, code: refusal.code, reason: refusal.message }, 'request refused before it was read');
    return refusal;
  };
  // Refused below, in the same words as the rest, rather than by Node with an empty 400.
  (server as Server & { requireHostHeader?: boolean }).requireHostHeader = false;
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const refusal = hostRefusal(request);
    if (!refusal) {
      for (const listener of listeners) listener.call(server, request, response);
      return;
    }
    request.resume();
    refuse(response, logged(refusal));
  });
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    refuse(response, logged(EXPECTATION_FAILED));
  });
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    socket.end(rawAnswer(logged(CONNECT_REFUSED)), () => socket.destroy());
    setTimeout(() => socket.destroy(), 1_000).unref();
  });
};
