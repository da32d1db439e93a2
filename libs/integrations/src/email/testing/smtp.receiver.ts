/**
 * A local SMTP server (the `smtp-server` package) standing in for an organisation's mail server. It
 * keeps every accepted message, raw and parsed (headers, text and HTML parts), refuses mailboxes it
 * is told are unknown with 550 5.1.1, and can be scripted to answer the next RCPT TO or DATA with a
 * reply code (451, 452, 554) to stage temporary and permanent failures.
 */
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream } from 'smtp-server';
import type { SmtpSettings } from '../email.address';

export interface ReceivedEmail {
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  readonly raw: string;
  readonly parsed: PostalMime.Email;
  /** The message's header, by lower-case name (the first where repeated). */
  header(name: string): string | undefined;
}

export interface ScriptedSmtpFailure {
  readonly at: 'RCPT' | 'DATA';
  readonly code: number;
  readonly message: string;
}

export class SmtpReceiver {
  readonly messages: ReceivedEmail[] = [];
  connections = 0;
  /**
   * What failed on a connection (a sender that reset it while the server answered: ECONNRESET,
   * EPIPE). A mail server goes on serving the others; unheard, the error would stop the process.
   */
  readonly connectionErrors: NodeJS.ErrnoException[] = [];
  /** Messages whose DATA has arrived and waits for `hold()`'s release before it is answered. */
  holding = 0;
  private readonly failures: ScriptedSmtpFailure[] = [];
  private readonly unknownMailboxes = new Set<string>();
  private held: Promise<void> | undefined;
  private readonly echoes: ((email: ReceivedEmail) => string)[] = [];

  private readonly server: SMTPServer;

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      // Plain SMTP on loopback: the server's built-in certificate is self-signed, which a client rightly refuses.
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1000,
      onConnect: (_session, callback) => {
        this.connections += 1;
        callback();
      },
      onRcptTo: (address, _session, callback) => callback(this.recipientAnswer(address)),
      onData: (stream, session, callback) => {
        this.receive(stream, session.envelope.mailFrom, session.envelope.rcptTo)
          .then((answer) => (answer instanceof Error ? callback(answer) : callback(null, answer)))
          .catch((error: Error) => callback(error));
      },
    });
  }

  static async start(): Promise<SmtpReceiver> {
    const receiver = new SmtpReceiver();
    receiver.server.on('error', (error: NodeJS.ErrnoException) => receiver.connectionErrors.push(error));
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  /** Settings for a sender to reach this server. */
  settings(from = 'nudges@stepwise.test'): SmtpSettings {
    return { host: '127.0.0.1', port: this.port, secure: false, from: { address: from, name: 'Stepwise' } };
  }

  /**
   * Accepts the next message with an answer quoting what `quote` picks of it (as a relay that reports
   * what it queued might): what a sender keeps of the answer must not keep the message's links.
   */
  echoNext(quote: (email: ReceivedEmail) => string): void {
    this.echoes.push(quote);
  }

  failNext(...failures: ScriptedSmtpFailure[]): void {
    this.failures.push(...failures);
  }

  /**
   * Answers no DATA until the returned function is called: a slow server, whose senders' connections
   * stay busy meanwhile. The messages are then accepted (or refused, as scripted) as usual.
   */
  hold(): () => void {
    let release!: () => void;
    this.held = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.held = undefined;
      release();
    };
  }

  refuseMailbox(address: string): void {
    this.unknownMailboxes.add(address.toLowerCase());
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private recipientAnswer(address: SMTPServerAddress): Error | null {
    if (this.failures[0]?.at === 'RCPT') return smtpError(this.failures.shift()!);
    if (this.unknownMailboxes.has(address.address.toLowerCase())) return smtpError({ at: 'RCPT', code: 550, message: '5.1.1 No such user here' });
    return null;
  }

  /** An error refuses the message; a string is the text of the answer that accepts it (else the server's own). */
  private async receive(stream: SMTPServerDataStream, mailFrom: SMTPServerAddress | false, rcptTo: SMTPServerAddress[]): Promise<Error | string | undefined> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (this.held) {
      this.holding += 1;
      await this.held;
      this.holding -= 1;
    }
    if (this.failures[0]?.at === 'DATA') return smtpError(this.failures.shift()!);
    const raw = Buffer.concat(chunks).toString('utf8');
    const parsed = await PostalMime.parse(raw);
    const email: ReceivedEmail = {
      envelope: { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((recipient) => recipient.address) },
      raw,
      parsed,
      header: (name) => parsed.headers.find((header) => header.key === name.toLowerCase())?.value,
    };
    this.messages.push(email);
    const quote = this.echoes.shift();
    return quote && `queued: ${quote(email).replace(/\r?\n/g, ' ')}`;
  }
}

const smtpError = (failure: ScriptedSmtpFailure): Error => Object.assign(new Error(failure.message), { responseCode: failure.code });
