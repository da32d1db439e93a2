import { conflictBackoffMs } from './conflict-backoff';

describe('conflictBackoffMs', () => {
  it('doubles with each attempt, up to 50 ms', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 10].map((attempt) => conflictBackoffMs(attempt, () => 1));
    expect(ceilings).toEqual([4, 8, 16, 32, 50, 50, 50]);
  });

  it('jitters over the upper half, so contenders spread out but never retry at once', () => {
    expect(conflictBackoffMs(1, () => 0)).toBe(2);
    expect(conflictBackoffMs(3, () => 0.5)).toBe(12);
    expect(conflictBackoffMs(5, () => 0)).toBe(25);
  });
});
