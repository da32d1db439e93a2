/**
 * How a route that is not GraphQL refuses a request (an unknown path, a method it does not take, a
 * body it cannot read): the status, a code a client can switch on, and the message. Nest's own body
 * (`{ statusCode, message, error }`) carries no code.
 */
export interface HttpRefusalBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
}

const CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

export const httpRefusalBody = (statusCode: number, message: string): HttpRefusalBody => ({
  statusCode,
  code: CODES[statusCode] ?? 'BAD_REQUEST',
  message,
});
