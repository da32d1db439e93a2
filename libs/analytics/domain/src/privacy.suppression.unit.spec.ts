import { analyticsWindow } from './analytics.window';
import { suppressionFor } from './privacy.suppression';

describe('privacy suppression', () => {
  it('shows a cell with at least the minimum group size of distinct people, and withholds one below it with a reason', () => {
    expect(suppressionFor(3, 3)).toEqual({ suppressed: false, reason: null });
    expect(suppressionFor(2, 3)).toEqual({
      suppressed: true,
      reason: "Fewer than 3 people answered in this period (the organisation's minimum group size)",
    });
    expect(suppressionFor(0, 2)).toEqual({ suppressed: true, reason: 'Nobody answered in this period' });
  });
});

describe('the analytics window', () => {
  const now = new Date('2026-11-30T12:00:00Z');

  it('defaults to the last 12 weeks up to now', () => {
    expect(analyticsWindow(now)).toEqual({ from: new Date('2026-09-07T12:00:00Z'), to: now });
  });

  it('refuses a window that ends before it starts, or spans over 104 weeks: VALIDATION_FAILED', () => {
    expect(() => analyticsWindow(now, now, now)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => analyticsWindow(now, new Date('2020-01-01T00:00:00Z'))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
