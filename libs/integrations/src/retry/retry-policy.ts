/**
 * When to try a delivery again: exponential backoff with full jitter (a random delay between 0 and
 * base × 2^(attempt − 1), capped), never sooner than the receiver's `Retry-After`, and not at all once
 * delivered, permanently failed or out of attempts. Pure: randomness is passed in.
 */
import type { DeliveryOutcome } from '../channel';

export interface RetryPolicy {
  /** The backoff ceiling after the first attempt; it doubles per attempt. */
  readonly baseDelayMs: number;
  /** No backoff delay exceeds this. */
  readonly maxDelayMs: number;
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** A receiver's `Retry-After` is honoured up to this (a receiver cannot park a delivery for a year). */
  readonly maxRetryAfterMs: number;
}

/** About 3½ hours of tries at most: 10 s, 20 s, 40 s … doubling to a 1 h cap, 12 attempts. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 10_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 12,
  maxRetryAfterMs: 6 * 3_600_000,
};

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: 'DELIVERED' | 'PERMANENT_FAILURE' | 'ATTEMPTS_EXHAUSTED' };

/**
 * @param attemptNumber the attempt that produced `outcome` (1 for the first)
 * @param random a source of numbers in [0, 1): `Math.random` in production, `SeededRandom.next` in tests
 */
export const nextRetryDelay = (
  attemptNumber: number,
  outcome: DeliveryOutcome,
  random: () => number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryDecision => {
  if (outcome.kind === 'delivered') return { retry: false, reason: 'DELIVERED' };
  if (outcome.kind === 'permanent') return { retry: false, reason: 'PERMANENT_FAILURE' };
  if (attemptNumber >= policy.maxAttempts) return { retry: false, reason: 'ATTEMPTS_EXHAUSTED' };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attemptNumber - 1));
  const jittered = Math.floor(random() * ceiling);
  const retryAfter = outcome.retryAfterMs === null ? 0 : Math.min(outcome.retryAfterMs, policy.maxRetryAfterMs);
  return { retry: true, delayMs: Math.max(jittered, retryAfter) };
};
