/**
 * One email send ends by its deadline, against a real SMTP server (smtp-server) that trickles its
 * answers a byte at a time: each answer arrives in time for the per-step timeouts, so only the whole
 * send's deadline, or the attempt's signal (its lease about to run out), ends it. The transaction is
 * abandoned before the message's end reaches the server, so nothing is accepted, and the retry is
 * delivered once.
 */
import { attempt, reflectionNudge } from '../testing/nudge-message.fixtures';
import { EmailSender } from './email.sender';
import { SmtpReceiver } from './testing/smtp.receiver';
import { TricklingSmtpRelay } from './testing/trickling-smtp.relay';

// Every step answers within 2 s; the server's answers to one send take some 6 s at 25 ms a byte.
const STEP_MS = 2_000;
const BYTE_MS = 25;
const to = { to: 'sam@school.test' };

describe('an email send against a server that trickles its answers', () => {
  let smtp: SmtpReceiver;
  let relay: TricklingSmtpRelay;
  let sender: EmailSender | undefined;

  beforeEach(async () => {
    smtp = await SmtpReceiver.start();
    relay = await TricklingSmtpRelay.start(smtp.port, { byteMs: BYTE_MS, slowConnections: 1 });
  });
  afterEach(async () => {
    await sender?.close();
    await relay.close();
    await smtp.close();
  });

  const accepted = (deliveryId: string) => smtp.messages.filter((email) => email.header('x-stepwise-delivery-id') === deliveryId).length;

  it('is abandoned at its total deadline, a retryable timeout the server never accepted; the retry is delivered once', async () => {
    sender = new EmailSender({ smtp: relay.settings(), timeouts: { connectionMs: STEP_MS, greetingMs: STEP_MS, socketMs: STEP_MS, totalMs: 800 } });

    const first = await sender.send(reflectionNudge(), to, attempt(1, 'delivery-slow'));

    expect(first).toEqual({
      kind: 'retryable',
      statusCode: null,
      detail: 'the SMTP send did not finish within 800 ms: abandoned, its connection closed (a server that already had the whole message may still deliver it)',
      retryAfterMs: null,
      reason: 'TIMEOUT',
    });
    // Its connection is gone, not left to finish the transaction in the background.
    await waitFor(() => relay.slowClosed === 1);

    const second = await sender.send(reflectionNudge(), to, attempt(2, 'delivery-slow'));
    expect(second).toMatchObject({ kind: 'delivered', statusCode: 250 });
    expect(accepted('delivery-slow')).toBe(1);
    expect(smtp.messages[0].header('x-stepwise-attempt')).toBe('2');
  });

  it("is abandoned when the attempt's signal says its lease is running out, whatever its own deadline", async () => {
    sender = new EmailSender({ smtp: relay.settings(), timeouts: { connectionMs: STEP_MS, greetingMs: STEP_MS, socketMs: STEP_MS, totalMs: 30_000 } });
    const lease = new AbortController();
    setTimeout(() => lease.abort(), 500);

    const outcome = await sender.send(reflectionNudge(), to, { ...attempt(1, 'delivery-leased'), signal: lease.signal });

    expect(outcome).toMatchObject({ kind: 'retryable', reason: 'TIMEOUT', detail: expect.stringContaining('did not finish before its lease ran out') });
    await waitFor(() => relay.slowClosed === 1);
    expect(accepted('delivery-leased')).toBe(0);
  });

  it('counts the wait for a pooled connection in the deadline: a send queued behind a slow one is abandoned unsent', async () => {
    sender = new EmailSender({ smtp: relay.settings(), connectionsPerServer: 1, timeouts: { connectionMs: STEP_MS, greetingMs: STEP_MS, socketMs: STEP_MS, totalMs: 800 } });

    const outcomes = await Promise.all([sender.send(reflectionNudge(), to, attempt(1, 'delivery-a')), sender.send(reflectionNudge(), to, attempt(1, 'delivery-b'))]);

    expect(outcomes.map((outcome) => [outcome.kind, outcome.kind === 'retryable' && outcome.reason])).toEqual([
      ['retryable', 'TIMEOUT'],
      ['retryable', 'TIMEOUT'],
    ]);
    await waitFor(() => relay.slowClosed === 1);
    expect(relay.connections).toBe(1);
    expect(smtp.messages).toHaveLength(0);
  });
});

const waitFor = async (done: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
