/**
 * What a failed SMTP send means for the delivery. The server's reply code decides where there is
 * one: 4xx is temporary (421 closing, 450/451 try later, 452 full), 5xx is final (550 no such user,
 * 554 refused, 535 bad credentials). Without one, a connection that failed, dropped or timed out is
 * worth trying again; a refused envelope or missing credentials is not. The outcome's `statusCode`
 * is the SMTP reply code.
 *
 * Where TLS is required (an organisation's server with a password, see EmailSender) and the server
 * answers STARTTLS with anything but 2xx, nothing was sent: the send ends for good, coded
 * TLS_REQUIRED, whatever the reply (a 454 "TLS not available" is what a plaintext-only server, or a
 * man in the middle stripping STARTTLS, answers every time; retrying would only fail again).
 */
import type { DeliveryOutcome } from '../channel';
import { detailExcerpt } from '../detail-excerpt';
import { outboundRefusalIn } from '../http/outbound-refusal';

interface SmtpError {
  readonly code?: string;
  readonly responseCode?: number;
  readonly response?: string;
  readonly command?: string;
  readonly message?: string;
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN']);
const CONFIGURATION_CODES = new Set(['EAUTH', 'ENOAUTH', 'EENVELOPE', 'EMESSAGE', 'ECONFIG', 'EREQUIRETLS']);
/** Enhanced status codes (RFC 3463) saying the mailbox or its domain does not exist or is disabled. */
const MAILBOX_GONE = /\b5\.(1\.1|1\.2|1\.10|2\.1)\b/;

/** getaddrinfo's "no such name": nodemailer's EDNS wrapping it, or the bare error from a filtered socket's lookup. */
const doesNotResolve = (failure: SmtpError): boolean =>
  failure.code === 'ENOTFOUND' || (failure.code === 'EDNS' && /\bENOTFOUND\b/.test(failure.message ?? ''));

export const outcomeOfSmtpFailure = (error: unknown): DeliveryOutcome => {
  // The address filter refused the server's address (an organisation's server on a private one): no later attempt can pass.
  const refusal = outboundRefusalIn(error);
  if (refusal) return { kind: 'permanent', statusCode: null, detail: `the address was refused: ${refusal.code}: ${refusal.message}`, disableAddress: false, reason: refusal.reason };
  const failure = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SmtpError;
  const said = detailExcerpt(failure.response ?? failure.message ?? 'unknown failure');
  const reply = failure.responseCode;
  if (failure.code === 'ETLS' && failure.command === 'STARTTLS' && typeof reply === 'number') {
    const detail = `TLS is required but the SMTP server did not offer STARTTLS (it answered ${detailExcerpt(failure.response ?? String(reply))}): nothing was sent, no password included`;
    return { kind: 'permanent', statusCode: reply, detail, disableAddress: false, reason: 'TLS_REQUIRED' };
  }
  if (typeof reply === 'number' && reply >= 400 && reply < 500) {
    return { kind: 'retryable', statusCode: reply, detail: `the SMTP server answered ${said}`, retryAfterMs: null };
  }
  if (typeof reply === 'number' && reply >= 500) {
    const atRecipient = failure.command === undefined || /^RCPT/i.test(failure.command);
    return { kind: 'permanent', statusCode: reply, detail: `the SMTP server refused: ${said}`, disableAddress: atRecipient && MAILBOX_GONE.test(said) };
  }
  if (doesNotResolve(failure)) {
    // As for every other channel: a name that does not exist will not exist on the next attempt (a DNS outage is EAI_AGAIN, retried).
    return { kind: 'permanent', statusCode: null, detail: `the SMTP server's host does not resolve: ${said}`, disableAddress: false, reason: 'UNRESOLVABLE_HOST' };
  }
  if (failure.code && CONFIGURATION_CODES.has(failure.code)) {
    return { kind: 'permanent', statusCode: null, detail: `${failure.code}: ${said}`, disableAddress: false };
  }
  const connection = failure.code !== undefined && CONNECTION_CODES.has(failure.code);
  const what = connection ? 'no usable connection to the SMTP server' : 'the SMTP send failed';
  const detail = `${what}: ${failure.code ? `${failure.code} ` : ''}${said}`;
  if (!connection) return { kind: 'retryable', statusCode: null, detail, retryAfterMs: null };
  return { kind: 'retryable', statusCode: null, detail, retryAfterMs: null, reason: failure.code === 'ETIMEDOUT' ? 'TIMEOUT' : 'CONNECTION_FAILED' };
};


/**
 * A send abandoned at its total deadline, or as its attempt's lease was about to run out: its
 * connection was destroyed, so a server that had not yet received the message's end discards it.
 * Retryable; the detail says the one case where the message may still arrive.
 */
export const outcomeOfAbandonedSend = (why: { readonly totalMs: number } | { readonly lease: true }): DeliveryOutcome => ({
  kind: 'retryable',
  statusCode: null,
  detail: `${'totalMs' in why ? `the SMTP send did not finish within ${why.totalMs} ms` : 'the SMTP send did not finish before its lease ran out'}: abandoned, its connection closed (a server that already had the whole message may still deliver it)`,
  retryAfterMs: null,
  reason: 'TIMEOUT',
});
