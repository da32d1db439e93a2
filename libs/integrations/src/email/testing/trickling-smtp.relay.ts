/**
 * A slow SMTP server for tests: a TCP relay in front of a local SMTP server (an SmtpReceiver) that
 * passes the greeting at once and then the server's answers a byte at a time, `byteMs` apart. Each
 * answer keeps bytes coming, so no step's timeout (greeting, socket silence) ever fires, while the
 * whole exchange takes as long as its answers are long: the server no per-step timeout bounds. What
 * the client sends goes through at once. The first `slowConnections` connections trickle; later ones
 * are relayed at full speed (the server has recovered).
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { SmtpSettings } from '../email.address';

export interface TricklingSmtpRelayOptions {
  /** Between two bytes of an answer. */
  readonly byteMs: number;
  /** How many connections, the first ones, trickle (all by default). */
  readonly slowConnections?: number;
}

export class TricklingSmtpRelay {
  connections = 0;
  /** Connections that have closed, from either end. */
  closed = 0;
  /** Trickling connections that have closed, from either end. */
  slowClosed = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly targetPort: number,
    private readonly options: TricklingSmtpRelayOptions,
  ) {}

  static async start(targetPort: number, options: TricklingSmtpRelayOptions): Promise<TricklingSmtpRelay> {
    const server = createServer();
    const relay = new TricklingSmtpRelay(server, targetPort, options);
    server.on('connection', (client: Socket) => relay.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return relay;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Settings for a sender to reach the server through this relay. */
  settings(from = 'nudges@stepwise.test'): SmtpSettings {
    return { host: '127.0.0.1', port: this.port, secure: false, from: { address: from, name: 'Stepwise' } };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.connections += 1;
    const slow = this.connections <= (this.options.slowConnections ?? Number.POSITIVE_INFINITY);
    const server = connect(this.targetPort, '127.0.0.1');
    for (const socket of [client, server]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => this.sockets.delete(socket));
    }
    client.pipe(server);
    client.on('close', () => {
      server.destroy();
      this.closed += 1;
    });
    if (!slow) {
      server.pipe(client);
      server.on('close', () => client.destroy());
      return;
    }
    const waiting: number[] = [];
    let greeted = false;
    let serverEnded = false;
    const timer = setInterval(() => {
      const next = waiting.shift();
      if (next !== undefined) client.write(Buffer.of(next));
      else if (serverEnded) client.destroy();
    }, this.options.byteMs);
    server.on('data', (chunk: Buffer) => {
      if (greeted) waiting.push(...chunk);
      else client.write(chunk);
      greeted = true;
    });
    server.on('close', () => (serverEnded = true));
    client.on('close', () => {
      clearInterval(timer);
      this.slowClosed += 1;
    });
  }
}
