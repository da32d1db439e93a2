/**
 * Exponential backoff with full jitter, honouring a receiver's `Retry-After`: the wait after failed
 * attempt n is a random share of min(cap, base x 2^(n-1)); a `Retry-After` is waited out in full
 * (never less than the base, never more than the longest wait allowed). Pure: the random source is
 * given.
 */
import type { RetryDelay } from './delivery.ports';

export interface RetryDelaySettings {
  readonly baseMs: number;
  readonly capMs: number;
  /** The longest `Retry-After` honoured; a receiver asking for more waits this long. */
  readonly maxRetryAfterMs: number;
}

/** `random` returns a number in [0, 1). */
export const exponentialRetryDelay =
  (settings: RetryDelaySettings, random: () => number = Math.random): RetryDelay =>
  (attemptNumber, retryAfterMs) => {
    if (retryAfterMs !== null && retryAfterMs >= 0) return Math.min(Math.max(retryAfterMs, settings.baseMs), settings.maxRetryAfterMs);
    const ceiling = Math.min(settings.capMs, settings.baseMs * 2 ** Math.max(0, attemptNumber - 1));
    // Full jitter, but never under half the base: retries of many deliveries spread out without bunching at zero.
    return Math.round(Math.max(settings.baseMs / 2, random() * ceiling));
  };
