/**
 * Readiness with an identity provider: while its keys cannot be fetched and none are held, no token
 * can be checked, so the api says it is degraded (auth down) rather than ready; once the keys are
 * fetched it is ready, and stays so through a later provider outage (the keys held keep serving).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { http, startStepwise, type Stepwise } from '../support/stepwise-harness';

/** Readiness asks the provider again only after the key set's pause after a failed fetch (5 s). */
const RECOVERY_MS = 30_000;

describe('health with an identity provider', () => {
  let identityProvider: Server;
  let stepwise: Stepwise;
  let privateKey: CryptoKey;
  let failing = true;
  let fetches = 0;

  const readiness = async (): Promise<{ status: string; checks: { auth: unknown } }> => {
    const response = await http(`${stepwise.url}/health`);
    expect(response.status).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' }] };
    identityProvider = createServer((_request, response) => {
      fetches += 1;
      response.statusCode = failing ? 503 : 200;
      response.setHeader('content-type', 'application/json');
      response.end(failing ? '{"error":"maintenance"}' : JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => identityProvider.listen(0, '127.0.0.1', resolve));
    stepwise = await startStepwise({
      env: {
        STEPWISE_AUTH_JWKS_URL: `http://127.0.0.1:${(identityProvider.address() as AddressInfo).port}/.well-known/jwks.json`,
        STEPWISE_AUTH_ISSUER: 'https://idp.example.test/',
        STEPWISE_AUTH_AUDIENCE: 'stepwise-api',
        STEPWISE_AUTH_ALGORITHMS: 'RS256',
      },
    });
  });

  afterAll(async () => {
    await stepwise?.close();
    identityProvider.closeAllConnections();
    await new Promise((resolve) => identityProvider.close(resolve));
  });

  it('is degraded while the keys cannot be fetched, ready once they are, and stays ready through a later outage', async () => {
    const down = await readiness();
    expect(down).toMatchObject({ status: 'degraded', checks: { auth: { status: 'down', keys: 'jwks' } } });
    expect(fetches).toBeGreaterThan(0);
    const query = await stepwise.graphql({ query: '{ health { status auth } }' });
    expect(query.data).toEqual({ health: { status: 'degraded', auth: 'down' } });

    // Asked again at once, it does not turn every readiness probe into a fetch.
    const fetchesBefore = fetches;
    await readiness();
    expect(fetches).toBe(fetchesBefore);

    failing = false;
    const deadline = Date.now() + RECOVERY_MS;
    let answer = await readiness();
    while (answer.status !== 'ready' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      answer = await readiness();
    }
    expect(answer).toMatchObject({ status: 'ready', checks: { auth: { status: 'up', keys: 'jwks' } } });

    failing = true;
    expect(await readiness()).toMatchObject({ status: 'ready', checks: { auth: { status: 'up' } } });
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
      .setSubject('idp|ada')
      .setIssuer('https://idp.example.test/')
      .setAudience('stepwise-api')
      .setExpirationTime('5m')
      .sign(privateKey);
    const mine = await stepwise.graphql({ token, query: '{ myOrganisations { name } }' });
    expect(mine.errors).toBeUndefined();
  }, RECOVERY_MS + 10_000);
});
