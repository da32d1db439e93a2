/**
 * A local HTTP server standing in for an identity provider: it serves one RS256 key as a JWKS (503
 * while `failing` is set), counts what it is asked, and signs tokens with that key or with a key it
 * does not publish. `env` is what Stepwise is configured with to trust it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'stepwise-api';

export interface IdentityProvider {
  readonly env: Readonly<Record<string, string>>;
  /** While true, the JWKS is answered 503. */
  failing: boolean;
  /** Requests the provider has answered or refused. */
  fetches(): number;
  /** A token for `sub`, signed with the published key (or with `withUnpublishedKey`), for `aud` (Stepwise's by default). */
  sign(sub: string, options?: { aud?: string; withUnpublishedKey?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export const startIdentityProvider = async (): Promise<IdentityProvider> => {
  const published = await generateKeyPair('RS256');
  const unpublished = (await generateKeyPair('RS256')).privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(published.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' }] });
  let fetches = 0;
  const provider = {
    failing: false,
    fetches: () => fetches,
  };
  const server = createServer((_request, response) => {
    fetches += 1;
    response.statusCode = provider.failing ? 503 : 200;
    response.setHeader('content-type', 'application/json');
    response.end(provider.failing ? '{"error":"maintenance"}' : jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(provider, {
    env: {
      STEPWISE_AUTH_JWKS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
      STEPWISE_AUTH_ISSUER: ISSUER,
      STEPWISE_AUTH_AUDIENCE: AUDIENCE,
      STEPWISE_AUTH_ALGORITHMS: 'RS256',
    },
    sign: (sub: string, options: { aud?: string; withUnpublishedKey?: boolean } = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
        .setSubject(sub)
        .setIssuer(ISSUER)
        .setAudience(options.aud ?? AUDIENCE)
        .setExpirationTime('5m')
        .sign(options.withUnpublishedKey ? unpublished : published.privateKey),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
};
