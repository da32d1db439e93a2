/**
 * A request counts as sent once it has left the process whole, not at its 'finish' (the body
 * buffered on a connection that may still be opening): over plain http to a server that reads it,
 * over https once the handshake is done, and not while a server that reads nothing leaves part of it
 * in this process.
 */
import { request as httpRequest, type ClientRequest } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import tlsOptions from 'smtp-server/lib/tls-options';
import { whenRequestSent } from './request-sent';

const sentAfter = (request: ClientRequest): Promise<number> => {
  const started = Date.now();
  return new Promise((resolve) => whenRequestSent(request, () => resolve(Date.now() - started)));
};

const listening = async (server: Server): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

describe('whenRequestSent', () => {
  const sockets = new Set<Socket>();
  const servers: Server[] = [];
  const serve = async (server: Server): Promise<number> => {
    servers.push(server);
    server.on('connection', (socket: Socket) => sockets.add(socket));
    server.on('secureConnection', (socket: Socket) => sockets.add(socket));
    return listening(server);
  };

  afterEach(async () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('calls back once a plain http request is with a server that reads it, the answer still to come', async () => {
    const port = await serve(createServer((socket) => socket.resume()));
    const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', headers: { 'content-length': 5 } });
    request.on('error', () => undefined);
    const sent = sentAfter(request);
    request.end('hello');
    await sent;
    expect(request.socket?.connecting).toBe(false);
    expect(request.socket?.writableLength).toBe(0);
  });

  it('waits for the TLS handshake over https', async () => {
    const server = createHttpsServer(tlsOptions(), () => undefined);
    const port = await serve(server);
    const request = httpsRequest({ host: '127.0.0.1', port, method: 'POST', rejectUnauthorized: false, headers: { 'content-length': 5 } });
    request.on('error', () => undefined);
    const sent = sentAfter(request);
    request.end('hello');
    await sent;
    expect(request.socket?.connecting).toBe(false);
    expect((request.socket as import('node:tls').TLSSocket).getProtocol()).toMatch(/^TLSv1\.[23]$/);
  });

  it('does not call back while a server that reads nothing leaves part of a large body here, and does once it reads', async () => {
    let paused: Socket | undefined;
    const port = await serve(createServer({ pauseOnConnect: true }, (socket) => (paused = socket)));
    const body = Buffer.alloc(32 * 1024 * 1024, 'x');
    const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', headers: { 'content-length': body.length } });
    request.on('error', () => undefined);
    let sent = false;
    whenRequestSent(request, () => (sent = true));
    request.end(body);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sent).toBe(false);
    expect(request.socket?.writableLength).toBeGreaterThan(0);
    paused?.on('data', () => undefined);
    paused?.resume();
    for (let waited = 0; !sent && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).toBe(true);
  });
});
