import { OutboundRequestRefused } from '../http/outbound-http.errors';
import { outcomeOfSmtpFailure } from './smtp-failure.outcome';

const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.response ?? 'failed')), fields);

describe('outcomeOfSmtpFailure', () => {
  it.each([421, 450, 451, 452])('retries a %i (temporary) reply', (responseCode) => {
    expect(outcomeOfSmtpFailure(smtpError({ code: 'EENVELOPE', responseCode, response: `${responseCode} later`, command: 'RCPT TO' }))).toMatchObject({
      kind: 'retryable',
      statusCode: responseCode,
    });
  });

  it.each([
    ['550 5.1.1 user unknown', 550, 'RCPT TO', true],
    ['550 5.2.1 mailbox disabled', 550, 'RCPT TO', true],
    ['553 5.1.2 bad domain', 553, 'RCPT TO', true],
    ['550 5.7.1 relaying denied', 550, 'RCPT TO', false],
    ['554 5.7.1 spam', 554, 'DATA', false],
    ['535 5.7.8 bad credentials', 535, 'AUTH PLAIN', false],
  ])('gives up on "%s"; the address is gone only for a mailbox that does not exist', (response, responseCode, command, disableAddress) => {
    expect(outcomeOfSmtpFailure(smtpError({ code: 'EENVELOPE', responseCode, response, command }))).toMatchObject({ kind: 'permanent', statusCode: responseCode, disableAddress });
  });

  it.each(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS'])('retries a connection that failed (%s)', (code) => {
    expect(outcomeOfSmtpFailure(smtpError({ code }))).toMatchObject({ kind: 'retryable', statusCode: null });
  });

  it('gives up on a host that does not resolve, as every channel does (UNRESOLVABLE_HOST); a lookup that could not be made is retried', () => {
    const wrapped = smtpError({ code: 'EDNS', errno: -3008, message: 'getaddrinfo ENOTFOUND mail.nowhere.invalid', command: 'CONN' });
    const bare = Object.assign(new Error('getaddrinfo ENOTFOUND mail.nowhere.invalid'), { code: 'ENOTFOUND', syscall: 'getaddrinfo' });
    for (const error of [wrapped, bare]) {
      expect(outcomeOfSmtpFailure(error)).toEqual({
        kind: 'permanent',
        statusCode: null,
        detail: "the SMTP server's host does not resolve: getaddrinfo ENOTFOUND mail.nowhere.invalid",
        disableAddress: false,
        reason: 'UNRESOLVABLE_HOST',
      });
    }
    expect(outcomeOfSmtpFailure(smtpError({ code: 'EDNS', message: 'getaddrinfo EAI_AGAIN mail.example.com' }))).toMatchObject({ kind: 'retryable' });
  });

  it('gives up on missing credentials or an envelope the client refused before the server answered', () => {
    expect(outcomeOfSmtpFailure(smtpError({ code: 'ENOAUTH' }))).toMatchObject({ kind: 'permanent', statusCode: null });
    expect(outcomeOfSmtpFailure(smtpError({ code: 'EENVELOPE' }))).toMatchObject({ kind: 'permanent', statusCode: null });
  });

  it.each([
    ['502 5.5.1 Error: command not implemented', 502],
    ['454 4.7.0 TLS not available due to temporary reason', 454],
  ])('gives up, coded TLS_REQUIRED, when TLS is required and the server answers STARTTLS with "%s"', (response, responseCode) => {
    const error = smtpError({ code: 'ETLS', responseCode, response, command: 'STARTTLS', message: `Error upgrading connection with STARTTLS: ${response}` });
    expect(outcomeOfSmtpFailure(error)).toEqual({
      kind: 'permanent',
      statusCode: responseCode,
      detail: `TLS is required but the SMTP server did not offer STARTTLS (it answered ${response}): nothing was sent, no password included`,
      disableAddress: false,
      reason: 'TLS_REQUIRED',
    });
  });

  it('retries a TLS upgrade that failed on the way (no reply to go by), as a connection failure', () => {
    const error = smtpError({ code: 'ETLS', command: 'STARTTLS', message: 'Error initiating TLS - self-signed certificate' });
    expect(outcomeOfSmtpFailure(error)).toMatchObject({ kind: 'retryable', statusCode: null, reason: 'CONNECTION_FAILED', detail: expect.stringContaining('ETLS') });
  });

  it('gives up at once on a server whose address the filter refused, wrapped or not', () => {
    const refusal = new OutboundRequestRefused('PRIVATE_ADDRESS', '10.0.0.5 is, or resolves to, an address that is not public');
    expect(outcomeOfSmtpFailure(refusal)).toEqual({ kind: 'permanent', statusCode: null, detail: `the address was refused: PRIVATE_ADDRESS: ${refusal.message}`, disableAddress: false, reason: 'PRIVATE_ADDRESS' });
    expect(outcomeOfSmtpFailure(Object.assign(new Error('Connection failed'), { code: 'ESOCKET', cause: refusal }))).toMatchObject({ kind: 'permanent' });
  });
});
