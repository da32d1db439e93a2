/**
 * What a client is told when Node's HTTP server refuses its request before the api reads it: bytes
 * that are not HTTP/1.1, headers over the size Node allows, or a request that did not arrive within
 * the api's timeouts. The answer has the shape of every other refused request (an `errors` array with
 * a stable `extensions.code`) and names what was wrong without repeating anything the client sent.
 */
import type { HttpTimeouts } from '../config/api.config';

export interface ClientErrorRefusal {
  readonly status: number;
  /** The status's name, as `BAD_REQUEST` is for 400: stable, for clients to branch on. */
  readonly code: string;
  readonly message: string;
}

/** The refusal as the JSON body every refused request gets: an `errors` array with its code. */
export const clientErrorBody = ({ code, message }: ClientErrorRefusal): string => JSON.stringify({ errors: [{ message, extensions: { code } }] });

/** What Node passes to `clientError`: a socket error, a parse error (`HPE_…`) or its request timeout. */
export interface ClientError extends Error {
  readonly code?: string;
  /** llhttp's description of a parse error: a fixed phrase of its own, never the client's bytes. */
  readonly reason?: string;
}

export interface ClientErrorLimits {
  readonly timeouts: Pick<HttpTimeouts, 'headersMs' | 'requestMs'>;
  /** The largest header section Node reads, in bytes (`http.maxHeaderSize` unless the server sets its own). */
  readonly maxHeaderBytes: number;
}

const HTTP_FORMAT = 'send a request line such as "POST /graphql HTTP/1.1", then one "Name: value" header per line, each line ending in CRLF, then an empty line';

/** The refusal for `error`, or undefined when the client is gone (a reset) and nothing can be said. */
export const clientErrorRefusal = (error: ClientError, { timeouts, maxHeaderBytes }: ClientErrorLimits): ClientErrorRefusal | undefined => {
  switch (error.code) {
    case 'ECONNRESET':
      return undefined;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        code: 'REQUEST_TIMEOUT',
        message: `The request did not arrive in time: its headers must arrive within ${timeouts.headersMs} ms and the whole request within ${timeouts.requestMs} ms`,
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
        message: `The request's headers are larger than the ${maxHeaderBytes / 1024} KiB allowed: send fewer or shorter headers`,
      };
    // Node answers this one 413 by itself; the api keeps its status.
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body carries chunk extensions larger than allowed: send the body without chunk extensions' };
    default:
      return {
        status: 400,
        code: 'BAD_REQUEST',
        message: error.code?.startsWith('HPE_') && error.reason ? `The request is not valid HTTP/1.1 (${error.reason}): ${HTTP_FORMAT}` : `The request cannot be read as HTTP/1.1: ${HTTP_FORMAT}`,
      };
  }
};
