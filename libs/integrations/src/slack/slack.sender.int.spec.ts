import { createServer } from 'node:net';
import { filteringFetch } from '../http/filtering-fetch';
import { validateSlackMessage } from './block-kit.validator';
import { SlackSender } from './slack.sender';
import type { SlackAddress } from './slack.address';
import { CHAT_POST_MESSAGE_PATH, SlackReceiver } from './testing/slack.receiver';
import { attempt, reflectionNudge } from '../testing/nudge-message.fixtures';

const TOKEN = 'xoxb-1111-2222-abcdef';
const MEMBER = 'U0123ABCD';

describe('SlackSender', () => {
  let slack: SlackReceiver;
  const sender = new SlackSender({ allowPlainHttp: true });
  const bot = (overrides: Partial<Extract<SlackAddress, { kind: 'bot' }>> = {}): SlackAddress => ({
    kind: 'bot',
    token: TOKEN,
    userId: MEMBER,
    apiUrl: slack.apiUrl,
    ...overrides,
  });

  beforeEach(async () => {
    slack = await SlackReceiver.start({ token: TOKEN, users: [MEMBER] });
  });
  afterEach(async () => {
    await slack.close();
  });

  describe('with the bot token', () => {
    it("posts Block Kit with a fallback text to the member's user id, with the bot token", async () => {
      const outcome = await sender.send(reflectionNudge(), bot(), attempt());

      expect(outcome).toEqual({ kind: 'delivered', statusCode: 200, detail: 'posted to D0123ABCD at 1760000000.000001' });
      const [request] = slack.requestsTo(CHAT_POST_MESSAGE_PATH);
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.payload.channel).toBe(MEMBER);
      expect(request.payload.text).toContain('Did your step bring you closer?');
      expect(validateSlackMessage({ text: request.payload.text, blocks: request.payload.blocks })).toEqual([]);
      expect(buttonUrls(request.payload.blocks)).toEqual([
        'https://app.stepwise.test/a/yes-token',
        'https://app.stepwise.test/a/no-token',
        'https://app.stepwise.test/a/unsure-token',
      ]);
      expect(request.payload.unfurl_links).toBe('false');
      expect(request.payload.metadata).toEqual({ event_type: 'stepwise_nudge_delivery', event_payload: { delivery_id: 'delivery-1', nudge_id: 'nudge-1' } });
    });

    it('reports a 429 as retryable after Retry-After, without waiting or retrying by itself; the next attempt is delivered', async () => {
      slack.answerNext(CHAT_POST_MESSAGE_PATH, { status: 429, headers: { 'retry-after': '7' }, body: { ok: false, error: 'ratelimited' } });

      const first = await sender.send(reflectionNudge(), bot(), attempt(1));
      expect(first).toEqual({ kind: 'retryable', statusCode: 429, detail: 'Slack rate limit: retry after 7 s', retryAfterMs: 7000 });
      expect(slack.requestsTo(CHAT_POST_MESSAGE_PATH)).toHaveLength(1);

      const second = await sender.send(reflectionNudge(), bot(), attempt(2));
      expect(second.kind).toBe('delivered');
      expect(slack.requestsTo(CHAT_POST_MESSAGE_PATH)).toHaveLength(2);
    });

    it('reports a wrong token (ok: false, invalid_auth) as permanent', async () => {
      const outcome = await sender.send(reflectionNudge(), bot({ token: 'xoxb-9999-wrong' }), attempt());

      expect(outcome).toEqual({ kind: 'permanent', statusCode: 200, detail: 'Slack refused the message: invalid_auth', disableAddress: false });
    });

    it('keeps the bot token out of the outcome when the answer echoes the request, its headers included', async () => {
      slack.echoRequestNext(CHAT_POST_MESSAGE_PATH, 400);

      const outcome = await sender.send(reflectionNudge(), bot(), attempt());

      expect(outcome).toMatchObject({ kind: 'permanent', statusCode: 400 });
      expect(outcome.detail).toContain('[secret]');
      expect(outcome.detail).not.toContain('1111-2222');
      expect(outcome.detail).not.toContain('abcdef');
    });

    it('reports an unknown user (channel_not_found) as permanent', async () => {
      const outcome = await sender.send(reflectionNudge(), bot({ userId: 'U9999ZZZZ' }), attempt());

      expect(outcome).toMatchObject({ kind: 'permanent', detail: 'Slack refused the message: channel_not_found' });
    });

    it('marks the address gone when the app was uninstalled (token_revoked)', async () => {
      slack.answerNext(CHAT_POST_MESSAGE_PATH, { status: 200, body: { ok: false, error: 'token_revoked' } });

      expect(await sender.send(reflectionNudge(), bot(), attempt())).toMatchObject({ kind: 'permanent', disableAddress: true });
    });

    it.each([
      ['ok: false, ratelimited', { status: 200, body: { ok: false, error: 'ratelimited' } }, 200],
      // chat.postMessage's own spelling: the application posted too many messages.
      ['ok: false, rate_limited', { status: 200, body: { ok: false, error: 'rate_limited' } }, 200],
      // A free workspace's members sent too many messages: it passes.
      ['ok: false, message_limit_exceeded', { status: 200, body: { ok: false, error: 'message_limit_exceeded' } }, 200],
      // Not Slack's JSON (a proxy's page, nothing at all): not Slack refusing the message, so not for good.
      ['a 200 whose body is a page, not JSON', { status: 200, body: '<html>proxy</html>' }, 200],
      ['a 200 with no body', { status: 200, body: '' }, 200],
      ['a 500', { status: 500, body: 'oops' }, 500],
      ['a 503', { status: 503, body: 'down' }, 503],
    ])('reports %s as retryable', async (_case, answer, statusCode) => {
      slack.answerNext(CHAT_POST_MESSAGE_PATH, answer);

      expect(await sender.send(reflectionNudge(), bot(), attempt())).toMatchObject({ kind: 'retryable', statusCode });
    });

    it('honours a Retry-After sent with a rate limit in a 200 body', async () => {
      slack.answerNext(CHAT_POST_MESSAGE_PATH, { status: 200, headers: { 'retry-after': '3' }, body: { ok: false, error: 'rate_limited' } });

      expect(await sender.send(reflectionNudge(), bot(), attempt())).toMatchObject({ kind: 'retryable', statusCode: 200, retryAfterMs: 3_000 });
    });

    it('reports no answer (nothing listening) as retryable', async () => {
      const outcome = await sender.send(reflectionNudge(), bot({ apiUrl: `http://127.0.0.1:${await closedPort()}/api/` }), attempt());

      expect(outcome).toMatchObject({ kind: 'retryable', statusCode: null });
      expect(outcome.kind === 'retryable' && outcome.detail).toMatch(/^no answer from Slack/);
    });

    it('refuses an address that is not a Slack user id or token, without a request', async () => {
      expect(await sender.send(reflectionNudge(), bot({ userId: '#general' }), attempt())).toMatchObject({ kind: 'permanent', statusCode: null });
      expect(await sender.send(reflectionNudge(), bot({ token: 'not a token' }), attempt())).toMatchObject({ kind: 'permanent', statusCode: null });
      expect(await new SlackSender().send(reflectionNudge(), bot(), attempt())).toEqual({
        kind: 'permanent',
        statusCode: null,
        detail: 'the Slack API URL must use https',
        disableAddress: false,
        reason: 'HTTPS_REQUIRED',
      });
      expect(await sender.send(reflectionNudge(), bot({ apiUrl: 'https://user:pw@slack.example.test/api/' }), attempt())).toMatchObject({ kind: 'permanent', reason: 'CREDENTIALS_IN_URL' });
      expect(await sender.send(reflectionNudge(), { kind: 'incoming-webhook', url: 'not a url' }, attempt())).toMatchObject({ kind: 'permanent', reason: 'INVALID_URL' });
      expect(slack.requests).toHaveLength(0);
    });

    it('refuses a message whose button links are not web links, without a request', async () => {
      const message = reflectionNudge({ actions: [{ label: 'Yes', url: 'javascript:alert(1)' }] });

      const outcome = await sender.send(message, bot(), attempt());

      expect(outcome).toMatchObject({ kind: 'permanent', detail: expect.stringContaining('must be an http or https URL') });
      expect(slack.requests).toHaveLength(0);
    });
  });

  describe('with an incoming webhook', () => {
    it('posts the same Block Kit message as JSON', async () => {
      const outcome = await sender.send(reflectionNudge(), { kind: 'incoming-webhook', url: slack.webhookUrl() }, attempt());

      expect(outcome).toEqual({ kind: 'delivered', statusCode: 200, detail: 'ok' });
      const [request] = slack.requests;
      expect(request.path).toBe('/services/T000/B000/secret');
      expect(request.headers['content-type']).toBe('application/json');
      expect(validateSlackMessage({ text: request.payload.text, blocks: request.payload.blocks })).toEqual([]);
      expect(request.payload).toMatchObject({ unfurl_links: false, metadata: { event_payload: { delivery_id: 'delivery-1' } } });
    });

    it('reports a 429 as retryable with Retry-After; the next attempt is delivered', async () => {
      const url = slack.webhookUrl();
      slack.answerNext(new URL(url).pathname, { status: 429, headers: { 'retry-after': '3' }, body: 'rate_limited' });

      expect(await sender.send(reflectionNudge(), { kind: 'incoming-webhook', url }, attempt(1))).toEqual({
        kind: 'retryable',
        statusCode: 429,
        detail: 'the Slack webhook answered 429: rate_limited',
        retryAfterMs: 3000,
      });
      expect(await sender.send(reflectionNudge(), { kind: 'incoming-webhook', url }, attempt(2))).toMatchObject({ kind: 'delivered' });
      expect(slack.requests).toHaveLength(2);
    });

    it('marks a removed webhook (404 no_service) gone, and a refused payload (400) permanent only', async () => {
      const url = slack.webhookUrl();
      slack.answerNext(new URL(url).pathname, { status: 404, body: 'no_service' }, { status: 400, body: 'invalid_payload' });

      expect(await sender.send(reflectionNudge(), { kind: 'incoming-webhook', url }, attempt())).toMatchObject({ kind: 'permanent', statusCode: 404, disableAddress: true });
      expect(await sender.send(reflectionNudge(), { kind: 'incoming-webhook', url }, attempt())).toMatchObject({ kind: 'permanent', statusCode: 400, disableAddress: false });
    });

    it('keeps the webhook’s secret path out of the outcome when the answer echoes the request', async () => {
      const url = slack.webhookUrl('T0SECRET/B0SECRET/a1B2c3D4e5F6g7H8i9J0');
      slack.echoRequestNext(new URL(url).pathname, 500);

      const outcome = await sender.send(reflectionNudge(), { kind: 'incoming-webhook', url }, attempt());

      expect(outcome).toMatchObject({ kind: 'retryable', statusCode: 500 });
      expect(outcome.detail).toContain('[secret]');
      expect(outcome.detail).not.toMatch(/T0SECRET|B0SECRET|a1B2c3D4e5F6g7H8i9J0/);
    });

    it('reports a 500 as retryable', async () => {
      const url = slack.webhookUrl();
      slack.answerNext(new URL(url).pathname, { status: 500, body: 'oops' });

      expect(await sender.send(reflectionNudge(), { kind: 'incoming-webhook', url }, attempt())).toMatchObject({ kind: 'retryable', statusCode: 500, retryAfterMs: null });
    });
  });
});

describe('SlackSender through the address-filtering fetch', () => {
  let slack: SlackReceiver;
  // What production composes: private and loopback addresses refused (the receiver is on loopback).
  const filtered = new SlackSender({ fetch: filteringFetch({ allowPrivateAddresses: false }), allowPlainHttp: true });

  beforeEach(async () => {
    slack = await SlackReceiver.start({ token: TOKEN, users: [MEMBER] });
  });
  afterEach(() => slack.close());

  it.each([
    ['the Web API (bot token)', (): SlackAddress => ({ kind: 'bot', token: TOKEN, userId: MEMBER, apiUrl: slack.apiUrl })],
    ['an incoming webhook', (): SlackAddress => ({ kind: 'incoming-webhook', url: slack.webhookUrl() })],
  ])('reports a refused address on %s as permanent (never retried), sending nothing', async (_case, address) => {
    const outcome = await filtered.send(reflectionNudge(), address(), attempt());

    expect(outcome).toMatchObject({ kind: 'permanent', statusCode: null, disableAddress: false });
    expect(outcome.detail).toMatch(/^the address was refused: PRIVATE_ADDRESS: 127\.0\.0\.1 is, or resolves to, an address that is not public/);
    expect(slack.requests).toHaveLength(0);
  });

  it('still delivers where the deployment allows private addresses', async () => {
    const allowed = new SlackSender({ fetch: filteringFetch({ allowPrivateAddresses: true }), allowPlainHttp: true });

    expect(await allowed.send(reflectionNudge(), { kind: 'bot', token: TOKEN, userId: MEMBER, apiUrl: slack.apiUrl }, attempt())).toMatchObject({ kind: 'delivered' });
    expect(slack.requestsTo(CHAT_POST_MESSAGE_PATH)).toHaveLength(1);
  });
});

const buttonUrls = (blocks: unknown): unknown[] =>
  (blocks as { type: string; elements?: { url?: string }[] }[]).filter((block) => block.type === 'actions').flatMap((block) => block.elements!.map((element) => element.url));

/** A port nothing listens on: bound, read and released. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};
