/**
 * An address that accepts the connection and never answers: every session PostgresDatabase opens
 * (the pool's, the listening one, a lease's) gives up after `connectTimeoutMs` instead of waiting.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { PostgresDatabase } from './postgres.database';

describe('PostgresDatabase against a server that never answers', () => {
  let silent: Server;
  let database: PostgresDatabase;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    database = new PostgresDatabase({ connectionString: `postgres://stepwise@127.0.0.1:${port}/stepwise`, connectTimeoutMs: 200 });
  });
  afterAll(async () => {
    await database.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  // Far below node-postgres's wait (forever) and the 10 s default, far above 200 ms on a loaded machine.
  it.each([
    ['a pooled session', () => database.query('SELECT 1')],
    ['the listening session', () => database.listen('connect_timeout_probe', () => undefined)],
    ['a lease', () => database.tryLease('connect-timeout-probe', () => undefined)],
  ])('%s gives up connecting after connectTimeoutMs', async (_session, open) => {
    const started = Date.now();
    await expect(open()).rejects.toThrow(/timeout/i);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
