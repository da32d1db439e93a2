import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { ApolloServer } from '@apollo/server';
import { createLogger } from '@stepwise/platform';
import { JSON_BODY_LIMIT_BYTES } from '../graphql/graphql-request-shape.middleware';
import { installGraphqlEdge } from './graphql-edge';

interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

interface Sent {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  /** Sent in two writes without a length: chunked. */
  readonly chunks?: readonly (string | Buffer)[];
  readonly body?: string | Buffer;
}

const send = (url: string, { method = 'POST', path = '/graphql', headers = {}, chunks, body }: Sent): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${url}${path}`, { method, headers: { ...headers, ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }) } }, (incoming) => {
      const parts: Buffer[] = [];
      incoming.on('data', (part: Buffer) => parts.push(part));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(parts).toString('utf8') }));
    });
    outgoing.on('error', reject);
    for (const chunk of chunks ?? []) outgoing.write(chunk);
    outgoing.end(body);
  });

const JSON_TYPE = { 'content-type': 'application/json' };
const TYPENAME = JSON.stringify({ query: '{ __typename }' });

describe('the GraphQL endpoint’s door: a POST of JSON to /graphql is answered by Apollo ahead of Express', () => {
  const lines: Record<string, unknown>[] = [];
  const passedOn: string[] = [];
  let apollo: ApolloServer;
  let started: ApolloServer | undefined;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    apollo = new ApolloServer({ typeDefs: 'type Query { hello(name: String): String }', resolvers: { Query: { hello: (_: unknown, args: { name?: string }) => `hello ${args.name ?? ''}` } } });
    await apollo.start();
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    // What stands for Express: it answers what the door passes on, and says so.
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      passedOn.push(`${request.method} ${request.url}`);
      request.resume();
      request.on('end', () => response.writeHead(299).end('express'));
    });
    installGraphqlEdge(server, () => started, createLogger('api', 'info', destination));
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((closed) => server.close(() => closed()));
    await apollo.stop();
  });

  beforeEach(() => {
    started = apollo;
    lines.length = 0;
    passedOn.length = 0;
  });

  it('answers a POST of one operation as JSON itself, with the correlation id and one request line', async () => {
    const answer = await send(url, { headers: { ...JSON_TYPE, 'x-correlation-id': 'edge-1' }, body: JSON.stringify({ query: 'query($n: String) { hello(name: $n) }', variables: { n: 'Ann' } }) });
    expect(answer).toMatchObject({ status: 200, body: '{"data":{"hello":"hello Ann"}}\n' });
    expect(answer.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'x-correlation-id': 'edge-1', 'content-length': String(answer.body.length) });
    expect(passedOn).toEqual([]);
    for (let tries = 0; lines.length === 0 && tries < 100; tries += 1) await sleep(10);
    expect(lines).toEqual([expect.objectContaining({ msg: 'request', method: 'POST', path: '/graphql', status: 200, correlationId: 'edge-1' })]);
  });

  it('takes a UTF-8 charset, and a byte-order mark as body-parser does', async () => {
    const withCharset = await send(url, { headers: { 'content-type': 'application/json; charset=UTF-8' }, body: TYPENAME });
    const withMark = await send(url, { headers: JSON_TYPE, body: `\uFEFF${TYPENAME}` });
    expect([withCharset.status, withCharset.body, withMark.status, withMark.body]).toEqual([200, '{"data":{"__typename":"Query"}}\n', 200, '{"data":{"__typename":"Query"}}\n']);
    expect(passedOn).toEqual([]);
  });

  it('refuses a body that is not JSON, or not one operation, as the Express path words it', async () => {
    const notJson = await send(url, { headers: JSON_TYPE, body: '{"query": ' });
    const batch = await send(url, { headers: JSON_TYPE, body: `[${TYPENAME}]` });
    const empty = await send(url, { headers: JSON_TYPE, body: '{}' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toEqual({ errors: [{ message: expect.stringMatching(/^The request body cannot be read as JSON: Unexpected end of JSON input/), extensions: { code: 'BAD_REQUEST' } }] });
    expect([batch.status, JSON.parse(batch.body).errors[0].message]).toEqual([400, expect.stringMatching(/^The request body is a JSON array: batched operations are not accepted/)]);
    expect([empty.status, JSON.parse(empty.body).errors[0].message]).toEqual([400, expect.stringMatching(/^The request body is an empty JSON object: /)]);
    expect(notJson.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(passedOn).toEqual([]);
  });

  it('passes everything else on to Express, body unread', async () => {
    const others: Sent[] = [
      { method: 'GET', path: '/graphql?query=%7B__typename%7D' },
      { path: '/graphql/', headers: JSON_TYPE, body: TYPENAME },
      { path: '/GraphQL', headers: JSON_TYPE, body: TYPENAME },
      { path: '/graphql?x=1', headers: JSON_TYPE, body: TYPENAME },
      { path: '/health', method: 'GET' },
      { headers: { 'content-type': 'text/plain' }, body: TYPENAME },
      { headers: { 'content-type': 'application/json; charset=utf-16' }, body: TYPENAME },
      { headers: JSON_TYPE, chunks: ['{"query":', ' "{ __typename }"}'] },
      { headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: gzipSync(TYPENAME) },
      { headers: JSON_TYPE, body: ' '.repeat(JSON_BODY_LIMIT_BYTES + 1) },
      { headers: { ...JSON_TYPE, 'content-length': '0' } },
    ];
    for (const sent of others) expect(await send(url, sent)).toMatchObject({ status: 299, body: 'express' });
    expect(passedOn).toHaveLength(others.length);
  });

  it('passes requests on to Express until Apollo has started', async () => {
    started = undefined;
    expect(await send(url, { headers: JSON_TYPE, body: TYPENAME })).toMatchObject({ status: 299 });
    expect(passedOn).toEqual(['POST /graphql']);
  });
});
