/**
 * A real HTTP server on 127.0.0.1 for specs: it records what arrives (every connection, every
 * request with its raw body) and answers with the handler a spec gives it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What to answer: a status (with headers and body; `unfinished` sends them and never ends the body), or `hang` to never answer. */
export type ReceiverAnswer =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string; readonly unfinished?: boolean }
  | 'hang';

export interface TestReceiver {
  readonly url: string;
  readonly address: AddressInfo;
  readonly requests: readonly ReceivedRequest[];
  /** Connections accepted so far, and those still open now. */
  readonly connections: number;
  readonly openConnections: number;
  /** Closes the connections no request is using, as a server does when its keep-alive timeout passes. */
  closeIdleConnections(): void;
  close(): Promise<void>;
}

export const startTestReceiver = async (
  answer: (request: ReceivedRequest, index: number) => ReceiverAnswer = () => ({ status: 204 }),
  host = '127.0.0.1',
  /** How long an idle keep-alive connection stays open (Node's default is 5 s). */
  keepAliveTimeoutMs?: number,
): Promise<TestReceiver> => {
  const requests: ReceivedRequest[] = [];
  let connections = 0;
  let openConnections = 0;
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: ReceivedRequest = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: Object.fromEntries(Object.entries(incoming.headers).map(([name, value]) => [name, String(value)])),
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const answered = answer(request, requests.length - 1);
      if (answered === 'hang') return;
      response.writeHead(answered.status, answered.headers ?? {});
      if (answered.unfinished) response.write(answered.body ?? '');
      else response.end(answered.body ?? '');
    });
  });
  if (keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = keepAliveTimeoutMs;
  server.on('connection', (socket) => {
    connections += 1;
    openConnections += 1;
    socket.once('close', () => (openConnections -= 1));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    address,
    get requests() {
      return requests;
    },
    get connections() {
      return connections;
    },
    get openConnections() {
      return openConnections;
    },
    closeIdleConnections: () => server.closeIdleConnections(),
    /** Closes the server and any connection still open (a hanging answer); closing twice is fine. */
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};

/**
 * For a spec file whose tests start receivers of their own: called once at its top level, it gives
 * a function that starts one (as `startTestReceiver` does) and closes it after the test that started it.
 */
export const receiversClosedAfterEach = (): typeof startTestReceiver => {
  const receivers: TestReceiver[] = [];
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((started) => started.close()));
  });
  return async (...args) => {
    const started = await startTestReceiver(...args);
    receivers.push(started);
    return started;
  };
};
