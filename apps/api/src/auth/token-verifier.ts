import { unstorableTextReason } from '@stepwise/kernel';
import { createLocalJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config/api.config';
import { AuthenticationUnavailableError, UnauthenticatedError } from './auth.errors';
import type { Identity } from './identity';
import { loadOrCreateLocalSigningKey } from './local-signing-key';
import { isUsableSubject } from './token-subject';
import { RemoteKeySet } from './remote-key-set';
import { VerifiedTokenCache } from './verified-token.cache';

/**
 * A profile claim as the identity keeps it: text PostgreSQL can hold, at most `max` characters (cut
 * between characters, never inside a surrogate pair); anything else is left out, as if not sent.
 */
const profileClaim = <Key extends 'name' | 'email'>(key: Key, value: unknown, max: number): Partial<Record<Key, string>> => {
  if (typeof value !== 'string' || unstorableTextReason(value)) return {};
  const kept = value.length > max ? Array.from(value).slice(0, max).join('') : value;
  return { [key]: kept } as Partial<Record<Key, string>>;
};

/** Verifies bearer JWTs: signature against the JWKS, pinned algorithms, issuer, audience, exp and nbf. */
export class TokenVerifier {
  private readonly verified = new VerifiedTokenCache();

  private constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly config: AuthConfig,
    /** Whether the keys tokens are checked against are at hand (the local key always is). */
    readonly keysAvailable: () => Promise<boolean> = async () => true,
  ) {}

  /** `onKeysUnavailable` hears why the identity provider's keys could not be fetched. */
  static async fromConfig(config: AuthConfig, onKeysUnavailable?: (error: unknown) => void): Promise<TokenVerifier> {
    if (config.keys.kind === 'jwks') {
      const remote = new RemoteKeySet(new URL(config.keys.url), undefined, onKeysUnavailable);
      return new TokenVerifier(remote.getKey, config, () => remote.available());
    }
    const { publicJwk } = await loadOrCreateLocalSigningKey(config.keys.file);
    return new TokenVerifier(createLocalJWKSet({ keys: [publicJwk] }), config);
  }

  /** Where the keys come from: the local signing key, or the identity provider's JWKS. */
  get keySource(): AuthConfig['keys']['kind'] {
    return this.config.keys.kind;
  }

  /** The identity of a token verified before and not yet expired, at once; undefined when `verify` must check it. */
  verifiedBefore(token: string): Identity | undefined {
    return this.verified.get(token, Date.now());
  }

  async verify(token: string): Promise<Identity> {
    const cached = this.verifiedBefore(token);
    if (cached) return cached;
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: [...this.config.algorithms],
        requiredClaims: ['sub', 'exp'],
        clockTolerance: 5,
      });
      const subject = payload.sub;
      // jose checks a subject's type only when asked for a particular one. A subject PostgreSQL
      // cannot hold as sent (a NUL, a lone surrogate) could name no member and would fail there.
      if (!isUsableSubject(subject)) {
        throw new UnauthenticatedError('the token has no usable subject');
      }
      const identity: Identity = {
        subject,
        ...profileClaim('name', payload.name, 200),
        ...profileClaim('email', payload.email, 320),
      };
      this.verified.set(token, identity, (payload.exp as number) * 1000, Date.now());
      return identity;
    } catch (error) {
      if (error instanceof UnauthenticatedError || error instanceof AuthenticationUnavailableError) throw error;
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('the token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) throw new UnauthenticatedError(`claim "${error.claim}" is not acceptable`);
      if (error instanceof errors.JOSEAlgNotAllowed) throw new UnauthenticatedError('the token algorithm is not allowed');
      throw new UnauthenticatedError('the token is not valid');
    }
  }
}
