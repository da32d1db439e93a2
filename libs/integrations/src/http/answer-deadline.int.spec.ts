/**
 * The answer deadline (`answerTimeoutMs`): a request that has left the process whole has its answer
 * awaited past the send timeout, up to the answer deadline; one a receiver has not taken in yet (it
 * reads nothing, so part of the body is still here) is ended at the send timeout, as before.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { OutboundRequestFailed } from './outbound-http.errors';
import { postJson } from './post-json';

const local = { allowPrivateAddresses: true } as const;

/**
 * The send timeout of the first two cases. It must hold connecting and sending '{}' to a local
 * server in this same process: only milliseconds of work, but on a busy machine (CI runs three test
 * files at once on two cores) the process can wait longer than 200 ms for the turns of its event
 * loop that see the connection open, and the send timeout then ends a request that was on its way.
 * A second is what such a machine leaves with room; the answers come well after it.
 */
const SEND_MS = 1_000;

describe('the answer deadline', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let handle: (request: IncomingMessage, response: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((request, response) => handle(request, response));
    server.on('connection', (socket: Socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

  it('awaits the answer to a request wholly sent past the send timeout, until the answer deadline', async () => {
    handle = (request, response) => {
      request.resume();
      request.on('end', () => setTimeout(() => response.writeHead(200).end('late'), SEND_MS + 400));
    };
    const started = Date.now();
    const answer = await postJson(url(), '{}', {}, { ...local, timeoutMs: SEND_MS, answerTimeoutMs: 5_000 });
    expect(answer).toMatchObject({ status: 200, bodyExcerpt: 'late' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(SEND_MS + 350);
  });

  it('ends a request wholly sent at the answer deadline when no answer comes', async () => {
    handle = (request) => request.resume();
    const started = Date.now();
    await expect(postJson(url(), '{}', {}, { ...local, timeoutMs: SEND_MS, answerTimeoutMs: SEND_MS + 500 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(SEND_MS + 450);
  });

  it('ends a request the receiver has not taken in at the send timeout', async () => {
    // The receiver reads nothing: most of a 32 MiB body stays in this process.
    handle = (request) => request.pause();
    const started = Date.now();
    const sent = postJson(url(), JSON.stringify({ padding: 'x'.repeat(32 * 1024 * 1024) }), {}, { ...local, timeoutMs: 300, answerTimeoutMs: 20_000 });
    await expect(sent).rejects.toBeInstanceOf(OutboundRequestFailed);
    await expect(sent).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
