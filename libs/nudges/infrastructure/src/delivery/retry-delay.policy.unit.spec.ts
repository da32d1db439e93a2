import { SeededRandom } from '@stepwise/kernel';
import { exponentialRetryDelay } from './retry-delay.policy';

const settings = { baseMs: 1_000, capMs: 60_000, maxRetryAfterMs: 3_600_000 };

describe('the retry delay', () => {
  it('grows exponentially up to the cap, never above the ceiling of its attempt', () => {
    const highest = exponentialRetryDelay(settings, () => 0.999_999);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => highest(attempt, null))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('spreads retries with jitter, never under half the base', () => {
    const random = new SeededRandom(7);
    const delay = exponentialRetryDelay(settings, () => random.next());
    const waits = Array.from({ length: 200 }, () => delay(5, null));
    expect(new Set(waits).size).toBeGreaterThan(150);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...waits)).toBeLessThanOrEqual(16_000);
  });

  it('waits out a Retry-After in full, within the longest wait allowed', () => {
    const delay = exponentialRetryDelay(settings, () => 0);
    expect(delay(1, 120_000)).toBe(120_000);
    expect(delay(1, 0)).toBe(1_000);
    expect(delay(1, 10 * 3_600_000)).toBe(3_600_000);
  });
});
