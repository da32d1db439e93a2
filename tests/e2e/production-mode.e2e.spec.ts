/**
 * Production mode: tokens verified against a remote JWKS (a local HTTP server standing in for the
 * identity provider), introspection and suggestions of schema names off.
 */
import { randomBytes } from 'node:crypto';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { startIdentityProvider, type IdentityProvider } from './support/identity-provider';

describe('production mode', () => {
  let identityProvider: IdentityProvider;
  let stepwise: Stepwise;

  beforeAll(async () => {
    identityProvider = await startIdentityProvider();
    stepwise = await startStepwise({
      env: {
        STEPWISE_ENV: 'production',
        ...identityProvider.env,
        // Every process of a production deployment on PostgreSQL is given the same keys.
        STEPWISE_SECRETS_KEY: randomBytes(32).toString('base64'),
        STEPWISE_LINK_SIGNING_KEY: randomBytes(32).toString('base64'),
        // And where people reach the api, the base of the links nudges carry.
        STEPWISE_PUBLIC_URL: 'https://stepwise.example.test',
      },
    });
  });

  afterAll(async () => {
    await stepwise?.close();
    await identityProvider?.close();
  });

  it('accepts a token signed by the identity provider and acts on it', async () => {
    const token = await identityProvider.sign('idp|grace');
    const created = await stepwise.graphql<{ createOrganisation: { organisation: { name: string; myRole: string } } }>({
      token,
      query: 'mutation { createOrganisation(input: { name: "Hopper Labs" }) { organisation { name myRole } } }',
    });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createOrganisation.organisation).toEqual({ name: 'Hopper Labs', myRole: 'ADMIN' });
    const mine = await stepwise.graphql<{ myOrganisations: { name: string }[] }>({ token, query: '{ myOrganisations { name } }' });
    expect(mine.data?.myOrganisations).toEqual([{ name: 'Hopper Labs' }]);
  });

  it('refuses a token signed by another key, or for another audience', async () => {
    for (const token of [await identityProvider.sign('idp|mallory', { withUnpublishedKey: true }), await identityProvider.sign('idp|grace', { aud: 'other-api' })]) {
      const response = await stepwise.graphql({ token, query: '{ myOrganisations { name } }' });
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.data ?? null).toBeNull();
    }
  });

  it('does not answer introspection, and says so without advice on configuring the server', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Journey") { fields { name } } }']) {
      const response = await stepwise.graphql({ query });
      expect(response.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
      expect(response.errors?.[0]?.message).toMatch(/introspection/i);
      expect(response.errors?.[0]?.message).not.toMatch(/Apollo|ApolloServer|introspection: true/);
    }
  });

  it('does not suggest enum values or input fields when checking variables either', async () => {
    const token = await identityProvider.sign('idp|grace');
    const document = 'mutation($input: RecordReflectionInput!) { recordReflection(input: $input) { journeyId } }';
    for (const input of [
      { journeyId: 'j', closer: 'YESS', comfort: 3 },
      { journeyId: 'j', closer: 'YES', comfort: 3, notee: 'a typo of note' },
    ]) {
      const response = await stepwise.graphql({ token, query: document, variables: { input } });
      expect({ input, code: response.errors?.[0]?.extensions?.code, status: response.status }).toEqual({ input, code: 'BAD_USER_INPUT', status: 400 });
      expect(response.errors?.[0]?.message).not.toMatch(/Did you mean|enum value|\? *$/);
    }
  });

  it('does not suggest field names', async () => {
    const response = await stepwise.graphql({ query: '{ healt { status } }' });
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('sends no entity tag or framework banner with an answer: a POST is never revalidated, so hashing each body is waste', async () => {
    const response = await fetch(`${stepwise.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
