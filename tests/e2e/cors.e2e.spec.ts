/**
 * CORS on /graphql: with STEPWISE_CORS_ORIGINS a page from a listed origin passes its browser's
 * preflight and reads every answer (a refusal too); a page from anywhere else is refused at the
 * preflight with a reason and reads nothing; no answer allows credentials (the api takes bearer
 * tokens, never cookies). Without the setting no CORS header is sent and OPTIONS stays 405.
 */
import { http, startStepwise, type HttpResponse, type Stepwise } from '../support/stepwise-harness';

const APP = 'https://app.example.com';
const DEV = 'http://localhost:5173';
const STRANGER = 'https://stranger.example.net';

const preflight = (stepwise: Stepwise, origin: string, path = '/graphql'): Promise<HttpResponse> =>
  http(`${stepwise.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-organisation-id' },
  });

const post = (stepwise: Stepwise, origin: string, body = '{"query":"{ __typename }"}', contentType = 'application/json'): Promise<HttpResponse> =>
  http(`${stepwise.url}/graphql`, { method: 'POST', headers: { origin, 'content-type': contentType }, body });

const varies = (response: HttpResponse): string[] =>
  String(response.headers.vary ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase());

describe('CORS with origins listed', () => {
  let stepwise: Stepwise;
  // Spelt as an operator might: upper case and the scheme's own port, kept as a browser spells the Origin.
  beforeAll(async () => {
    stepwise = await startStepwise({ env: { STEPWISE_CORS_ORIGINS: `HTTPS://App.Example.com:443, ${DEV}` } });
  }, 30_000);
  afterAll(() => stepwise?.close());

  it.each([APP, DEV])("answers a preflight from %s with the methods and headers a page may use", async (origin) => {
    const response = await preflight(stepwise, origin);
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(origin);
    expect(response.headers['access-control-allow-methods']).toBe('GET, POST');
    const allowed = String(response.headers['access-control-allow-headers']).split(', ');
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-organisation-id', 'x-correlation-id']));
    expect(response.headers['access-control-max-age']).toBe('600');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(varies(response)).toContain('origin');
  });

  it('refuses a preflight from an origin not listed, saying why, and lets it read nothing', async () => {
    const response = await preflight(stepwise, STRANGER);
    expect(response.status).toBe(403);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.json().errors).toEqual([
      { message: expect.stringMatching(/^Pages from https:\/\/stranger\.example\.net may not call this api from a browser: .*STEPWISE_CORS_ORIGINS/), extensions: { code: 'ORIGIN_NOT_ALLOWED' } },
    ]);
  });

  it('lets a listed origin read an answer, and the correlation id beside it', async () => {
    const response = await post(stepwise, APP);
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ data: { __typename: 'Query' } });
    expect(response.headers['access-control-allow-origin']).toBe(APP);
    expect(response.headers['access-control-expose-headers']).toBe('x-correlation-id');
    expect(response.headers['x-correlation-id']).toEqual(expect.any(String));
    expect(varies(response)).toContain('origin');
  });

  it("lets a listed origin read a refusal too (a body GraphQL cannot take, and a GET's)", async () => {
    const refused = await post(stepwise, DEV, 'hello', 'text/plain');
    expect(refused.status).toBe(400);
    expect(refused.headers['access-control-allow-origin']).toBe(DEV);
    const viaGet = await http(`${stepwise.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { origin: DEV, 'apollo-require-preflight': 'true' } });
    expect(viaGet.status).toBe(200);
    expect(viaGet.headers['access-control-allow-origin']).toBe(DEV);
  });

  it('serves a request from an origin not listed, without letting the page read it (the browser withholds it)', async () => {
    const response = await post(stepwise, STRANGER);
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(varies(response)).toContain('origin');
  });

  it('keeps OPTIONS that is no preflight, and a preflight for another path, as they were', async () => {
    const plain = await http(`${stepwise.url}/graphql`, { method: 'OPTIONS' });
    expect(plain.status).toBe(405);
    expect(plain.headers.allow).toBe('GET, POST');
    const elsewhere = await preflight(stepwise, APP, '/graphql/x');
    expect(elsewhere.status).toBe(404);
  });
});

describe('CORS for any origin', () => {
  let stepwise: Stepwise;
  beforeAll(async () => {
    stepwise = await startStepwise({ env: { STEPWISE_CORS_ORIGINS: '*' } });
  }, 30_000);
  afterAll(() => stepwise?.close());

  it('answers every origin with *, which an answer then does not vary on', async () => {
    const checked = await preflight(stepwise, STRANGER);
    expect(checked.status).toBe(204);
    expect(checked.headers['access-control-allow-origin']).toBe('*');
    const response = await post(stepwise, STRANGER);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(varies(response)).not.toContain('origin');
  });
});

describe('CORS when no origin is listed (the default)', () => {
  let stepwise: Stepwise;
  beforeAll(async () => {
    stepwise = await startStepwise();
  }, 30_000);
  afterAll(() => stepwise?.close());

  it('sends no CORS header, and a preflight is a method /graphql does not serve', async () => {
    const checked = await preflight(stepwise, APP);
    expect(checked.status).toBe(405);
    expect(checked.headers['access-control-allow-origin']).toBeUndefined();
    const response = await post(stepwise, APP);
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(varies(response)).not.toContain('origin');
  });
});
