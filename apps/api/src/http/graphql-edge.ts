/**
 * The GraphQL endpoint's own front door: a well-formed POST of JSON to exactly /graphql is read and
 * handed to Apollo here, ahead of Express; everything else (other paths and methods, GET, other
 * charsets, compressed or chunked bodies, a body over the limit) goes to Express as before and is
 * answered there. The refusals this door gives itself (a body that is not JSON, or not one
 * operation) are the ones Express gives, made by the same functions.
 *
 * Express walks its middleware stack, parses the body through body-parser (content type, type-is,
 * raw-body, iconv) and wraps the answer in `res.send`; under `{ __typename }` that is about a sixth
 * of the api's CPU, none of which a POST of JSON to /graphql needs (docs/benchmarks.md).
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { Logger } from '@stepwise/platform';
import type { GraphqlContext } from '../auth/caller';
import { graphqlRefusalBody } from '../graphql/graphql-refusal.body';
import { GRAPHQL_PATH, graphqlRequestRefusal, JSON_BODY_LIMIT_BYTES, notUtf8Refusal } from '../graphql/graphql-request-shape.middleware';
import { allowReading } from './cors.policy';
import { markAnswerPrivate } from './private-answer.headers';
import { withRequestContext } from './request-context.middleware';

type Apollo = ApolloServer;

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** The declared length of a body this door reads, or undefined when the request is Express's to answer. */
const takenLength = (request: IncomingMessage): number | undefined => {
  if (request.method !== 'POST' || request.url !== GRAPHQL_PATH) return undefined;
  const headers = request.headers;
  const type = headers['content-type'];
  if (type === undefined || !JSON_TYPE.test(type)) return undefined;
  if (headers['transfer-encoding'] !== undefined) return undefined;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  const declared = headers['content-length'];
  if (declared === undefined || !/^[0-9]{1,9}$/.test(declared)) return undefined;
  const length = Number(declared);
  return length > 0 && length <= JSON_BODY_LIMIT_BYTES ? length : undefined;
};

const send = (response: ServerResponse, status: number, headers: Record<string, string>, body: string): void => {
  response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  response.end(body);
};

const sendJson = (response: ServerResponse, status: number, value: unknown): void =>
  send(response, status, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(value));

const readBody = (request: IncomingMessage, length: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('error', reject);
    request.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length)));
  });

/** The body as text; as body-parser's decoder does, a byte-order mark is not part of the JSON. */
const textOf = (bytes: Buffer): string => {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
};

const writeAnswer = async (response: ServerResponse, answer: HTTPGraphQLResponse): Promise<void> => {
  const headers: Record<string, string> = {};
  for (const [key, value] of answer.headers) headers[key] = value;
  const status = answer.status ?? 200;
  if (answer.body.kind === 'complete') return send(response, status, headers, answer.body.string);
  response.writeHead(status, headers);
  for await (const chunk of answer.body.asyncIterator) response.write(chunk);
  response.end();
};

const answerGraphql = async (apollo: Apollo, request: IncomingMessage, response: ServerResponse, length: number, logger: Logger): Promise<void> => {
  let bytes: Buffer;
  try {
    bytes = await readBody(request, length);
  } catch {
    // The client went away mid-body (or its connection failed): there is no one to answer.
    if (!response.destroyed) response.destroy();
    return;
  }
  const notUtf8 = notUtf8Refusal(bytes);
  if (notUtf8) return sendJson(response, notUtf8.statusCode, graphqlRefusalBody(notUtf8));
  let body: unknown;
  try {
    body = JSON.parse(textOf(bytes));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return sendJson(response, 400, graphqlRefusalBody({ statusCode: 400, message }));
  }
  const refusal = graphqlRequestRefusal('POST', request.headers['content-type'], body, false, request.headers.accept);
  if (refusal) return sendJson(response, refusal.statusCode, graphqlRefusalBody(refusal));
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const req = request as unknown as GraphqlContext['req'];
  try {
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body },
      // The context ApiModule declares for Apollo: the request, which the caller guard reads.
      context: async (): Promise<GraphqlContext> => ({ req }),
    });
    await writeAnswer(response, answer);
  } catch (error) {
    logger.error({ err: error }, 'the GraphQL endpoint failed to answer');
    if (!response.headersSent) sendJson(response, 500, { statusCode: 500, message: 'Internal server error' });
    else response.destroy();
  }
};

/**
 * Puts the door in front of the server's request listener (Express's): installed before the server
 * listens; `apollo` is asked at each request, since Apollo starts with the application. Answers it
 * gives are readable by pages from `corsOrigins`, as Express's are (cors.middleware).
 */
export const installGraphqlEdge = (server: Server, apollo: () => Apollo | undefined, logger: Logger, corsOrigins: readonly string[] = []): void => {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const length = takenLength(request);
    const started = length === undefined ? undefined : apollo();
    if (length === undefined || started === undefined) {
      for (const listener of listeners) listener.call(server, request, response);
      return;
    }
    allowReading(corsOrigins, request, response);
    markAnswerPrivate(response);
    withRequestContext(logger, request, response, () => void answerGraphql(started, request, response, length, logger));
  });
};
