/**
 * A client that opens a connection and then sends slowly, or never finishes, holds a socket (and a
 * request the api waits on) only as long as the api's HTTP timeouts allow: it is answered 408 and
 * closed, and everyone else is served meanwhile. The timeouts are set short here so the spec runs
 * fast; what is asserted is that the connection is closed well within a bound far below Node's own
 * defaults (a minute for headers, five for a request), not how quickly.
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { openRawConnection } from './support/raw-connection';

/** Far past the configured timeouts below (plus Node's checking interval), far short of its defaults. */
const CLOSED_WITHIN_MS = 15_000;

describe('slow and incomplete requests', () => {
  let stepwise: Stepwise;

  beforeAll(async () => {
    stepwise = await startStepwise({
      inProcessWorker: false,
      env: { STEPWISE_HTTP_HEADERS_TIMEOUT_MS: '500', STEPWISE_HTTP_REQUEST_TIMEOUT_MS: '1000' },
    });
  });

  afterAll(() => stepwise?.close());

  const servedMeanwhile = async () => expect((await stepwise.graphql({ query: '{ __typename }' })).data).toEqual({ __typename: 'Query' });

  /** Sends `start`, then `drip` every 100 ms without ever finishing: the api answers 408 and closes, serving others meanwhile. */
  const timesOut = async (start: string, drip: string): Promise<void> => {
    const connection = await openRawConnection(stepwise.url);
    connection.write(start);
    connection.trickle(drip, 100);
    await servedMeanwhile();
    const outcome = await connection.closedWithin(CLOSED_WITHIN_MS);
    expect(outcome).toEqual({ received: expect.stringMatching(/^HTTP\/1\.1 408 /) });
    await servedMeanwhile();
  };

  it('headers that trickle in, one line at a time: answered 408 and closed', async () => {
    await timesOut('POST /graphql HTTP/1.1\r\nHost: stepwise\r\n', 'X-Padding: a\r\n');
  });

  it('a connection that sends nothing at all: closed', async () => {
    const connection = await openRawConnection(stepwise.url);
    expect(await connection.closedWithin(CLOSED_WITHIN_MS)).toEqual({ received: expect.any(String) });
    await servedMeanwhile();
  });

  it('a body that never completes (one byte at a time, short of its Content-Length): answered 408 and closed', async () => {
    await timesOut('POST /graphql HTTP/1.1\r\nHost: stepwise\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"query":"', ' ');
  });

  it('an idle keep-alive connection outlives the headers timeout and serves its next request', async () => {
    const connection = await openRawConnection(stepwise.url);
    const request = (close: boolean) =>
      `POST /graphql HTTP/1.1\r\nHost: stepwise\r\nContent-Type: application/json\r\nContent-Length: 26\r\n${close ? 'Connection: close\r\n' : ''}\r\n{"query":"{ __typename }"}`;
    connection.write(request(false));
    // Well past the 500 ms headers timeout, well short of the keep-alive timeout (65 s by default).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    connection.write(request(true));
    const outcome = await connection.closedWithin(CLOSED_WITHIN_MS);
    expect(outcome).not.toBe('still open');
    const answers = (outcome as { received: string }).received.match(/\{"data":\{"__typename":"Query"\}\}/g);
    expect(answers).toHaveLength(2);
  });
});
