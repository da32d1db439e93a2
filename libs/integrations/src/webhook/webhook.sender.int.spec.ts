/**
 * The webhook sender against real local receivers that verify every signature with the Standard
 * Webhooks library, as a customer's endpoint would.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import type { DeliveryAttempt, NudgeMessage } from '../channel';
import { OutboundConnections } from '../http';
import { receiversClosedAfterEach, staticLookup, type ReceiverAnswer } from '../testing';
import { nudgeWebhookPayload, type WebhookPayload, type WebhookTarget } from './webhook.payload';
import { newWebhookSecret } from './webhook-secret';
import { WebhookSender } from './webhook.sender';

const receiver = receiversClosedAfterEach();

/** A customer endpoint that knows only `secret` and answers 401 to anything it cannot verify. */
const verifyingReceiver = (secret: string, then: (index: number) => ReceiverAnswer = () => ({ status: 204 })) =>
  receiver((request, index) => {
    try {
      new Webhook(secret).verify(request.body, { ...request.headers });
    } catch (error) {
      return { status: 401, body: (error as Error).message };
    }
    return then(index);
  });

// The receivers verify against the real clock, so attempts happen now.
const attempt = (deliveryId: string, attemptNumber = 1, at = new Date()): DeliveryAttempt => ({ deliveryId, attemptNumber, at });
const target = (url: string, secrets: readonly string[]): WebhookTarget => ({ endpointId: 'endpoint-1', url, secrets });
const event: WebhookPayload = {
  type: 'ReflectionRecorded',
  timestamp: '2026-03-02T09:15:00.000Z',
  data: { journeyId: 'journey-1', stepId: 'step-3', closer: 'YES', comfort: 2 },
};

const local = new WebhookSender({ http: { allowPrivateAddresses: true } });

describe('WebhookSender', () => {
  it('delivers a domain event signed per Standard Webhooks', async () => {
    const secret = newWebhookSecret();
    const endpoint = await verifyingReceiver(secret);
    const at = new Date();

    const outcome = await local.send(event, target(`${endpoint.url}/hooks`, [secret]), attempt('msg_delivery-1', 1, at));

    expect(outcome).toEqual({ kind: 'delivered', statusCode: 204, detail: 'HTTP 204' });
    const [received] = endpoint.requests;
    expect(JSON.parse(received.body)).toEqual(event);
    expect(received.headers).toMatchObject({
      'webhook-id': 'msg_delivery-1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'content-type': 'application/json',
      'user-agent': 'Stepwise-Webhooks/1',
    });
    expect(new Webhook(secret).verify(received.body, { ...received.headers })).toEqual(event);
  });

  it('delivers a nudge as type "nudge"', async () => {
    const secret = newWebhookSecret();
    const endpoint = await verifyingReceiver(secret);
    const message: NudgeMessage = {
      nudgeId: 'nudge-1',
      organisationId: 'org-1',
      rule: 'REFLECT_AFTER_STEP',
      recipientId: 'member-1',
      title: 'How did that step go?',
      text: 'You took a step yesterday. Did it bring you closer?',
      lines: [],
      actions: [{ label: 'Closer', url: 'https://app.example.test/a/1' }],
      facts: { hoursSinceStep: 26 },
    };
    const at = new Date();
    await expect(local.send(nudgeWebhookPayload(message, at), target(endpoint.url, [secret]), attempt('msg_nudge-1'))).resolves.toMatchObject({
      kind: 'delivered',
    });
    expect(JSON.parse(endpoint.requests[0].body)).toMatchObject({ type: 'nudge', timestamp: at.toISOString(), data: { nudgeId: 'nudge-1', text: message.text } });
  });

  describe('during a secret rotation (new secret first, old still listed)', () => {
    const older = newWebhookSecret();
    const newer = newWebhookSecret();

    it.each([
      ['only the old secret', older],
      ['only the new secret', newer],
    ])('a receiver knowing %s verifies', async (_who, known) => {
      const endpoint = await verifyingReceiver(known);
      await expect(local.send(event, target(endpoint.url, [newer, older]), attempt('msg_rotating'))).resolves.toMatchObject({
        kind: 'delivered',
        statusCode: 204,
      });
    });

    it('a receiver knowing neither does not', async () => {
      const endpoint = await verifyingReceiver(newWebhookSecret());
      await expect(local.send(event, target(endpoint.url, [newer, older]), attempt('msg_rotating'))).resolves.toMatchObject({
        kind: 'permanent',
        statusCode: 401,
        detail: 'HTTP 401: No matching signature found',
      });
    });

    it('once the old secret is dropped, a receiver still on it stops verifying', async () => {
      const endpoint = await verifyingReceiver(older);
      await expect(local.send(event, target(endpoint.url, [newer]), attempt('msg_rotated'))).resolves.toMatchObject({
        kind: 'permanent',
        statusCode: 401,
      });
    });
  });

  it('retries a 500 and then delivers, with the same webhook-id on both attempts', async () => {
    const secret = newWebhookSecret();
    const endpoint = await verifyingReceiver(secret, (index) => (index === 0 ? { status: 500, body: 'database down' } : { status: 200 }));
    const address = target(endpoint.url, [secret]);

    const first = await local.send(event, address, attempt('msg_stable', 1));
    const second = await local.send(event, address, attempt('msg_stable', 2));

    expect(first).toEqual({ kind: 'retryable', statusCode: 500, detail: 'HTTP 500: database down', retryAfterMs: null });
    expect(second).toMatchObject({ kind: 'delivered', statusCode: 200 });
    expect(endpoint.requests.map((request) => request.headers['webhook-id'])).toEqual(['msg_stable', 'msg_stable']);
    expect(endpoint.requests[0].body).toBe(endpoint.requests[1].body);
  });

  it('keeps the first 200 characters of a long answer, marked as cut short', async () => {
    const said = `${'x'.repeat(199)} and much more besides`;
    const endpoint = await receiver(() => ({ status: 400, body: said }));
    const outcome = await local.send(event, target(endpoint.url, [newWebhookSecret()]), attempt('msg_long'));
    expect(outcome.detail).toBe(`HTTP 400: ${'x'.repeat(199)}…`);
  });

  it('stops at a 410 and says the endpoint should be disabled', async () => {
    const endpoint = await receiver(() => ({ status: 410, body: 'endpoint retired' }));
    await expect(local.send(event, target(endpoint.url, [newWebhookSecret()]), attempt('msg_gone'))).resolves.toEqual({
      kind: 'permanent',
      statusCode: 410,
      detail: 'HTTP 410: endpoint retired',
      disableAddress: true,
    });
  });

  it('sends nothing, unsigned or otherwise, to an endpoint whose secrets could not be read: it fails for good with why', async () => {
    const endpoint = await receiver(() => ({ status: 204 }));
    const unreadable: WebhookTarget = { endpointId: 'endpoint-1', url: endpoint.url, secrets: [], secretsUnavailable: 'the endpoint’s signing secret cannot be opened (SECRET_KEY_UNKNOWN)' };
    await expect(local.send(event, unreadable, attempt('msg_unsigned'))).resolves.toEqual({
      kind: 'permanent',
      statusCode: null,
      detail: 'endpoint endpoint-1: the endpoint’s signing secret cannot be opened (SECRET_KEY_UNKNOWN)',
      disableAddress: false,
    });
    expect(endpoint.requests).toEqual([]);
  });

  it.each([400, 404, 422])('stops at a %i without disabling the endpoint', async (status) => {
    const endpoint = await receiver(() => ({ status }));
    await expect(local.send(event, target(endpoint.url, [newWebhookSecret()]), attempt('msg_rejected'))).resolves.toMatchObject({
      kind: 'permanent',
      statusCode: status,
      disableAddress: false,
    });
  });

  it.each([301, 302, 303, 307, 308])('stops at a %i without following it: a redirect is a failure, not a delivery', async (status) => {
    const endpoint = await receiver((request) => (request.path === '/hooks' ? { status, headers: { location: '/login' } } : { status: 200, body: 'sign in' }));

    const outcome = await local.send(event, target(`${endpoint.url}/hooks`, [newWebhookSecret()]), attempt('msg_moved'));

    expect(outcome).toMatchObject({ kind: 'permanent', statusCode: status, disableAddress: false });
    expect(outcome.detail).toContain('redirect');
    expect(endpoint.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /hooks']);
  });

  it('retries a 429 after the seconds Retry-After gives', async () => {
    const endpoint = await receiver(() => ({ status: 429, headers: { 'retry-after': '120' } }));
    await expect(local.send(event, target(endpoint.url, [newWebhookSecret()]), attempt('msg_slow'))).resolves.toMatchObject({
      kind: 'retryable',
      statusCode: 429,
      retryAfterMs: 120_000,
    });
  });

  it('retries a 503 at the HTTP-date Retry-After gives, counted from the attempt', async () => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const endpoint = await receiver(() => ({ status: 503, headers: { 'retry-after': new Date(at.getTime() + 90_000).toUTCString() } }));
    await expect(local.send(event, target(endpoint.url, [newWebhookSecret()]), attempt('msg_later', 1, at))).resolves.toMatchObject({
      kind: 'retryable',
      statusCode: 503,
      retryAfterMs: 90_000,
    });
  });

  it('retries a receiver that never answers, once the timeout passes', async () => {
    const endpoint = await receiver(() => 'hang');
    const sender = new WebhookSender({ http: { allowPrivateAddresses: true, timeoutMs: 250 } });
    const outcome = await sender.send(event, target(endpoint.url, [newWebhookSecret()]), attempt('msg_hang'));
    expect(outcome).toMatchObject({ kind: 'retryable', statusCode: null, retryAfterMs: null });
    expect(outcome.detail).toMatch(/^TIMEOUT: /);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('retries when the connection is refused', async () => {
    const endpoint = await receiver(() => ({ status: 204 }));
    await endpoint.close();
    const outcome = await local.send(event, target(endpoint.url, [newWebhookSecret()]), attempt('msg_refused'));
    expect(outcome).toMatchObject({ kind: 'retryable', statusCode: null });
    expect(outcome.detail).toMatch(/^CONNECTION_FAILED: .*ECONNREFUSED/);
  });

  it('stops at once for an address the filter refuses, and sends nothing', async () => {
    const endpoint = await receiver(() => ({ status: 204 }));
    const production = new WebhookSender();
    const outcome = await production.send(event, target(endpoint.url, [newWebhookSecret()]), attempt('msg_private'));
    expect(outcome).toMatchObject({ kind: 'permanent', statusCode: null, disableAddress: false });
    expect(outcome.detail).toMatch(/^PRIVATE_ADDRESS: /);
    expect(endpoint.connections).toBe(0);
  });

  it('stops at once for a host that does not resolve', async () => {
    const sender = new WebhookSender({ http: { lookup: staticLookup({}) } });
    const outcome = await sender.send(event, target('https://hooks.gone.example.test/in', [newWebhookSecret()]), attempt('msg_nx'));
    expect(outcome).toMatchObject({ kind: 'permanent', statusCode: null, disableAddress: false });
    expect(outcome.detail).toMatch(/^UNRESOLVABLE_HOST: /);
  });

  it('stops at once, sending nothing, when the endpoint has no usable secret', async () => {
    const endpoint = await receiver(() => ({ status: 204 }));
    for (const secrets of [[], ['whsec_tooshort']]) {
      const outcome = await local.send(event, target(endpoint.url, secrets), attempt('msg_unsigned'));
      expect(outcome).toMatchObject({ kind: 'permanent', statusCode: null, disableAddress: false });
      expect(outcome.detail).toMatch(/^endpoint endpoint-1 has no valid signing secret/);
    }
    expect(endpoint.connections).toBe(0);
  });

  describe('with keep-alive connections', () => {
    const connections = new OutboundConnections();
    afterAll(() => connections.close());

    it('sends one endpoint’s deliveries over one connection, each signed and verified', async () => {
      const secret = newWebhookSecret();
      const endpoint = await verifyingReceiver(secret);
      const sender = new WebhookSender({ http: { allowPrivateAddresses: true, connections } });

      for (let n = 1; n <= 4; n += 1) {
        await expect(sender.send(event, target(endpoint.url, [secret]), attempt(`msg_kept-${n}`))).resolves.toMatchObject({ kind: 'delivered', statusCode: 204 });
      }

      expect(endpoint.requests.map((request) => request.headers['webhook-id'])).toEqual(['msg_kept-1', 'msg_kept-2', 'msg_kept-3', 'msg_kept-4']);
      expect(endpoint.connections).toBe(1);
    });

    it('still stops at once for an address the filter refuses, though a socket to it is open', async () => {
      const endpoint = await receiver(() => ({ status: 204 }));
      await new WebhookSender({ http: { allowPrivateAddresses: true, connections } }).send(event, target(endpoint.url, [newWebhookSecret()]), attempt('msg_open'));
      const production = new WebhookSender({ http: { connections } });

      const outcome = await production.send(event, target(endpoint.url, [newWebhookSecret()]), attempt('msg_private_kept'));

      expect(outcome).toMatchObject({ kind: 'permanent', statusCode: null, disableAddress: false });
      expect(outcome.detail).toMatch(/^PRIVATE_ADDRESS: /);
      expect(endpoint.requests.map((request) => request.headers['webhook-id'])).toEqual(['msg_open']);
    });

    it('connects again when the receiver closed the kept connection while it was idle', async () => {
      const secret = newWebhookSecret();
      const endpoint = await verifyingReceiver(secret);
      const sender = new WebhookSender({ http: { allowPrivateAddresses: true, connections } });
      await sender.send(event, target(endpoint.url, [secret]), attempt('msg_before'));

      endpoint.closeIdleConnections();
      while (endpoint.openConnections > 0) await nextTurn();

      await expect(sender.send(event, target(endpoint.url, [secret]), attempt('msg_after'))).resolves.toMatchObject({ kind: 'delivered', statusCode: 204 });
      expect(endpoint.connections).toBe(2);
    });
  });
});
