/**
 * Keep-alive connections against real local receivers that count the connections they accept: a
 * socket serves later requests to its own origin under the same address rules, never a request
 * under stricter ones, and the pool's bounds and `close()` hold.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { exemptTestReceiver, receiversClosedAfterEach, staticLookup, type TestReceiver } from '../testing';
import { OutboundConnections } from './outbound-connections';
import { OutboundRequestRefused } from './outbound-http.errors';
import { postJson } from './post-json';

const pools: OutboundConnections[] = [];
const pool = (options?: ConstructorParameters<typeof OutboundConnections>[0]): OutboundConnections => {
  const made = new OutboundConnections(options);
  pools.push(made);
  return made;
};
// Declared before the receivers' hook, so the pools close first (jest runs a block's afterEach hooks in order).
afterEach(() => {
  for (const made of pools.splice(0)) made.close();
});
const receiver = receiversClosedAfterEach();

/** Until the receiver has seen its connections close (the client's side closes first). */
const untilClosed = async (target: TestReceiver): Promise<void> => {
  while (target.openConnections > 0) await nextTurn();
};

describe('OutboundConnections', () => {
  it('sends requests to one origin one after another over one connection', async () => {
    const target = await receiver(() => ({ status: 200, body: 'ok' }));
    const connections = pool();

    for (let n = 0; n < 5; n += 1) {
      await expect(postJson(`${target.url}/hooks`, `{"n":${n}}`, {}, { allowPrivateAddresses: true, connections })).resolves.toMatchObject({ status: 200 });
    }

    expect(target.requests.map((request) => request.body)).toEqual(['{"n":0}', '{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}']);
    expect(target.connections).toBe(1);
  });

  it('opens a connection per request without a pool, as before', async () => {
    const target = await receiver(() => ({ status: 200 }));
    for (let n = 0; n < 3; n += 1) await postJson(target.url, '{}', {}, { allowPrivateAddresses: true });
    expect(target.connections).toBe(3);
  });

  it('keeps one origin’s sockets to that origin', async () => {
    const first = await receiver(() => ({ status: 200 }));
    const second = await receiver(() => ({ status: 200 }));
    const connections = pool();
    for (const target of [first, second, first, second]) await postJson(target.url, '{}', {}, { allowPrivateAddresses: true, connections });
    expect([first.requests.length, first.connections, second.requests.length, second.connections]).toEqual([2, 1, 2, 1]);
    expect(connections.size).toBe(2);
  });

  it('opens at most maxSocketsPerOrigin sockets to an origin; the other requests wait for one', async () => {
    const target = await receiver(() => ({ status: 200 }));
    const connections = pool({ maxSocketsPerOrigin: 3 });

    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => postJson(target.url, `{"n":${n}}`, {}, { allowPrivateAddresses: true, connections })));

    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(target.requests).toHaveLength(20);
    expect(target.connections).toBeLessThanOrEqual(3);
  });

  it('does not reuse a socket once it is maxSocketAgeMs old', async () => {
    const target = await receiver(() => ({ status: 200 }));
    const connections = pool({ maxSocketAgeMs: 0 });
    for (let n = 0; n < 3; n += 1) await postJson(target.url, '{}', {}, { allowPrivateAddresses: true, connections });
    expect(target.connections).toBe(3);
  });

  it('closes every socket on close(), and later requests connect on their own', async () => {
    const target = await receiver(() => ({ status: 200 }));
    const connections = pool();
    await postJson(target.url, '{}', {}, { allowPrivateAddresses: true, connections });
    expect(target.openConnections).toBe(1);

    connections.close();
    await untilClosed(target);

    await postJson(target.url, '{}', {}, { allowPrivateAddresses: true, connections });
    await untilClosed(target);
    expect(target.connections).toBe(2);
    expect(connections.size).toBe(0);
  });

  it('retires the least recently used origin past maxOrigins, closing its idle sockets', async () => {
    const first = await receiver(() => ({ status: 200 }));
    const second = await receiver(() => ({ status: 200 }));
    const connections = pool({ maxOrigins: 1 });
    await postJson(first.url, '{}', {}, { allowPrivateAddresses: true, connections });
    await postJson(second.url, '{}', {}, { allowPrivateAddresses: true, connections });
    await untilClosed(first);
    await postJson(first.url, '{}', {}, { allowPrivateAddresses: true, connections });
    expect([first.connections, second.connections, connections.size]).toEqual([2, 1, 1]);
  });

  describe('address rules', () => {
    it('refuses a loopback receiver when private addresses are not allowed, though a socket to it is open in the same pool', async () => {
      const target = await receiver(() => ({ status: 200 }));
      const connections = pool();
      await postJson(target.url, '{}', {}, { allowPrivateAddresses: true, connections });
      expect(target.openConnections).toBe(1);

      const refused = await postJson(target.url, '{}', {}, { connections }).catch((error: unknown) => error);

      expect(refused).toBeInstanceOf(OutboundRequestRefused);
      expect(refused).toMatchObject({ code: 'PRIVATE_ADDRESS' });
      expect(target.requests).toHaveLength(1);
      expect(target.connections).toBe(1);
    });

    it('keeps refusing with keep-alive on: a refused origin leaves no socket, and asking again is refused again', async () => {
      const target = await receiver(() => ({ status: 200 }));
      const connections = pool();
      for (let n = 0; n < 3; n += 1) {
        await expect(postJson(target.url, '{}', {}, { connections })).rejects.toMatchObject({ code: 'PRIVATE_ADDRESS' });
      }
      expect(target.connections).toBe(0);
    });

    it('does not lend an exempt receiver’s socket to a request that names no exemption', async () => {
      const target = await receiver(() => ({ status: 200 }));
      const connections = pool();
      await postJson(target.url, '{}', {}, { exemptTestReceivers: [exemptTestReceiver(target.address)], connections });

      await expect(postJson(target.url, '{}', {}, { connections })).rejects.toMatchObject({ code: 'PRIVATE_ADDRESS' });
      expect(target.requests).toHaveLength(1);
    });

    it('refuses a name under stricter rules too, and does not lend a socket opened for a name to the address it resolved to', async () => {
      const target = await receiver(() => ({ status: 200 }));
      const connections = pool();
      const lookup = staticLookup({ 'receiver.example.test': '127.0.0.1' });
      const port = target.address.port;
      await postJson(`http://receiver.example.test:${port}/`, '{}', {}, { allowPrivateAddresses: true, lookup, connections });

      await expect(postJson(`http://receiver.example.test:${port}/`, '{}', {}, { lookup, connections })).rejects.toMatchObject({ code: 'PRIVATE_ADDRESS' });
      await postJson(`${target.url}/`, '{}', {}, { allowPrivateAddresses: true, lookup, connections });
      expect(target.requests).toHaveLength(2);
      expect(target.connections).toBe(2);
    });
  });
});
