import type { Identity } from './identity';

/**
 * Tokens already verified, so a client sending the same bearer token on every request pays for the
 * signature check once. An entry lives until the token expires, and never longer than `maxAgeMs`
 * (so a key withdrawn from the JWKS stops being honoured soon after). Bounded; oldest out first.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { identity: Identity; until: number }>();

  constructor(
    private readonly capacity = 10_000,
    private readonly maxAgeMs = 60_000,
  ) {}

  get(token: string, now: number): Identity | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.identity;
  }

  /** `expiresAt` is the token's `exp` in milliseconds. */
  set(token: string, identity: Identity, expiresAt: number, now: number): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { identity, until: Math.min(expiresAt, now + this.maxAgeMs) });
  }
}
