import { SeededRandom } from '@stepwise/kernel';
import type { DeliveryOutcome } from '../channel';
import { DEFAULT_RETRY_POLICY, nextRetryDelay, type RetryPolicy } from './retry-policy';

const policy: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 8, maxRetryAfterMs: 3_600_000 };
const retryable = (retryAfterMs: number | null = null): DeliveryOutcome => ({ kind: 'retryable', statusCode: 503, detail: 'HTTP 503', retryAfterMs });
const always = (value: number) => () => value;

describe('nextRetryDelay', () => {
  it('stops once delivered', () => {
    expect(nextRetryDelay(1, { kind: 'delivered', statusCode: 200, detail: null }, always(0.5), policy)).toEqual({ retry: false, reason: 'DELIVERED' });
  });

  it('stops at once on a permanent failure, whatever the attempt', () => {
    const gone: DeliveryOutcome = { kind: 'permanent', statusCode: 410, detail: 'HTTP 410', disableAddress: true };
    expect(nextRetryDelay(1, gone, always(0.5), policy)).toEqual({ retry: false, reason: 'PERMANENT_FAILURE' });
  });

  it('stops when the last allowed attempt failed', () => {
    expect(nextRetryDelay(7, retryable(), always(0.5), policy)).toMatchObject({ retry: true });
    expect(nextRetryDelay(8, retryable(), always(0.5), policy)).toEqual({ retry: false, reason: 'ATTEMPTS_EXHAUSTED' });
  });

  it('doubles the ceiling per attempt up to the cap (the top of the jitter range shows it)', () => {
    const justUnderOne = always(0.999_999_9);
    const ceilings = [1, 2, 3, 4, 5, 6, 7].map((attempt) => {
      const decision = nextRetryDelay(attempt, retryable(), justUnderOne, policy);
      return decision.retry ? decision.delayMs + 1 : null;
    });
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000]);
  });

  it('jitters over the whole range from zero to the ceiling (full jitter), repeatably for a seed', () => {
    const delays = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 200 }, () => {
        const decision = nextRetryDelay(4, retryable(), random.next, policy);
        return decision.retry ? decision.delayMs : -1;
      });
    };
    const sample = delays(42);
    expect(delays(42)).toEqual(sample);
    expect(Math.min(...sample)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...sample)).toBeLessThan(8_000);
    // Spread across the range rather than bunched: some in the lowest and some in the highest tenth.
    expect(sample.some((delay) => delay < 800)).toBe(true);
    expect(sample.some((delay) => delay >= 7_200)).toBe(true);
    expect(new Set(sample).size).toBeGreaterThan(150);
  });

  it('waits at least as long as the receiver asked with Retry-After', () => {
    expect(nextRetryDelay(1, retryable(30_000), always(0.5), policy)).toEqual({ retry: true, delayMs: 30_000 });
  });

  it('keeps its own backoff when that is longer than Retry-After', () => {
    expect(nextRetryDelay(7, retryable(1_000), always(0.5), policy)).toEqual({ retry: true, delayMs: 30_000 });
  });

  it('honours Retry-After only up to its own limit', () => {
    expect(nextRetryDelay(1, retryable(365 * 86_400_000), always(0), policy)).toEqual({ retry: true, delayMs: 3_600_000 });
  });

  it('keeps a cap even for absurd attempt numbers', () => {
    expect(nextRetryDelay(5_000, retryable(), always(0.5), { ...policy, maxAttempts: 10_000 })).toEqual({ retry: true, delayMs: 30_000 });
  });

  it('has defaults that retry for hours, not days, and never sooner than allowed', () => {
    const worstCase = Array.from({ length: DEFAULT_RETRY_POLICY.maxAttempts - 1 }, (_, index) => {
      const decision = nextRetryDelay(index + 1, retryable(), always(0.999_999_9), DEFAULT_RETRY_POLICY);
      return decision.retry ? decision.delayMs : 0;
    }).reduce((sum, delay) => sum + delay, 0);
    expect(worstCase).toBeGreaterThan(2 * 3_600_000);
    expect(worstCase).toBeLessThan(6 * 3_600_000);
  });
});
