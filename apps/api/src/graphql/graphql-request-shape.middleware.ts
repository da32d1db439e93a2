/**
 * What a request to /graphql must look like before GraphQL reads it: a GET with a query string, or a
 * POST of one operation as a JSON object under `Content-Type: application/json`. Apollo refuses the
 * rest too, but with messages that name none of what was wrong ("POST body missing, invalid
 * Content-Type, or JSON object has no keys.", or body-parser's "Unexpected token '4', "42" is not
 * valid JSON" for a body that is valid JSON), or, for a method it does not serve, its CSRF refusal.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { NotFoundException } from '@nestjs/common';
import { json, type RequestHandler } from 'express';
import Negotiator from 'negotiator';
import { declaresMoreThan } from '../http/declared-length';
import { markAnswerPrivate } from '../http/private-answer.headers';
import { GraphqlRequestRefusal } from './graphql-request.refusal';

export const GRAPHQL_PATH = '/graphql';

/** The largest JSON body the api reads (a GraphQL operation and its variables are far smaller). */
export const JSON_BODY_LIMIT = '256kb';

/** The same limit in bytes, as body-parser reads `JSON_BODY_LIMIT`. */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

const EXAMPLE = 'send one operation as a JSON object, such as {"query": "{ __typename }"}';

/** Requests whose body arrived empty: body-parser reads an empty body as `{}`, which says something else. */
const emptyBodies = new WeakSet<IncomingMessage>();

/**
 * Reads any JSON value, not only objects and arrays, so that a body of `42` or `null` is refused for
 * what it is rather than as unreadable. Mounted on /graphql ahead of the api's own JSON parser.
 */
export const graphqlJsonBody: RequestHandler = json({
  limit: JSON_BODY_LIMIT,
  strict: false,
  verify: (request, _response, body, encoding) => {
    if (body.length === 0) emptyBodies.add(request);
    // body-parser decodes any utf-* charset (UTF-7 would change what was sent): JSON is UTF-8 alone.
    if (encoding.toLowerCase() !== 'utf-8') {
      throw new GraphqlRequestRefusal(415, `The request body is declared charset=${encoding}: send JSON encoded as UTF-8 (RFC 8259 §8.1), declaring charset=utf-8 or none; nothing of it was read`);
    }
    // body-parser keeps a refusal's own status (400) over the 403 it gives a failed verify.
    const refusal = notUtf8Refusal(body);
    if (refusal) throw refusal;
  },
});

/**
 * A body that is not UTF-8 text (JSON is, RFC 8259 §8.1), or undefined. Decoding it would turn each
 * bad byte into U+FFFD, and store text the client never sent.
 */
export const notUtf8Refusal = (body: Buffer): GraphqlRequestRefusal | undefined =>
  isUtf8(body) ? undefined : new GraphqlRequestRefusal(400, 'The request body is not UTF-8 text: send JSON encoded as UTF-8 (RFC 8259 §8.1); nothing of it was read');

const describeJson = (body: unknown): string =>
  typeof body === 'string' ? 'a JSON string' : typeof body === 'number' ? 'a JSON number' : `JSON ${String(body)}`;

/** The media types a GraphQL answer is sent as (Apollo's choice among them follows the Accept header). */
const ANSWER_TYPES = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8'];

/** Whether each Accept header seen takes a JSON type: a client sends the same one every time, so each is negotiated once. */
const KEPT_ACCEPTS = 64;
const acceptsSeen = new Map<string, boolean>();
const takesJson = (accept: string): boolean => {
  let takes = acceptsSeen.get(accept);
  if (takes === undefined) {
    takes = new Negotiator({ headers: { accept } }).mediaType(ANSWER_TYPES) !== undefined;
    if (acceptsSeen.size >= KEPT_ACCEPTS) acceptsSeen.clear();
    acceptsSeen.set(accept, takes);
  }
  return takes;
};

/**
 * An Accept header that takes neither JSON type: refused before anything runs. Apollo would find out
 * only when writing the answer, after a mutation had been applied, and answer 406 for a change made.
 */
const notAcceptableRefusal = (accept: string | undefined): GraphqlRequestRefusal | undefined =>
  accept === undefined || takesJson(accept)
    ? undefined
    : new GraphqlRequestRefusal(406, `The Accept header (${accept.slice(0, 100)}) takes neither application/json nor application/graphql-response+json, the types GraphQL answers in: accept one of them; nothing was run`);

/** Why GraphQL cannot take a request of this method, content type, parsed body and Accept header, or undefined when it can. */
export const graphqlRequestRefusal = (method: string, contentType: string | undefined, body: unknown, empty: boolean, accept?: string): GraphqlRequestRefusal | undefined => {
  if (method !== 'GET' && method !== 'POST') {
    return new GraphqlRequestRefusal(405, `${method} is not served on /graphql: POST one operation as JSON, or GET with the operation in the query string`);
  }
  const unacceptable = notAcceptableRefusal(accept);
  if (unacceptable || method === 'GET') return unacceptable;
  if (!contentType) return new GraphqlRequestRefusal(400, `The request has no Content-Type: set Content-Type: application/json and ${EXAMPLE}`);
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return new GraphqlRequestRefusal(400, `Content-Type ${mediaType || '(empty)'} is not accepted on /graphql: set Content-Type: application/json and ${EXAMPLE}`);
  }
  if (empty || body === undefined) return new GraphqlRequestRefusal(400, `The request body is empty: ${EXAMPLE}`);
  if (Array.isArray(body)) {
    return new GraphqlRequestRefusal(400, 'The request body is a JSON array: batched operations are not accepted; send one operation per request, as a JSON object');
  }
  if (typeof body !== 'object' || body === null) return new GraphqlRequestRefusal(400, `The request body is ${describeJson(body)}, not a JSON object: ${EXAMPLE}`);
  if (Object.keys(body).length === 0) return new GraphqlRequestRefusal(400, `The request body is an empty JSON object: ${EXAMPLE}`);
  return undefined;
};

/**
 * Every answer here is the caller's alone (private-answer.headers). The endpoint is /graphql (or /graphql/), spelt so: Express mounts by prefix and without regard to
 * case, so /graphql/anything and /GraphQL would otherwise reach Apollo past these checks. They are
 * unknown paths, answered as any other (`404 NOT_FOUND`, "Cannot POST /graphql/x").
 */
export const graphqlPathOnly: RequestHandler = (request, response, next) => {
  markAnswerPrivate(response);
  if (request.baseUrl !== GRAPHQL_PATH || request.path !== '/') return next(new NotFoundException(`Cannot ${request.method} ${request.originalUrl}`));
  if (declaresMoreThan(request, JSON_BODY_LIMIT_BYTES)) return next(new GraphqlRequestRefusal(413, `The request body is larger than the ${JSON_BODY_LIMIT_BYTES / 1024} KiB allowed`));
  next();
};

/** Refuses a request to /graphql that GraphQL cannot take, saying what to send instead. */
export const graphqlRequestShape: RequestHandler = (request, response, next) => {
  const refusal = graphqlRequestRefusal(request.method, request.headers['content-type'], request.body, emptyBodies.has(request), request.headers.accept);
  if (refusal?.statusCode === 405) response.setHeader('Allow', 'GET, POST');
  next(refusal);
};
