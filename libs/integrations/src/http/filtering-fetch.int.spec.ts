/**
 * The fetch-shaped face of the outbound client, against real local receivers, and plugged into the
 * Slack and Teams senders through their `fetch` seam.
 */
import { SlackSender } from '../slack/slack.sender';
import { CHAT_POST_MESSAGE_PATH, SlackReceiver } from '../slack/testing/slack.receiver';
import { TeamsSender } from '../teams/teams.sender';
import { TeamsReceiver } from '../teams/testing/teams.receiver';
import { attempt, reflectionNudge } from '../testing/nudge-message.fixtures';
import { receiversClosedAfterEach } from '../testing';
import { filteringFetch } from './filtering-fetch';
import { OutboundRequestRefused } from './outbound-http.errors';

const receiver = receiversClosedAfterEach();

const localFetch = filteringFetch({ allowPrivateAddresses: true });

describe('filteringFetch', () => {
  it('sends a request and gives back a fetch Response, body read whole', async () => {
    const target = await receiver(() => ({ status: 201, headers: { 'content-type': 'application/json', 'x-id': '7' }, body: '{"ok":true}' }));

    const response = await localFetch(`${target.url}/items?x=1`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Key': 'k' }, body: '{"a":1}' });

    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-id')).toBe('7');
    expect(await response.json()).toEqual({ ok: true });
    expect(target.requests[0]).toMatchObject({
      method: 'POST',
      path: '/items?x=1',
      body: '{"a":1}',
      headers: expect.objectContaining({ 'content-type': 'application/json', 'x-key': 'k' }),
    });
  });

  it('encodes a URLSearchParams body as a form, as fetch does', async () => {
    const target = await receiver(() => ({ status: 200 }));
    await localFetch(target.url, { method: 'POST', body: new URLSearchParams({ channel: 'U1', text: 'a b' }) });
    expect(target.requests[0].body).toBe('channel=U1&text=a+b');
    expect(target.requests[0].headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it('gives a 204 without a body', async () => {
    const target = await receiver(() => ({ status: 204 }));
    const response = await localFetch(target.url, { method: 'POST', body: '{}' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('follows, returns or refuses a redirect as `redirect` says', async () => {
    const target = await receiver((request) => (request.path === '/old' ? { status: 308, headers: { location: '/new' } } : { status: 200, body: 'new' }));

    const followed = await localFetch(`${target.url}/old`, { method: 'POST', body: '{}' });
    expect([followed.status, await followed.text(), followed.redirected, followed.url]).toEqual([200, 'new', true, `${target.url}/new`]);

    const manual = await localFetch(`${target.url}/old`, { method: 'POST', body: '{}', redirect: 'manual' });
    expect([manual.status, manual.headers.get('location')]).toEqual([308, '/new']);

    await expect(localFetch(`${target.url}/old`, { method: 'POST', body: '{}', redirect: 'error' })).rejects.toMatchObject({ code: 'REDIRECT_NOT_ALLOWED' });
  });

  it('refuses a private address unless allowed, sending nothing', async () => {
    const target = await receiver(() => ({ status: 200 }));
    const refusal = await filteringFetch()(target.url, { method: 'POST', body: '{}' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(OutboundRequestRefused);
    expect(refusal).toMatchObject({ code: 'PRIVATE_ADDRESS' });
    expect(target.connections).toBe(0);
  });

  it("rejects with the signal's reason when aborted, as fetch does", async () => {
    const target = await receiver(() => 'hang');
    const failure = await localFetch(target.url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(200) }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DOMException);
    expect((failure as DOMException).name).toBe('TimeoutError');
  });

  it('fails a response larger than it will read whole', async () => {
    const target = await receiver(() => ({ status: 200, body: 'x'.repeat(10_000) }));
    await expect(filteringFetch({ allowPrivateAddresses: true, maxResponseBytes: 1_000 })(target.url)).rejects.toMatchObject({
      code: 'RESPONSE_TOO_LARGE',
    });
  });

  it('fails a body that stalls past the timeout, rather than handing back half of it', async () => {
    const target = await receiver(() => ({ status: 200, body: '{"half":', unfinished: true }));
    await expect(filteringFetch({ allowPrivateAddresses: true, timeoutMs: 1_000 })(target.url)).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('filteringFetch as the Slack and Teams senders’ fetch', () => {
  it('carries a Teams Workflows post', async () => {
    const teams = await TeamsReceiver.start();
    try {
      const sender = new TeamsSender({ fetch: localFetch, allowPlainHttp: true });
      await expect(sender.send(reflectionNudge(), { url: teams.url }, attempt())).resolves.toMatchObject({ kind: 'delivered', statusCode: 202 });
      expect(teams.requests).toHaveLength(1);
    } finally {
      await teams.close();
    }
  });

  it('carries Slack Web API and incoming webhook posts', async () => {
    const slack = await SlackReceiver.start({ token: 'xoxb-1111-2222-abcdef', users: ['U0123ABCD'] });
    try {
      const sender = new SlackSender({ fetch: localFetch, allowPlainHttp: true });
      const bot = { kind: 'bot', token: 'xoxb-1111-2222-abcdef', userId: 'U0123ABCD', apiUrl: slack.apiUrl } as const;
      await expect(sender.send(reflectionNudge(), bot, attempt())).resolves.toMatchObject({ kind: 'delivered', statusCode: 200 });
      expect(slack.requestsTo(CHAT_POST_MESSAGE_PATH)).toHaveLength(1);
      await expect(sender.send(reflectionNudge(), { kind: 'incoming-webhook', url: slack.webhookUrl() }, attempt())).resolves.toMatchObject({
        kind: 'delivered',
      });
    } finally {
      await slack.close();
    }
  });

  it('keeps a Teams post away from a loopback address', async () => {
    const target = await receiver(() => ({ status: 202 }));
    const sender = new TeamsSender({ fetch: filteringFetch(), allowPlainHttp: true });
    const outcome = await sender.send(reflectionNudge(), { url: `${target.url}/workflows/x` }, attempt());
    expect(outcome.kind).not.toBe('delivered');
    expect(outcome.detail).toMatch(/PRIVATE_ADDRESS|not public/);
    expect(target.connections).toBe(0);
  });
});
