/**
 * Answers the requests Node's HTTP server refuses before the api reads them (see
 * `client-error.refusal.ts`) with a coded JSON error instead of Node's bare status line, then closes
 * the connection. Follows Node's contract for a `clientError` listener: a socket that cannot be
 * written, or whose current response has begun, is destroyed without a word.
 */
import { maxHeaderSize, STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '@stepwise/platform';
import type { HttpTimeouts } from '../config/api.config';
import { type ClientError, clientErrorBody, clientErrorRefusal, type ClientErrorRefusal } from './client-error.refusal';

/** How long the answer may take to leave before the socket is destroyed regardless (a client that reads nothing). */
const FLUSH_WITHIN_MS = 1_000;

/**
 * Node attaches the response in progress to its socket here, and checks it the same way before its
 * own answer; no public property says whether a response has begun on a socket.
 */
const answerBegun = (socket: Duplex): boolean => Boolean((socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage?.headersSent);

export const rawAnswer = (refusal: ClientErrorRefusal): string => {
  const body = clientErrorBody(refusal);
  return [
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
};

export const answerClientErrors = (server: Server & { maxHeaderSize?: number }, logger: Logger, timeouts: HttpTimeouts): void => {
  const limits = { timeouts, maxHeaderBytes: server.maxHeaderSize ?? maxHeaderSize };
  server.on('clientError', (error: ClientError, socket: Duplex) => {
    const refusal = clientErrorRefusal(error, limits);
    // A reset client, or a connection already closed or already answered: there is no one to tell.
    if (!refusal || !socket.writable || socket.destroyed) {
      socket.destroy();
      return;
    }
    const begun = answerBegun(socket);
    // The error's code and llhttp's reason only: its `rawPacket` holds the client's bytes. A
    // connection that sent nothing before its timeout (a browser's preconnect, a balancer's probe)
    // is routine: it is answered the same, and logged at debug so it cannot flood the log.
    const silent = (socket as Duplex & { bytesRead?: number }).bytesRead === 0;
    logger[silent ? 'debug' : 'warn']({ status: refusal.status, code: refusal.code, cause: error.code, reason: error.reason, answered: !begun }, 'request refused before it was read');
    if (begun) {
      socket.destroy();
      return;
    }
    // Node may report the same connection again (more bytes after a parse error); `end` makes the
    // socket unwritable at once, so a second report destroys instead of writing twice.
    socket.end(rawAnswer(refusal), () => socket.destroy());
    setTimeout(() => socket.destroy(), FLUSH_WITHIN_MS).unref();
  });
};
