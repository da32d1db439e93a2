/**
 * Readiness with an identity provider: while its keys cannot be fetched and none are held, no token
 * can be checked, so the api says it is degraded (auth down) rather than ready; once the keys are
 * fetched it is ready, and stays so through a later provider outage (the keys held keep serving).
 */
import { http, startStepwise, type Stepwise } from '../support/stepwise-harness';
import { startIdentityProvider, type IdentityProvider } from './support/identity-provider';

/** Readiness asks the provider again only after the key set's pause after a failed fetch (5 s). */
const RECOVERY_MS = 30_000;

describe('health with an identity provider', () => {
  let identityProvider: IdentityProvider;
  let stepwise: Stepwise;

  const readiness = async (): Promise<{ status: string; checks: { auth: unknown } }> => {
    const response = await http(`${stepwise.url}/health`);
    expect(response.status).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    identityProvider = await startIdentityProvider();
    identityProvider.failing = true;
    stepwise = await startStepwise({ env: identityProvider.env });
  });

  afterAll(async () => {
    await stepwise?.close();
    await identityProvider?.close();
  });

  it('is degraded while the keys cannot be fetched, ready once they are, and stays ready through a later outage', async () => {
    const down = await readiness();
    expect(down).toMatchObject({ status: 'degraded', checks: { auth: { status: 'down', keys: 'jwks' } } });
    expect(identityProvider.fetches()).toBeGreaterThan(0);
    const query = await stepwise.graphql({ query: '{ health { status auth } }' });
    expect(query.data).toEqual({ health: { status: 'degraded', auth: 'down' } });

    // Asked again at once, it does not turn every readiness probe into a fetch.
    const fetchesBefore = identityProvider.fetches();
    await readiness();
    expect(identityProvider.fetches()).toBe(fetchesBefore);

    identityProvider.failing = false;
    const deadline = Date.now() + RECOVERY_MS;
    let answer = await readiness();
    while (answer.status !== 'ready' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      answer = await readiness();
    }
    expect(answer).toMatchObject({ status: 'ready', checks: { auth: { status: 'up', keys: 'jwks' } } });

    identityProvider.failing = true;
    expect(await readiness()).toMatchObject({ status: 'ready', checks: { auth: { status: 'up' } } });
    const token = await identityProvider.sign('idp|ada');
    const mine = await stepwise.graphql({ token, query: '{ myOrganisations { name } }' });
    expect(mine.errors).toBeUndefined();
  }, RECOVERY_MS + 10_000);
});
