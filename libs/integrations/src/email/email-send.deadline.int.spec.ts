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

// Every step answers within 2 s; the server's answers to one send take some 6 s at 25 ms a byte, those
// before the message's end can go out (to EHLO, MAIL, RCPT and DATA, some 160 bytes) some 4 s. A total
// deadline of 2 s lands well inside them, and leaves a retry over a healthy connection room to finish:
// a whole send, server and parser in this same process, took up to 0.9 s on a busy 2-core machine.
const STEP_MS = 2_000;
const BYTE_MS = 25;
const TOTAL_MS = 2_000;
const to = { to: 'sam@school.test' };

describe('an email send against a server that trickles its answers', () => {
  let smtp: SmtpReceiver;
  let relay: TricklingSmtpRelay;
  let sender: EmailSender | undefined;

  // The first send in a process loads nodemailer and compiles its first message: on a busy machine that
  // took up to 1.3 s, all of it within that send's deadline, which then passed before any connection
  // was opened (nothing for the relay to see closed, and the relay's trickling first connection left
  // to the retry). One send here, so the deadlines below are spent on the SMTP exchange.
  beforeAll(async () => {
    const receiver = await SmtpReceiver.start();
    const warm = new EmailSender({ smtp: receiver.settings() });
    try {
      expect(await warm.send(reflectionNudge(), to, attempt(1, 'delivery-warm-up'))).toMatchObject({ kind: 'delivered' });
    } finally {
      await warm.close();
      await receiver.close();
    }
  });

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
    sender = new EmailSender({ smtp: relay.settings(), timeouts: { connectionMs: STEP_MS, greetingMs: STEP_MS, socketMs: STEP_MS, totalMs: TOTAL_MS } });

    const first = await sender.send(reflectionNudge(), to, attempt(1, 'delivery-slow'));

    expect(first).toEqual({
      kind: 'retryable',
      statusCode: null,
      detail: `the SMTP send did not finish within ${TOTAL_MS} ms: abandoned, its connection closed (a server that already had the whole message may still deliver it)`,
      retryAfterMs: null,
      reason: 'TIMEOUT',
    });
    // It was abandoned on its connection, the relay's trickling one; that connection is gone, not left
    // to finish the transaction in the background, nor kept in the pool.
    expect(relay.connections).toBe(1);
    await waitFor(() => relay.slowClosed === 1);

    const second = await sender.send(reflectionNudge(), to, attempt(2, 'delivery-slow'));
    expect(second).toMatchObject({ kind: 'delivered', statusCode: 250 });
    expect(relay.connections).toBe(2);
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

    const abandoned = { kind: 'retryable', reason: 'TIMEOUT', detail: expect.stringContaining('did not finish within 800 ms') };
    expect(outcomes).toEqual([expect.objectContaining(abandoned), expect.objectContaining(abandoned)]);
    // The queued send's deadline passes with the first's, give or take the moments between the two sends
    // starting: in those the pool, the first's connection closed, may already have opened one for it (the
    // relay's second, a healthy one). It is abandoned all the same, unsent, and that connection closed.
    await waitFor(() => relay.slowClosed === 1 && relay.closed === relay.connections);
    expect(smtp.messages).toHaveLength(0);
  });

  describe('against a server that has the whole message and is slow to answer it', () => {
    let direct: SmtpReceiver;
    beforeEach(async () => {
      direct = await SmtpReceiver.start();
    });
    afterEach(async () => {
      await sender?.close();
      await direct.close();
    });

    // Abandoned there, the send would be retried while the server delivers the message it holds:
    // two copies (RFC 5321 4.5.3.2.6 warns of exactly this). A loaded machine answers late this way.
    it('waits past its deadline for the answer while its lease lasts, and the message is delivered once', async () => {
      sender = new EmailSender({ smtp: direct.settings(), timeouts: { connectionMs: STEP_MS, greetingMs: STEP_MS, socketMs: 10_000, totalMs: 800 } });
      const release = direct.hold();
      const started = Date.now();
      const lease = new AbortController();
      const sending = sender.send(reflectionNudge(), to, { ...attempt(1, 'delivery-answered-late'), signal: lease.signal });
      await waitFor(() => direct.holding === 1);
      await waitFor(() => Date.now() - started > 800 + 400);
      release();

      expect(await sending).toMatchObject({ kind: 'delivered', statusCode: 250 });
      expect(direct.messages).toHaveLength(1);
    });

    it('is abandoned all the same when its lease runs out: the one case where the retry may arrive as a second copy', async () => {
      sender = new EmailSender({ smtp: direct.settings(), timeouts: { connectionMs: STEP_MS, greetingMs: STEP_MS, socketMs: 10_000, totalMs: 30_000 } });
      const release = direct.hold();
      const lease = new AbortController();
      const sending = sender.send(reflectionNudge(), to, { ...attempt(1, 'delivery-lease-ends'), signal: lease.signal });
      await waitFor(() => direct.holding === 1);
      lease.abort();

      expect(await sending).toMatchObject({ kind: 'retryable', reason: 'TIMEOUT', detail: expect.stringContaining('did not finish before its lease ran out') });
      release();
      // The server had the message whole: it accepts it though nobody is there to hear its answer.
      await waitFor(() => direct.messages.length === 1);
    });
  });
});

const waitFor = async (done: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
