import { createServer } from 'node:net';
import { attempt, reflectionNudge } from '../testing/nudge-message.fixtures';
import type { EmailAddress } from './email.address';
import { EmailSender } from './email.sender';
import { SmtpReceiver } from './testing/smtp.receiver';

const UNSUBSCRIBE = { url: 'https://app.stepwise.test/unsubscribe/u-token', mailto: 'mailto:unsubscribe@stepwise.test?subject=u-token' };

describe('EmailSender', () => {
  let smtp: SmtpReceiver;
  let sender: EmailSender;
  const member = (overrides: Partial<EmailAddress> = {}): EmailAddress => ({ to: 'sam@school.test', name: 'Sam Lee', unsubscribe: UNSUBSCRIBE, ...overrides });

  beforeEach(async () => {
    smtp = await SmtpReceiver.start();
    sender = new EmailSender({ smtp: smtp.settings() });
  });
  afterEach(async () => {
    await sender.close();
    await smtp.close();
  });

  it('sends a text and an HTML part with one-click unsubscribe headers and a Message-ID from the delivery id', async () => {
    const outcome = await sender.send(reflectionNudge(), member(), attempt(1, 'delivery-42'));

    expect(outcome).toMatchObject({ kind: 'delivered', statusCode: 250 });
    expect(smtp.messages).toHaveLength(1);
    const [email] = smtp.messages;
    expect(email.envelope).toEqual({ from: 'nudges@stepwise.test', to: ['sam@school.test'] });
    expect(email.parsed.subject).toBe('Did your step bring you closer?');
    expect(email.parsed.from).toEqual({ name: 'Stepwise', address: 'nudges@stepwise.test' });
    expect(email.parsed.to).toEqual([{ name: 'Sam Lee', address: 'sam@school.test' }]);
    expect(email.parsed.messageId).toBe('<nudge.delivery-42@stepwise.test>');
    expect(email.header('x-stepwise-delivery-id')).toBe('delivery-42');
    expect(email.header('list-unsubscribe')).toBe('<https://app.stepwise.test/unsubscribe/u-token>, <mailto:unsubscribe@stepwise.test?subject=u-token>');
    expect(email.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(email.header('content-type')).toMatch(/^multipart\/alternative;/);

    expect(email.parsed.text).toContain('Did it bring you closer to the vision?');
    expect(email.parsed.text).toContain('Yes: https://app.stepwise.test/a/yes-token');
    expect(email.parsed.text).toContain('Journey: Reading for pleasure');
    expect(email.parsed.text).toContain('Unsubscribe: https://app.stepwise.test/unsubscribe/u-token');
    expect(email.parsed.html).toContain('<h1 style="font-size:20px;margin:0 0 16px">Did your step bring you closer?</h1>');
    expect(email.parsed.html).toContain('You took a step: &quot;Ask the library for 30 books&quot;.');
    expect(email.parsed.html).toMatch(/<a href="https:\/\/app\.stepwise\.test\/a\/no-token"[^>]*>No<\/a>/);
    expect(email.parsed.html).toMatch(/<a href="https:\/\/app\.stepwise\.test\/unsubscribe\/u-token"[^>]*>Unsubscribe<\/a>/);
  });

  it('keeps at most 300 characters of a long reply that accepts the message', async () => {
    smtp.echoNext(() => 'x'.repeat(2_000));
    const outcome = await sender.send(reflectionNudge(), member(), attempt(1, 'delivery-43'));
    expect(outcome).toEqual({ kind: 'delivered', statusCode: 250, detail: `250 queued: ${'x'.repeat(300 - '250 queued: '.length)}…` });
  });

  it('leaves the unsubscribe headers out when there is no unsubscribe URL, and the mailto out when there is none', async () => {
    await sender.send(reflectionNudge(), member({ unsubscribe: undefined }), attempt());
    await sender.send(reflectionNudge(), member({ unsubscribe: { url: UNSUBSCRIBE.url } }), attempt());

    expect(smtp.messages[0].header('list-unsubscribe')).toBeUndefined();
    expect(smtp.messages[0].header('list-unsubscribe-post')).toBeUndefined();
    expect(smtp.messages[0].parsed.text).not.toContain('Unsubscribe');
    expect(smtp.messages[1].header('list-unsubscribe')).toBe('<https://app.stepwise.test/unsubscribe/u-token>');
  });

  it("escapes the message's words in the HTML, so they cannot add markup or links", async () => {
    const message = reflectionNudge({
      title: '<img src=x onerror=alert(1)>',
      lines: ['<script>alert("x")</script>', 'Tom & Jerry'],
      actions: [{ label: '"><b>Yes</b>', url: 'https://app.stepwise.test/a/"onmouseover="alert(1)' }],
      facts: { '<i>Journey</i>': '<a href="https://evil.test">win</a>' },
    });

    await sender.send(message, member(), attempt());

    const html = smtp.messages[0].parsed.html!;
    expect(html).not.toMatch(/<script|<img|<b>|<i>|href="https:\/\/evil/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Tom &amp; Jerry');
    expect(html).toContain('href="https://app.stepwise.test/a/&quot;onmouseover=&quot;alert(1)"');
    expect(smtp.messages[0].parsed.subject).toBe('<img src=x onerror=alert(1)>');
  });

  it('lets no line break in a name or the subject reach a header: a name with one is refused before sending, the subject is made one line', async () => {
    const named = new EmailSender({ smtp: { ...smtp.settings(), from: { address: 'nudges@stepwise.test', name: 'Stepwise\r\nBcc: from@evil.test' } } });
    try {
      expect(await named.send(reflectionNudge(), member(), attempt())).toMatchObject({ kind: 'permanent', detail: 'the sender name must be one line' });
    } finally {
      await named.close();
    }
    expect(await sender.send(reflectionNudge(), member({ name: 'Sam\nBcc: to@evil.test' }), attempt())).toMatchObject({ kind: 'permanent', detail: 'the recipient name must be one line' });
    expect(smtp.messages).toEqual([]);

    await sender.send(reflectionNudge({ title: 'Reflect\r\nBcc: subject@evil.test' }), member(), attempt());

    const [email] = smtp.messages;
    expect(email.envelope.to).toEqual(['sam@school.test']);
    expect(email.parsed.headers.map((header) => header.key)).not.toContain('bcc');
    expect(email.parsed.subject).toBe('Reflect Bcc: subject@evil.test');
  });

  it('reports a temporary refusal (451) as retryable; the retry is delivered with the same Message-ID', async () => {
    smtp.failNext({ at: 'RCPT', code: 451, message: '4.7.1 Greylisted, try again later' });

    const first = await sender.send(reflectionNudge(), member(), attempt(1, 'delivery-7'));
    expect(first).toEqual({ kind: 'retryable', statusCode: 451, detail: expect.stringContaining('Greylisted'), retryAfterMs: null });
    expect(smtp.messages).toHaveLength(0);

    const second = await sender.send(reflectionNudge(), member(), attempt(2, 'delivery-7'));
    expect(second.kind).toBe('delivered');
    expect(smtp.messages.map((email) => [email.parsed.messageId, email.header('x-stepwise-attempt')])).toEqual([['<nudge.delivery-7@stepwise.test>', '2']]);
  });

  it.each([
    ['a full mailbox (452 at RCPT TO)', { at: 'RCPT' as const, code: 452, message: '4.2.2 Mailbox full' }, 452],
    ['a server closing (421 at DATA)', { at: 'DATA' as const, code: 421, message: '4.3.2 Shutting down' }, 421],
  ])('reports %s as retryable', async (_case, failure, statusCode) => {
    smtp.failNext(failure);

    expect(await sender.send(reflectionNudge(), member(), attempt())).toMatchObject({ kind: 'retryable', statusCode });
  });

  it('reports an unknown mailbox (550 5.1.1) as permanent and the address as gone', async () => {
    smtp.refuseMailbox('gone@school.test');

    const outcome = await sender.send(reflectionNudge(), member({ to: 'gone@school.test' }), attempt());

    expect(outcome).toEqual({ kind: 'permanent', statusCode: 550, detail: expect.stringContaining('5.1.1 No such user here'), disableAddress: true });
  });

  it('reports a refused message (554 at DATA) as permanent without marking the address gone', async () => {
    smtp.failNext({ at: 'DATA', code: 554, message: '5.7.1 Message rejected as spam' });

    expect(await sender.send(reflectionNudge(), member(), attempt())).toMatchObject({ kind: 'permanent', statusCode: 554, disableAddress: false });
  });

  it('refuses an invalid address, a non-https unsubscribe URL and a non-web link without connecting', async () => {
    expect(await sender.send(reflectionNudge(), member({ to: 'not an address' }), attempt())).toEqual({
      kind: 'permanent',
      statusCode: null,
      detail: '"not an address" is not an email address',
      disableAddress: false,
    });
    expect(await sender.send(reflectionNudge(), member({ to: 'a@b.test\r\nBcc: x@y.test' }), attempt())).toMatchObject({ kind: 'permanent' });
    expect(await sender.send(reflectionNudge(), member({ unsubscribe: { url: 'http://app.stepwise.test/u' } }), attempt())).toMatchObject({
      kind: 'permanent',
      detail: 'the unsubscribe URL must be an https URL (RFC 8058)',
    });
    expect(await sender.send(reflectionNudge({ actions: [{ label: 'Yes', url: 'javascript:alert(1)' }] }), member(), attempt())).toMatchObject({ kind: 'permanent' });
    expect(smtp.connections).toBe(0);
  });

  it('accepts an http unsubscribe URL to this machine (the embedded default) without plain http allowed, and no other', async () => {
    const before = smtp.messages.length;
    for (const url of ['http://127.0.0.1:3000/unsubscribe/u-token', 'http://localhost:3000/unsubscribe/u-token', 'http://[::1]:3000/unsubscribe/u-token']) {
      expect({ url, ...(await sender.send(reflectionNudge(), member({ unsubscribe: { url } }), attempt())) }).toMatchObject({ url, kind: 'delivered' });
    }
    expect(smtp.messages.slice(before).map((message) => message.header('list-unsubscribe-post'))).toEqual(['List-Unsubscribe=One-Click', 'List-Unsubscribe=One-Click', 'List-Unsubscribe=One-Click']);
    for (const url of ['http://10.0.0.5/unsubscribe/u-token', 'http://localhost.example.com/unsubscribe/u-token', 'http://[::ffff:10.0.0.5]/u']) {
      expect({ url, ...(await sender.send(reflectionNudge(), member({ unsubscribe: { url } }), attempt())) }).toMatchObject({ url, kind: 'permanent', detail: 'the unsubscribe URL must be an https URL (RFC 8058)' });
    }
  });

  it('accepts an http unsubscribe URL only where the deployment allows plain http (an api on this machine)', async () => {
    const local = new EmailSender({ smtp: smtp.settings(), allowPlainHttp: true });
    try {
      expect(await local.send(reflectionNudge(), member({ unsubscribe: { url: 'http://127.0.0.1:3000/unsubscribe/u-token' } }), attempt())).toMatchObject({ kind: 'delivered' });
    } finally {
      await local.close();
    }
    expect(smtp.messages[0].header('list-unsubscribe')).toBe('<http://127.0.0.1:3000/unsubscribe/u-token>');
    expect(smtp.messages[0].header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(await local.send(reflectionNudge(), member({ unsubscribe: { url: 'ftp://127.0.0.1/u' } }), attempt())).toMatchObject({ kind: 'permanent' });
  });

  it('reports no SMTP server configured as permanent', async () => {
    expect(await new EmailSender().send(reflectionNudge(), member(), attempt())).toEqual({
      kind: 'permanent',
      statusCode: null,
      detail: 'no SMTP server is configured',
      disableAddress: false,
    });
  });

  it('reports a server that cannot be reached as retryable', async () => {
    const outcome = await sender.send(reflectionNudge(), member({ smtp: { ...smtp.settings(), port: await closedPort() } }), attempt());

    expect(outcome).toMatchObject({ kind: 'retryable', statusCode: null, detail: expect.stringContaining('no usable connection to the SMTP server') });
  });

  it("uses the address's own SMTP server when it has one, keeping one connection per server open between sends", async () => {
    const own = await SmtpReceiver.start();
    try {
      await sender.send(reflectionNudge(), member({ smtp: own.settings('nudges@school.test') }), attempt(1, 'd-1'));
      await sender.send(reflectionNudge(), member({ smtp: own.settings('nudges@school.test') }), attempt(1, 'd-2'));

      expect(own.messages.map((email) => email.parsed.messageId)).toEqual(['<nudge.d-1@school.test>', '<nudge.d-2@school.test>']);
      expect(own.connections).toBe(1);
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await sender.close();
      await own.close();
    }
  });
});

describe('EmailSender connections per SMTP server', () => {
  it('sends messages side by side over up to connectionsPerServer connections, more waiting for one', async () => {
    const smtp = await SmtpReceiver.start();
    const sender = new EmailSender({ smtp: smtp.settings(), connectionsPerServer: 4 });
    try {
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, n) => sender.send(reflectionNudge(), { to: `member-${n}@school.test` }, attempt(1, `d-${n}`))));

      expect(outcomes.every((outcome) => outcome.kind === 'delivered')).toBe(true);
      expect(smtp.messages).toHaveLength(12);
      // More than the two it used to keep, never more than asked.
      expect(smtp.connections).toBeGreaterThan(2);
      expect(smtp.connections).toBeLessThanOrEqual(4);
    } finally {
      await sender.close();
      await smtp.close();
    }
  });
});

/** A port nothing listens on: bound, read and released. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};
