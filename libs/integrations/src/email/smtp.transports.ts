/**
 * One pooled nodemailer transport per SMTP settings, kept open between sends and closed together.
 * Each sends over up to `connectionsPerServer` connections at once (more messages wait for one), so
 * email's own concurrency is set here. Organisations may each bring their own server, so the least
 * recently used transport is closed when more than `maxOpen` are open. nodemailer itself is loaded
 * when the first transport opens: a process that sends no email (the api, a worker without email
 * members) does not hold it (some 12 MB).
 */
import { createHash } from 'node:crypto';
import type * as Nodemailer from 'nodemailer';
import type { SmtpSettings } from './email.address';

let nodemailer: Promise<typeof Nodemailer> | undefined;
const loadNodemailer = (): Promise<typeof Nodemailer> => (nodemailer ??= import('nodemailer'));

export interface SmtpTimeouts {
  /** To open the TCP (and TLS) connection. */
  readonly connectionMs: number;
  /** For the server's greeting once connected. */
  readonly greetingMs: number;
  /** Of silence on an open connection. */
  readonly socketMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 };

/** Connections per SMTP server at once: nodemailer's own default, and within what mail servers allow one client. */
export const DEFAULT_SMTP_CONNECTIONS_PER_SERVER = 5;

const openTransport = ({ createTransport }: typeof Nodemailer, settings: SmtpSettings, timeouts: SmtpTimeouts, connectionsPerServer: number) =>
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
    // Nothing in a nudge is a file or a URL to fetch; refuse both rather than trust the content.
    disableFileAccess: true,
    disableUrlAccess: true,
  });

export type SmtpTransport = ReturnType<typeof openTransport>;

export class SmtpTransports {
  private readonly open = new Map<string, SmtpTransport>();

  constructor(
    private readonly timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS,
    private readonly maxOpen = 50,
    private readonly connectionsPerServer = DEFAULT_SMTP_CONNECTIONS_PER_SERVER,
  ) {}

  async for(settings: SmtpSettings): Promise<SmtpTransport> {
    const loaded = await loadNodemailer();
    // From here on synchronous: two sends to one server share the transport the first opens.
    const key = keyOf(settings);
    const existing = this.open.get(key);
    if (existing) {
      this.open.delete(key);
      this.open.set(key, existing);
      return existing;
    }
    const transport = openTransport(loaded, settings, this.timeouts, this.connectionsPerServer);
    this.open.set(key, transport);
    if (this.open.size > this.maxOpen) {
      const [oldestKey, oldest] = this.open.entries().next().value as [string, SmtpTransport];
      this.open.delete(oldestKey);
      oldest.close();
    }
    return transport;
  }

  get size(): number {
    return this.open.size;
  }

  close(): void {
    for (const transport of this.open.values()) transport.close();
    this.open.clear();
  }
}

/** The connection's identity (the sender address is per message, not per connection); hashed so the password is not kept twice. */
const keyOf = (settings: SmtpSettings): string =>
  createHash('sha256')
    .update(JSON.stringify([settings.host.toLowerCase(), settings.port, settings.secure, settings.requireTls ?? false, settings.auth?.user ?? null, settings.auth?.pass ?? null]))
    .digest('hex');
