/**
 * Sends a nudge by email over SMTP with nodemailer: a text and an HTML part, one-click unsubscribe
 * headers when the address has an unsubscribe URL, and a Message-ID built from the delivery id. The
 * SMTP server is the address's own (an organisation's, given its password only over TLS) or the
 * sender's; transports are pooled per server and closed with `close()`. One attempt per call; the outcome says whether to try again.
 *
 * A send ends by its total deadline (`timeouts.totalMs`) or the attempt's signal (its lease about to
 * run out), whichever comes first: the SMTP transaction is then abandoned and its connection
 * destroyed, so a message whose end the server has not yet received is never accepted, and the
 * attempt is retryable. Once its connection has sent the message's end, the deadline no longer ends
 * it: the server may have the message whole, and abandoning it then would have the retry send a
 * second copy of a message the server went on to deliver (RFC 5321 4.5.3.2.6 asks a client to wait
 * for that answer for minutes for this reason). A slow answer, as on a loaded machine, is awaited
 * until the attempt's lease is about to run out (a send without a lease, a test message, still ends
 * by its deadline: nothing retries it, and a server could trickle its answer for ever). What cannot be known is a server that had the whole message
 * and had still not answered then (or was silent past the socket timeout): it may still deliver it
 * (nodemailer: aborting does not prove the server has not accepted it), and the retry sends it
 * again, with the same Message-ID.
 */
import type { ChannelSender, DeliveryAttempt, DeliveryOutcome, NudgeMessage } from '../channel';
import { detailExcerpt } from '../detail-excerpt';
import { emailAddressProblem, smtpSettingsProblem } from './email-address.check';
import { renderEmailContent } from './email-content.renderer';
import { nudgeEmailHeaders } from './email-headers';
import type { EmailAddress, SmtpSettings } from './email.address';
import { outcomeOfAbandonedSend, outcomeOfSmtpFailure } from './smtp-failure.outcome';
import { DEFAULT_SMTP_TIMEOUTS, SmtpTransports, watchMessageEnd, type SmtpTimeouts } from './smtp.transports';
import type { SmtpAddressRules } from './smtp-socket.filter';
import { withoutSecrets } from '../secret-scrub';

export interface EmailSenderOptions {
  /** The SMTP server for addresses that do not bring their own. */
  readonly smtp?: SmtpSettings;
  readonly timeouts?: Partial<SmtpTimeouts>;
  /** Transports kept open at once (one per SMTP server); the least recently used is closed past it. */
  readonly maxOpenTransports?: number;
  /** Connections to one SMTP server at once (5 by default); more messages wait for one. */
  readonly connectionsPerServer?: number;
  /** The small print above the unsubscribe link. */
  readonly footer?: string;
  /** Accept http:// unsubscribe URLs (an api on this machine, in development and tests); https only otherwise. */
  readonly allowPlainHttp?: boolean;
  /**
   * How an address's own SMTP server (an organisation's, typed in by its admin) may be reached: its
   * connections go through the address filter, refusing private addresses unless these rules allow
   * them. Without, it is reached like the sender's own server.
   */
  readonly addressServers?: SmtpAddressRules;
}

export class EmailSender implements ChannelSender<NudgeMessage, EmailAddress> {
  readonly channel = 'EMAIL' as const;
  private readonly transports: SmtpTransports;
  private readonly totalMs: number;

  constructor(private readonly options: EmailSenderOptions = {}) {
    const timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options.timeouts };
    this.totalMs = timeouts.totalMs;
    this.transports = new SmtpTransports(timeouts, options.maxOpenTransports, options.connectionsPerServer);
  }

  async send(message: NudgeMessage, address: EmailAddress, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    const settings = address.smtp ? organisationServer(address.smtp) : this.options.smtp;
    // A server echoing what it was sent must not put the password into the detail.
    const auth = settings?.auth;
    const outcome = await this.sendWith(settings, message, address, attempt);
    // The password alone, and as AUTH PLAIN and LOGIN send it (base64 of the user and password together, or of each).
    return auth?.pass ? withoutSecrets(outcome, [auth.pass, `\u0000${auth.user}\u0000${auth.pass}`, `${auth.user}\u0000${auth.pass}`]) : outcome;
  }

  private async sendWith(settings: SmtpSettings | undefined, message: NudgeMessage, address: EmailAddress, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    const problem = settings ? (smtpSettingsProblem(settings) ?? emailAddressProblem(address, { allowPlainHttp: this.options.allowPlainHttp }) ?? actionLinkProblem(message)) : 'no SMTP server is configured';
    if (problem || !settings) return { kind: 'permanent', statusCode: null, detail: problem ?? 'no SMTP server is configured', disableAddress: false };

    const content = renderEmailContent(message, { unsubscribeUrl: address.unsubscribe?.url, footer: this.options.footer });
    const { messageId, headers } = nudgeEmailHeaders(attempt, settings.from.address, address.unsubscribe);
    const abandon = new AbortController();
    let why: 'deadline' | 'lease' | undefined;
    let messageSent = false;
    const stop = (reason: 'deadline' | 'lease') => {
      why ??= reason;
      abandon.abort();
    };
    // Past its message's end, a send is awaited only where its lease bounds the wait (a delivery); one
    // without (a test message) ends by its deadline all the same, as a server may trickle its answer.
    const deadline = setTimeout(() => (messageSent && attempt.signal ? undefined : stop('deadline')), this.totalMs);
    const leaseEnds = () => stop('lease');
    if (attempt.signal?.aborted) leaseEnds();
    attempt.signal?.addEventListener('abort', leaseEnds, { once: true });
    watchMessageEnd(abandon.signal, () => (messageSent = true));
    try {
      const rules = address.smtp ? (this.options.addressServers ?? null) : null;
      const info = await (await this.transports.for(settings, rules)).sendMail({
        from: { name: settings.from.name ?? '', address: settings.from.address },
        to: { name: address.name ?? '', address: address.to },
        subject: content.subject,
        text: content.text,
        html: content.html,
        messageId,
        headers,
        date: attempt.at,
        signal: abandon.signal,
      });
      return { kind: 'delivered', statusCode: replyCode(info.response), detail: info.response ? detailExcerpt(info.response) : null };
    } catch (error) {
      // nodemailer's own abort error (EABORT): the send was abandoned, by its deadline or else by its lease.
      if ((error as { code?: unknown } | null)?.code === 'EABORT') return outcomeOfAbandonedSend(why === 'deadline' ? { totalMs: this.totalMs } : { lease: true });
      return outcomeOfSmtpFailure(error);
    } finally {
      clearTimeout(deadline);
      attempt.signal?.removeEventListener('abort', leaseEnds);
    }
  }

  /** Closes every open SMTP connection; the sender opens new ones if used again. */
  async close(): Promise<void> {
    this.transports.close();
  }
}

/**
 * An organisation's own server (typed in by its admin) is given its password only over TLS: with
 * credentials and no TLS from the first byte, STARTTLS is required. A server that does not offer it,
 * or whose offer was stripped on the way, never receives AUTH; the send fails as TLS_REQUIRED. The
 * deployment's default server (STEPWISE_SMTP_URL) is its operator's choice and keeps theirs.
 */
const organisationServer = (settings: SmtpSettings): SmtpSettings => (settings.auth && !settings.secure ? { ...settings, requireTls: true } : settings);

const actionLinkProblem = (message: NudgeMessage): string | null => {
  const bad = message.actions.find((action) => !/^https?:$/.test(protocolOf(action.url) ?? ''));
  return bad ? `the link "${bad.label}" is not an http or https URL` : null;
};

const protocolOf = (raw: string): string | null => {
  try {
    return new URL(raw).protocol;
  } catch {
    return null;
  }
};

const replyCode = (response: string | undefined): number | null => {
  const match = /^(\d{3})\b/.exec(response ?? '');
  return match ? Number(match[1]) : null;
};
