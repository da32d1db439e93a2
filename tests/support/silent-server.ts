/**
 * An address that accepts TCP connections and never answers (a firewall dropping packets, a proxy
 * whose upstream is gone): what a connect timeout is for.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface SilentServer {
  readonly port: number;
  /**
   * How long the first connection made from now on was held, in ms, from its arrival to its end (the
   * client giving up, or exiting): a connect timeout timed where it runs, without the client's start.
   */
  nextConnectionHeldMs(): Promise<number>;
  /** How many connections it holds now. */
  held(): number;
  /** Drops the connections it holds and stops listening. */
  close(): Promise<void>;
}

/** On `port` when given (one a client was refused on a moment ago, say), else on one the system picks. */
export const startSilentServer = async (port = 0): Promise<SilentServer> => {
  const sockets = new Set<Socket>();
  let arrivals = 0;
  const waiting: { readonly from: number; readonly resolve: (heldMs: number) => void }[] = [];
  const server = createServer((socket) => {
    const arrival = arrivals++;
    const arrivedAt = Date.now();
    sockets.add(socket);
    socket.on('error', () => undefined);
    // Reads (and drops) what the client sends, so its end is seen: a socket never read never closes.
    socket.resume();
    socket.on('close', () => {
      sockets.delete(socket);
      for (const waiter of waiting.filter(({ from }) => arrival >= from)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(Date.now() - arrivedAt);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    nextConnectionHeldMs: () => new Promise((resolve) => waiting.push({ from: arrivals, resolve })),
    held: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};
