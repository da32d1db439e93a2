/**
 * A stop under load, as clients on kept-open connections see it (README "Running it": requests
 * already received finish; one arriving after the stop began is answered 503 SHUTTING_DOWN). A
 * request still arriving when the stop begins finishes, and its answer closes the connection rather
 * than inviting another request on it; a request sent on an idle kept-open connection during the
 * stop is answered 503 SHUTTING_DOWN, not cut, and logged as any request is.
 */
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';

/** A raw HTTP/1.1 connection: what was written is sent as is, and every byte answered is kept. */
const open = async (url: string): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> => {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  return { socket, received: () => received, closed };
};

const until = async (test: () => boolean, what: string, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const answers = (text: string): number => text.split('HTTP/1.1 ').length - 1;

describe('a stop with kept-open connections', () => {
  let stepwise: Stepwise;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const logDestination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    stepwise = await startStepwise({ engine: 'pglite', inProcessWorker: false, env: { STEPWISE_LOG_LEVEL: 'info' }, logDestination });
  });

  afterAll(async () => {
    await stepwise?.close();
  });

  it('finishes the request still arriving, closing its connection after it, and answers 503 SHUTTING_DOWN on an idle kept-open one', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    // S: a request whose body is still on its way when the stop begins.
    const arriving = await open(stepwise.url);
    arriving.socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`);
    // K: a kept-open connection that has had its answer and sits idle.
    const kept = await open(stepwise.url);
    kept.socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => answers(kept.received()) === 1 && kept.received().includes('\r\n\r\n'), 'the first answer on the kept-open connection');
    expect(kept.received()).toMatch(/^HTTP\/1\.1 200/);

    const stopped = stepwise.stopApi();
    // The stop has begun (its hooks run at once); the next request on K is refused, not cut.
    await new Promise((resolve) => setTimeout(resolve, 200));
    kept.socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    // Either way the connection ends: after the refusal (it says `connection: close`), or cut without one.
    await kept.closed;
    expect(answers(kept.received())).toBe(2);
    const refusal = kept.received().slice(kept.received().lastIndexOf('HTTP/1.1 '));
    expect(refusal).toMatch(/^HTTP\/1\.1 503/);
    expect(refusal).toMatch(/\r\nconnection: close\r\n/i);
    expect(refusal).toContain('"code":"SHUTTING_DOWN"');
    // Logged as any request is: one `request` line, with its status and the correlation id it was answered with.
    const correlationId = /\r\nx-correlation-id: (\S+)\r\n/i.exec(refusal)?.[1];
    expect(correlationId).toBeDefined();
    expect(logLines).toContainEqual(expect.objectContaining({ msg: 'request', method: 'POST', path: '/graphql', status: 503, correlationId }));

    // S's body arrives: it is answered, and told that its connection ends there.
    arriving.socket.write(body.slice(5));
    await until(() => arriving.received().includes('"__typename":"Query"'), 'the answer to the request that was arriving');
    expect(arriving.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(arriving.received()).toMatch(/\r\nconnection: close\r\n/i);
    await arriving.closed;
    await stopped;
  }, 60_000);
});
