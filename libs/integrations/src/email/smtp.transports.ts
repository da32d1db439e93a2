/**
 * One pooled nodemailer transport per SMTP settings, kept open between sends and closed together.
 * Each sends over up to `connectionsPerServer` connections at once (more messages wait for one), so
 * email's own concurrency is set here. Organisations may each bring their own server, so the least
 * recently used transport is closed when more than `maxOpen` are open. nodemailer itself is loaded
 * when the first transport opens: a process that sends no email (the api, a worker without email
 * members) does not hold it (some 12 MB).
 */
import { createHash } from 'node:crypto';
import { LeastRecentlyUsed } from '../least-recently-used';
import type * as Nodemailer from 'nodemailer';
import type { SmtpSettings } from './email.address';
import { filteredSmtpSocket, type SmtpAddressRules } from './smtp-socket.filter';

let nodemailer: Promise<typeof Nodemailer> | undefined;
const loadNodemailer = (): Promise<typeof Nodemailer> => (nodemailer ??= import('nodemailer'));

export interface SmtpTimeouts {
  /** To open the TCP (and TLS) connection. */
  readonly connectionMs: number;
  /** For the server's greeting once connected. */
  readonly greetingMs: number;
  /** Of silence on an open connection. */
  readonly socketMs: number;
  /**
   * For the whole send up to the message's end, waiting for a pooled connection included. The steps'
   * own timeouts do not bound it: a server that answers every step in time, or trickles its answers a
   * byte at a time, could hold a send for as long as it likes. Past it the send is abandoned (see
   * EmailSender); the server's answer to a message it has whole is awaited past it.
   */
  readonly totalMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000, totalMs: 30_000 };

/** Connections per SMTP server at once: nodemailer's own default, and within what mail servers allow one client. */
export const DEFAULT_SMTP_CONNECTIONS_PER_SERVER = 5;

/** Who to tell, per send (by the send's abort signal), when its connection has read its message to the end. */
const messageEndWatchers = new WeakMap<AbortSignal, () => void>();

/**
 * Calls `watcher` once the connection sending the message whose `sendMail` was given `signal` has
 * read that message to its end. Until then the server cannot have the message's end (nodemailer
 * writes the final "." after it), so abandoning the send discards it; from then on the server may
 * have it whole, and only its answer says whether it took it.
 */
export const watchMessageEnd = (signal: AbortSignal, watcher: () => void): void => {
  messageEndWatchers.set(signal, watcher);
};

const openTransport = (loaded: typeof Nodemailer, settings: SmtpSettings, timeouts: SmtpTimeouts, connectionsPerServer: number, rules: SmtpAddressRules | null) => {
  const transport = createPooledTransport(loaded, settings, timeouts, connectionsPerServer, rules);
  transport.use('stream', (mail, done) => {
    const watcher = mail.data.signal && messageEndWatchers.get(mail.data.signal);
    if (watcher) {
      mail.message.processFunc((input) => {
        input.once('end', watcher);
        return input;
      });
    }
    done();
  });
  return transport;
};

const createPooledTransport = ({ createTransport }: typeof Nodemailer, settings: SmtpSettings, timeouts: SmtpTimeouts, connectionsPerServer: number, rules: SmtpAddressRules | null) =>
  createTransport({
    pool: true,
    maxConnections: connectionsPerServer,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTls ?? false,
    ...(settings.auth ? { auth: { user: settings.auth.user, pass: settings.auth.pass } } : {}),
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    // A connection closed mid-send (a send abandoned at its deadline) is destroyed at once: ended
    // gracefully, what the socket still buffered would go on to the server, the message's end with it.
    socketCloseTimeout: 0,
    // Nothing in a nudge is a file or a URL to fetch; refuse both rather than trust the content.
    disableFileAccess: true,
    disableUrlAccess: true,
    ...(rules && { getSocket: filteredSmtpSocket(rules, timeouts.connectionMs) }),
  });

export type SmtpTransport = ReturnType<typeof openTransport>;

export class SmtpTransports {
  private readonly open: LeastRecentlyUsed<SmtpTransport>;

  constructor(
    private readonly timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS,
    maxOpen = 50,
    private readonly connectionsPerServer = DEFAULT_SMTP_CONNECTIONS_PER_SERVER,
  ) {
    this.open = new LeastRecentlyUsed(maxOpen, (oldest) => oldest.close());
  }

  /** With `rules`, every connection goes through the address filter (an organisation's own server); never shared with an unfiltered one. */
  async for(settings: SmtpSettings, rules: SmtpAddressRules | null = null): Promise<SmtpTransport> {
    const loaded = await loadNodemailer();
    const key = rules ? `filtered:${rules.allowPrivateAddresses}:${smtpServerKey(settings)}` : smtpServerKey(settings);
    // From here on synchronous: two sends to one server share the transport the first opens.
    return this.open.take(key, () => openTransport(loaded, settings, this.timeouts, this.connectionsPerServer, rules));
  }

  get size(): number {
    return this.open.size;
  }

  close(): void {
    for (const transport of this.open.drain()) transport.close();
  }
}

/**
 * The connection's identity (the sender address is per message, not per connection): sends with the
 * same key share one transport and its connections. Hashed so the password is not kept twice.
 */
export const smtpServerKey = (settings: SmtpSettings): string =>
  createHash('sha256')
    .update(JSON.stringify([settings.host.toLowerCase(), settings.port, settings.secure, settings.requireTls ?? false, settings.auth?.user ?? null, settings.auth?.pass ?? null]))
    .digest('hex');
