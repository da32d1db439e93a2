import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { filteringFetch } from '../http/filtering-fetch';
import { attempt, reflectionNudge } from '../testing/nudge-message.fixtures';
import { validateTeamsWorkflowMessage } from './adaptive-card.validator';
import { RETIRED_CONNECTOR_MESSAGE } from './teams-webhook.url';
import { TeamsSender } from './teams.sender';
import { checkCardWithSdk } from './testing/adaptive-card.sdk-check';
import { TeamsReceiver, WORKFLOW_PATH } from './testing/teams.receiver';

describe('TeamsSender', () => {
  let teams: TeamsReceiver;
  const sender = new TeamsSender({ allowPlainHttp: true });

  beforeEach(async () => {
    teams = await TeamsReceiver.start();
  });
  afterEach(async () => {
    await teams.close();
  });

  it('posts an Adaptive Card in a Workflows message; the 202 the trigger answers is delivered', async () => {
    const outcome = await sender.send(reflectionNudge(), { url: teams.url }, attempt());

    expect(outcome).toEqual({ kind: 'delivered', statusCode: 202, detail: null });
    const [request] = teams.requests;
    expect(request.method).toBe('POST');
    expect(request.path.startsWith(`${WORKFLOW_PATH}?`)).toBe(true);
    expect(request.headers['content-type']).toBe('application/json');
    const message = JSON.parse(request.body);
    expect(validateTeamsWorkflowMessage(message)).toEqual([]);
    const card = message.attachments[0].content;
    expect(checkCardWithSdk(card)).toEqual({ problems: [], roundTrip: card });
    expect(card.actions.map((action: { url: string }) => action.url)).toEqual([
      'https://app.stepwise.test/a/yes-token',
      'https://app.stepwise.test/a/no-token',
      'https://app.stepwise.test/a/unsure-token',
    ]);
  });

  it('counts a 200 as delivered too', async () => {
    teams.answerNext({ status: 200, body: '1' });

    expect(await sender.send(reflectionNudge(), { url: teams.url }, attempt())).toEqual({ kind: 'delivered', statusCode: 200, detail: '1' });
  });

  it('counts a 200 with a body over the size limit as delivered, through the filtering fetch that reads only the answer’s start', async () => {
    const statusOnly = new TeamsSender({ allowPlainHttp: true, fetch: filteringFetch({ allowPrivateAddresses: true, maxResponseBytes: 1024, wholeBody: false }) });
    const whole = new TeamsSender({ allowPlainHttp: true, fetch: filteringFetch({ allowPrivateAddresses: true, maxResponseBytes: 1024 }) });
    teams.answerNext({ status: 200, body: 'x'.repeat(5000) });
    expect(await statusOnly.send(reflectionNudge(), { url: teams.url }, attempt())).toMatchObject({ kind: 'delivered', statusCode: 200 });
    // Read whole, the same answer is refused: RESPONSE_TOO_LARGE.
    teams.answerNext({ status: 200, body: 'x'.repeat(5000) });
    expect(await whole.send(reflectionNudge(), { url: teams.url }, attempt())).toMatchObject({ kind: 'permanent', reason: 'RESPONSE_TOO_LARGE' });
  });

  it('counts a 200 whose body stalls as delivered when the attempt is stopped, not as a failure to post again', async () => {
    const stalling = createHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('posted, and then nothing more');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = stalling.address() as AddressInfo;
      const statusOnly = new TeamsSender({ allowPlainHttp: true, fetch: filteringFetch({ allowPrivateAddresses: true, wholeBody: false }) });
      const outcome = await statusOnly.send(reflectionNudge(), { url: `http://127.0.0.1:${port}/workflow` }, { ...attempt(), signal: AbortSignal.timeout(300) });
      expect(outcome).toMatchObject({ kind: 'delivered', statusCode: 200 });
    } finally {
      stalling.closeAllConnections();
      await new Promise((resolve) => stalling.close(resolve));
    }
  });

  it('reports a 500 as retryable; the next attempt gets the 202', async () => {
    teams.answerNext({ status: 500, body: 'BadGateway' });

    expect(await sender.send(reflectionNudge(), { url: teams.url }, attempt(1))).toEqual({
      kind: 'retryable',
      statusCode: 500,
      detail: 'the Teams webhook answered 500: BadGateway',
      retryAfterMs: null,
    });
    expect(await sender.send(reflectionNudge(), { url: teams.url }, attempt(2))).toMatchObject({ kind: 'delivered', statusCode: 202 });
    expect(teams.requests).toHaveLength(2);
  });

  it('honours Retry-After on a 429, in seconds or as a date', async () => {
    const at = attempt(1).at;
    teams.answerNext({ status: 429, headers: { 'retry-after': '30' } }, { status: 429, headers: { 'retry-after': new Date(at.getTime() + 90_000).toUTCString() } });

    expect(await sender.send(reflectionNudge(), { url: teams.url }, attempt())).toMatchObject({ kind: 'retryable', statusCode: 429, retryAfterMs: 30_000 });
    expect(await sender.send(reflectionNudge(), { url: teams.url }, attempt())).toMatchObject({ kind: 'retryable', statusCode: 429, retryAfterMs: 90_000 });
  });

  it('reports a 408 as retryable, a 400 as permanent, and a removed flow (404) as gone', async () => {
    teams.answerNext({ status: 408 }, { status: 400, body: 'InvalidRequestContent' }, { status: 404, body: 'WorkflowNotFound' });

    expect(await sender.send(reflectionNudge(), { url: teams.url }, attempt())).toMatchObject({ kind: 'retryable', statusCode: 408 });
    expect(await sender.send(reflectionNudge(), { url: teams.url }, attempt())).toEqual({
      kind: 'permanent',
      statusCode: 400,
      detail: 'the Teams webhook answered 400: InvalidRequestContent',
      disableAddress: false,
    });
    expect(await sender.send(reflectionNudge(), { url: teams.url }, attempt())).toMatchObject({ kind: 'permanent', statusCode: 404, disableAddress: true });
  });

  it('does not follow a redirect', async () => {
    teams.answerNext({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } });

    expect(await sender.send(reflectionNudge(), { url: teams.url }, attempt())).toMatchObject({ kind: 'permanent', statusCode: 302 });
    expect(teams.requests).toHaveLength(1);
  });

  it('refuses a retired Office 365 connector URL with a clear message, without a request', async () => {
    const outcome = await sender.send(reflectionNudge(), { url: 'https://contoso.webhook.office.com/webhookb2/1234@5678/IncomingWebhook/abc/def' }, attempt());

    expect(outcome).toEqual({ kind: 'permanent', statusCode: null, detail: RETIRED_CONNECTOR_MESSAGE, disableAddress: false, reason: 'RETIRED_OFFICE365_CONNECTOR' });
    expect(teams.requests).toHaveLength(0);
  });

  it('refuses plain http where only https goes out, and a URL with credentials, naming the reason, without a request', async () => {
    const httpsOnly = new TeamsSender();
    expect(await httpsOnly.send(reflectionNudge(), { url: teams.url }, attempt())).toEqual({
      kind: 'permanent',
      statusCode: null,
      detail: 'The Teams webhook URL must use https.',
      disableAddress: false,
      reason: 'HTTPS_REQUIRED',
    });
    expect(await httpsOnly.send(reflectionNudge(), { url: 'https://user:pw@teams.example.test/flow' }, attempt())).toMatchObject({ kind: 'permanent', reason: 'CREDENTIALS_IN_URL' });
    expect(teams.requests).toHaveLength(0);
  });

  it('refuses a card with a link that is not a web link, without a request', async () => {
    const outcome = await sender.send(reflectionNudge({ actions: [{ label: 'Yes', url: 'javascript:alert(1)' }] }), { url: teams.url }, attempt());

    expect(outcome).toMatchObject({ kind: 'permanent', statusCode: null, detail: expect.stringContaining('actions[0].url must be an http or https URL') });
    expect(teams.requests).toHaveLength(0);
  });

  it('reports no answer (nothing listening, or too slow) as retryable', async () => {
    const closed = await closedPort();
    expect(await sender.send(reflectionNudge(), { url: `http://127.0.0.1:${closed}${WORKFLOW_PATH}` }, attempt())).toMatchObject({ kind: 'retryable', statusCode: null, reason: 'CONNECTION_FAILED' });

    const silent = await silentServer();
    try {
      const outcome = await new TeamsSender({ allowPlainHttp: true, timeoutMs: 200 }).send(reflectionNudge(), { url: `http://127.0.0.1:${silent.port}/` }, attempt());
      expect(outcome).toEqual({ kind: 'retryable', statusCode: null, detail: 'no answer from the Teams webhook: no answer within 200 ms', retryAfterMs: null, reason: 'TIMEOUT' });
    } finally {
      await silent.close();
    }
  });

  it('keeps the Workflows URL’s path and signature out of the outcome when the answer echoes the request', async () => {
    const echo = createHttpServer((request, response) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(`bad request to ${request.url} (decoded: ${decodeURIComponent(request.url ?? '')})`);
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/workflows/a1b2c3d4e5f6/triggers/manual/paths/invoke?api-version=1&sig=Zk9vQmFyQmF6UXV4%2BU2lnbmF0dXJl`;
      const outcome = await sender.send(reflectionNudge(), { url }, attempt());

      expect(outcome).toMatchObject({ kind: 'permanent', statusCode: 400 });
      expect(outcome.detail).toContain('[secret]');
      expect(outcome.detail).not.toMatch(/a1b2c3d4e5f6|Zk9vQmFyQmF6UXV4|U2lnbmF0dXJl/);
    } finally {
      await new Promise<void>((resolve) => echo.close(() => resolve()));
    }
  });
});

describe('TeamsSender through the address-filtering fetch', () => {
  let teams: TeamsReceiver;

  beforeEach(async () => {
    teams = await TeamsReceiver.start();
  });
  afterEach(() => teams.close());

  it('reports a refused address as permanent (never retried), sending nothing', async () => {
    const filtered = new TeamsSender({ fetch: filteringFetch({ allowPrivateAddresses: false }), allowPlainHttp: true });

    const outcome = await filtered.send(reflectionNudge(), { url: teams.url }, attempt());

    expect(outcome).toMatchObject({ kind: 'permanent', statusCode: null, disableAddress: false });
    expect(outcome.detail).toMatch(/^the address was refused: PRIVATE_ADDRESS: /);
    expect(teams.requests).toHaveLength(0);
  });

  it('still delivers where the deployment allows private addresses', async () => {
    const allowed = new TeamsSender({ fetch: filteringFetch({ allowPrivateAddresses: true }), allowPlainHttp: true });

    expect(await allowed.send(reflectionNudge(), { url: teams.url }, attempt())).toMatchObject({ kind: 'delivered', statusCode: 202 });
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

/** Accepts connections and never answers. */
const silentServer = async (): Promise<{ port: number; close: () => Promise<void> }> => {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
