import { importJWK, SignJWT } from 'jose';
import type { AuthConfig } from '../config/api.config';
import { loadOrCreateLocalSigningKey } from './local-signing-key';

export interface LocalTokenClaims {
  readonly subject: string;
  readonly name?: string;
  readonly email?: string;
  /** Lifetime in seconds (default one day). */
  readonly ttlSeconds?: number;
}

/** Signs a token with the local key: what `npm run token` prints, and what tests authenticate with. */
export const issueLocalToken = async (config: AuthConfig, claims: LocalTokenClaims): Promise<string> => {
  if (config.keys.kind !== 'local') throw new Error('Tokens can only be minted locally when no STEPWISE_AUTH_JWKS_URL is set');
  const { privateJwk } = await loadOrCreateLocalSigningKey(config.keys.file);
  const key = await importJWK(privateJwk, 'ES256');
  return new SignJWT({ ...(claims.name && { name: claims.name }), ...(claims.email && { email: claims.email }) })
    .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid, typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(`${claims.ttlSeconds ?? 86_400}s`)
    .sign(key);
};
