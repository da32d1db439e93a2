/**
 * The test message through the real senders against local receivers: a Slack bot token posts
 * chat.postMessage to the member's user id, and a deployment that does not allow private addresses
 * refuses a loopback URL before anything is sent.
 */
import { exemptTestReceiver, SmtpReceiver, startTestReceiver, type TestReceiver } from '@stepwise/integrations/testing';
import { ChannelTestMessageSender, TEST_MESSAGE_TITLE } from './channel-test-message.sender';

const context = { tenantId: 'org-1', recipientId: 'mem-1', at: new Date('2026-03-02T09:00:00.000Z') };

describe('ChannelTestMessageSender', () => {
  let receiver: TestReceiver;

  beforeAll(async () => {
    receiver = await startTestReceiver((request) =>
      request.path.endsWith('/chat.postMessage')
        ? { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true, channel: 'D1', ts: '1.2' }) }
        : { status: 202 },
    );
  });

  afterAll(() => receiver.close());

  it('posts as the bot to the member’s Slack user id and reports delivery', async () => {
    const sender = new ChannelTestMessageSender({ allowPrivateAddresses: true, slackApiUrl: `${receiver.url}/api/` });
    const outcome = await sender.send({ channel: 'SLACK', slack: { kind: 'bot', token: 'xoxb-1-test' }, userId: 'U0123ABCD' }, context);
    expect(outcome).toMatchObject({ kind: 'DELIVERED' });
    const request = receiver.requests.find((received) => received.path === '/api/chat.postMessage');
    expect(request?.headers.authorization).toBe('Bearer xoxb-1-test');
    expect(request?.body).toContain('U0123ABCD');
    expect(decodeURIComponent((request?.body ?? '').replace(/\+/g, ' '))).toContain(TEST_MESSAGE_TITLE);
  });

  it('counts a Teams flow’s 2xx as delivered whatever body follows: over the 1 MiB a body may have, or never ending', async () => {
    const teams = await startTestReceiver((request) =>
      request.path === '/large' ? { status: 200, body: 'x'.repeat(2 * 1_048_576) } : { status: 202, body: 'accepted', unfinished: true },
    );
    try {
      const sender = new ChannelTestMessageSender({ allowPrivateAddresses: true, timeoutMs: 500 });
      expect(await sender.send({ channel: 'TEAMS', url: `${teams.url}/large` }, context)).toMatchObject({ kind: 'DELIVERED', statusCode: 200 });
      expect(await sender.send({ channel: 'TEAMS', url: `${teams.url}/unfinished` }, context)).toMatchObject({ kind: 'DELIVERED', statusCode: 202 });
      expect(teams.requests).toHaveLength(2);
    } finally {
      await teams.close();
    }
  });

  it('refuses a private address unless the deployment allows it, sending nothing', async () => {
    const before = receiver.requests.length;
    const sender = new ChannelTestMessageSender({ allowPrivateAddresses: false });
    const outcome = await sender.send({ channel: 'TEAMS', url: `${receiver.url.replace('http:', 'https:')}/workflows/x` }, context);
    expect(outcome.kind).toBe('PERMANENT');
    expect(outcome.detail).toContain('not public');
    expect(receiver.requests.length).toBe(before);
  });

  describe('EMAIL, as an email nudge would go', () => {
    let smtp: SmtpReceiver;

    beforeAll(async () => {
      smtp = await SmtpReceiver.start();
    });
    afterAll(() => smtp.close());

    const email = () => ({ channel: 'EMAIL' as const, to: 'ada@example.com', smtp: smtp.settings() });

    // Every email nudge carries a one-click unsubscribe link under STEPWISE_PUBLIC_URL, which must be
    // https (or http to this machine) unless plain http is allowed: a test that got through where
    // every nudge is refused would mislead.
    it('is refused, sending nothing, when the public URL is plain http elsewhere and plain http is not allowed, as email nudges are', async () => {
      const before = smtp.messages.length;
      const sender = new ChannelTestMessageSender({ allowPrivateAddresses: false, publicUrl: 'http://stepwise.example.com' });
      const outcome = await sender.send(email(), context);
      expect(outcome).toMatchObject({ kind: 'PERMANENT', statusCode: null, reason: 'HTTPS_REQUIRED' });
      expect(outcome.detail).toContain('the unsubscribe URL must be an https URL (RFC 8058)');
      expect(outcome.detail).toContain('STEPWISE_PUBLIC_URL');
      expect(smtp.messages.length).toBe(before);
    });

    // Private addresses refused but for this test's own SMTP server on loopback (a deployment's would be public).
    const ownServerOnly = () => [exemptTestReceiver({ address: '127.0.0.1', port: smtp.port, family: 'IPv4' })];
    it.each([
      ['an https public URL', () => ({ allowPrivateAddresses: false, publicUrl: 'https://stepwise.example.com', exemptTestReceivers: ownServerOnly() })],
      ['plain http allowed (local development)', () => ({ allowPrivateAddresses: true, publicUrl: 'http://127.0.0.1:3000' })],
      ['a plain-http public URL on this machine (the embedded default)', () => ({ allowPrivateAddresses: false, publicUrl: 'http://127.0.0.1:3000', exemptTestReceivers: ownServerOnly() })],
    ])('is delivered with %s', async (_case, options) => {
      const before = smtp.messages.length;
      const outcome = await new ChannelTestMessageSender(options()).send(email(), context);
      expect(outcome).toMatchObject({ kind: 'DELIVERED', statusCode: 250 });
      expect(smtp.messages.length).toBe(before + 1);
      expect(smtp.messages.at(-1)?.header('subject')).toBe(TEST_MESSAGE_TITLE);
    });
  });
});
