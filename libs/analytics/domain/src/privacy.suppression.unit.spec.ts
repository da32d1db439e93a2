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

  it('refuses a bound outside four-digit years the database can store, before reading anything: VALIDATION_FAILED on that field', () => {
    const refused = (from: string | null, to: string | null, field: string) =>
      expect(() => analyticsWindow(now, from === null ? null : new Date(from), to === null ? null : new Date(to))).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', details: expect.objectContaining({ field, reason: 'OUT_OF_RANGE' }) }),
      );
    refused('+010000-01-01T00:00:00.000Z', '+010000-02-01T00:00:00.000Z', 'to');
    refused(null, '-000001-01-01T00:00:00.000Z', 'to');
    refused('9998-12-01T00:00:00.000Z', '+010000-01-01T00:00:00.000Z', 'to');
    refused('0050-01-01T00:00:00.000Z', '0050-02-01T00:00:00.000Z', 'to');
    refused('1899-12-31T00:00:00.000Z', '1900-01-02T00:00:00.000Z', 'from');
    expect(analyticsWindow(now, new Date('1900-01-01T00:00:00.000Z'), new Date('1900-02-01T00:00:00.000Z')).from).toEqual(new Date('1900-01-01T00:00:00.000Z'));
    expect(analyticsWindow(now, new Date('9998-12-01T00:00:00.000Z'), new Date('9999-01-01T00:00:00.000Z')).to).toEqual(new Date('9999-01-01T00:00:00.000Z'));
  });
});
