/**
 * Requests Node's HTTP server refuses before the api reads them (bytes that are not HTTP, a header
 * line without a colon, headers over the size Node allows, a client too slow to finish) are answered
 * as every other refused request is: an `errors` array with a stable `extensions.code` and a message
 * saying what was wrong, as JSON, and the connection is closed. Nothing the client sent is echoed
 * back or logged, and everyone else is served meanwhile. A new case is a new row.
 */
import { maxHeaderSize } from 'node:http';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { openRawConnection, type RawConnection } from './support/raw-connection';

/** Far past the short timeouts set below (plus Node's checking interval), far short of its defaults. */
const CLOSED_WITHIN_MS = 15_000;

/** Sent in every refused request: it must appear in no answer and no log line. */
const MARKER = 'client-bytes-7f3a';

interface Case {
  readonly label: string;
  /** Writes the request; a slow client keeps writing until the connection is closed. */
  readonly send: (connection: RawConnection) => void;
  readonly status: number;
  readonly code: string;
  readonly message: RegExp;
}

const CASES: readonly Case[] = [
  {
    label: 'a request line that is not HTTP',
    send: (connection) => connection.write(`${MARKER} hello\r\n\r\n`),
    status: 400,
    code: 'BAD_REQUEST',
    message: /^The request is not valid HTTP\/1\.1 \(.+\): send a request line/,
  },
  {
    label: 'a header line without a colon',
    send: (connection) => connection.write(`GET /graphql HTTP/1.1\r\nHost: stepwise\r\n${MARKER}\r\n\r\n`),
    status: 400,
    code: 'BAD_REQUEST',
    message: /^The request is not valid HTTP\/1\.1 \(.+\): .*"Name: value"/,
  },
  {
    label: `a header section over Node's ${maxHeaderSize / 1024} KiB`,
    send: (connection) => connection.write(`GET /graphql HTTP/1.1\r\nHost: stepwise\r\nX-Padding: ${MARKER.repeat(Math.ceil(maxHeaderSize / MARKER.length))}\r\n\r\n`),
    status: 431,
    code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
    message: new RegExp(`^The request's headers are larger than the ${maxHeaderSize / 1024} KiB allowed`),
  },
  {
    label: 'headers that trickle in, one line at a time',
    send: (connection) => {
      connection.write('POST /graphql HTTP/1.1\r\nHost: stepwise\r\n');
      connection.trickle(`X-${MARKER}: a\r\n`, 100);
    },
    status: 408,
    code: 'REQUEST_TIMEOUT',
    message: /^The request did not arrive in time: its headers must arrive within 500 ms and the whole request within 1000 ms/,
  },
  {
    label: 'a body that never completes',
    send: (connection) => {
      connection.write('POST /graphql HTTP/1.1\r\nHost: stepwise\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"query":"');
      connection.trickle(MARKER, 100);
    },
    status: 408,
    code: 'REQUEST_TIMEOUT',
    message: /^The request did not arrive in time/,
  },
  // Node would answer these with a bare status line (or, CONNECT, close unanswered); two Hosts it would take.
  {
    label: 'an HTTP/1.1 request without a Host header',
    send: (connection) => connection.write(`GET /health HTTP/1.1\r\nX-${MARKER}: a\r\n\r\n`),
    status: 400,
    code: 'BAD_REQUEST',
    message: /^An HTTP\/1\.1 request must carry a Host header: send one$/,
  },
  {
    label: 'two Host headers',
    send: (connection) => connection.write(`POST /graphql HTTP/1.1\r\nHost: stepwise\r\nHost: ${MARKER}\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n{"query":"{ __typename }"}`),
    status: 400,
    code: 'BAD_REQUEST',
    message: /^The request carries more than one Host header: send exactly one$/,
  },
  {
    label: 'an Expect other than 100-continue',
    send: (connection) => connection.write(`POST /graphql HTTP/1.1\r\nHost: stepwise\r\nExpect: ${MARKER}\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n{"query":"{ __typename }"}`),
    status: 417,
    code: 'EXPECTATION_FAILED',
    message: /^The only Expect this api meets is 100-continue/,
  },
  {
    label: 'CONNECT',
    send: (connection) => connection.write(`CONNECT ${MARKER}.example:443 HTTP/1.1\r\nHost: ${MARKER}.example:443\r\n\r\n`),
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    message: /^CONNECT is not served/,
  },
];

/** The status, the headers that matter and the JSON body of a raw HTTP/1.1 answer. */
const readAnswer = (received: string) => {
  const [head, ...rest] = received.split('\r\n\r\n');
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  const body = rest.join('\r\n\r\n');
  return {
    status: Number(statusLine.split(' ')[1]),
    contentType: headers['content-type'],
    connection: headers.connection,
    body: body ? JSON.parse(body) : body,
  };
};

describe('requests refused before the api reads them', () => {
  let stepwise: Stepwise;

  beforeAll(async () => {
    stepwise = await startStepwise({
      inProcessWorker: false,
      env: { STEPWISE_HTTP_HEADERS_TIMEOUT_MS: '500', STEPWISE_HTTP_REQUEST_TIMEOUT_MS: '1000' },
    });
  });

  afterAll(() => stepwise?.close());

  afterEach(() => jest.restoreAllMocks());

  const servedMeanwhile = async () => expect((await stepwise.graphql({ query: '{ __typename }' })).data).toEqual({ __typename: 'Query' });

  it.each(CASES.map((row) => [row.label, row] as const))('%s: a coded JSON error, then the connection is closed', async (_label, { send, status, code, message }) => {
    const warn = jest.spyOn(stepwise.runtime.logger, 'warn');
    const connection = await openRawConnection(stepwise.url);
    send(connection);
    await servedMeanwhile();
    const outcome = await connection.closedWithin(CLOSED_WITHIN_MS);
    expect(outcome).not.toBe('still open');
    const { received } = outcome as { received: string };
    expect(readAnswer(received)).toEqual({
      status,
      contentType: 'application/json; charset=utf-8',
      connection: 'close',
      body: { errors: [{ message: expect.stringMatching(message), extensions: { code } }] },
    });
    expect(received).not.toContain(MARKER);
    const refusals = warn.mock.calls.filter((call) => JSON.stringify(call).includes(code));
    expect(refusals).toHaveLength(1);
    expect(JSON.stringify(refusals)).not.toContain(MARKER);
    await servedMeanwhile();
  });

  // body-parser refuses a declared length over the limit without reading it; the connection is closed
  // with the answer, not kept while Node reads and discards the rest.
  it.each(['/graphql', '/answers/not-a-token'])('a body declared at 1 GB to %s: 413 at once, then the connection is closed', async (path) => {
    const connection = await openRawConnection(stepwise.url);
    connection.write(`POST ${path} HTTP/1.1\r\nHost: stepwise\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{"query":"`);
    connection.trickle('x'.repeat(1024), 50);
    const outcome = await connection.closedWithin(CLOSED_WITHIN_MS);
    expect(outcome).not.toBe('still open');
    const { received } = outcome as { received: string };
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received.toLowerCase()).toContain('connection: close');
    await servedMeanwhile();
  });

  it('answers a connection that sends nothing the same way, logged at debug rather than warn', async () => {
    const warn = jest.spyOn(stepwise.runtime.logger, 'warn');
    const debug = jest.spyOn(stepwise.runtime.logger, 'debug');
    const connection = await openRawConnection(stepwise.url);
    const outcome = await connection.closedWithin(CLOSED_WITHIN_MS);
    expect(outcome).not.toBe('still open');
    expect(readAnswer((outcome as { received: string }).received)).toMatchObject({ status: 408, body: { errors: [{ extensions: { code: 'REQUEST_TIMEOUT' } }] } });
    const logged = (spy: jest.SpyInstance) => spy.mock.calls.filter((call) => JSON.stringify(call).includes('REQUEST_TIMEOUT'));
    expect(logged(debug)).toHaveLength(1);
    expect(logged(warn)).toHaveLength(0);
  });
});
