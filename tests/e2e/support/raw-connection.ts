/**
 * A client that speaks HTTP/1.1 by hand over a plain socket, for requests no HTTP client would send:
 * headers that trickle in, a body shorter than its Content-Length, bytes that are not HTTP at all.
 */
import { connect, type Socket } from 'node:net';

export interface RawConnection {
  readonly socket: Socket;
  /** Writes while the socket is open (a server that closed it is not an error here). */
  write(text: string | Buffer): void;
  /** Writes `text` every `everyMs` until the server closes the connection. */
  trickle(text: string, everyMs: number): void;
  /** Resolves with what the server sent once it closes the connection, or 'still open' after `withinMs`. */
  closedWithin(withinMs: number): Promise<{ readonly received: string } | 'still open'>;
}

export const openRawConnection = async (url: string): Promise<RawConnection> => {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const timers: NodeJS.Timeout[] = [];
  void closed.then(() => timers.forEach(clearInterval));
  const write = (text: string | Buffer) => {
    if (!socket.destroyed && socket.writable) socket.write(text);
  };
  return {
    socket,
    write,
    trickle: (text, everyMs) => void timers.push(setInterval(() => write(text), everyMs)),
    closedWithin: async (withinMs) => {
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        closed.then(() => ({ received: Buffer.concat(chunks).toString('utf8') })),
        new Promise<'still open'>((resolve) => (timer = setTimeout(() => resolve('still open'), withinMs))),
      ]);
      clearTimeout(timer);
      if (outcome === 'still open') socket.destroy();
      return outcome;
    },
  };
};
