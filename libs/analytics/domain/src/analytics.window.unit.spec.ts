import { ValidationError } from '@stepwise/kernel';
import { analyticsWindow } from './analytics.window';

const NOW = new Date('2026-03-30T09:00:00.000Z');
const WEEK = 7 * 86_400_000;

/** The refusal's details, or what was answered instead. */
const refusal = (from?: string | null, to?: string | null): unknown => {
  try {
    return analyticsWindow(NOW, from === undefined || from === null ? from : new Date(from), to === undefined || to === null ? to : new Date(to));
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
};

describe('an analytics window', () => {
  it('defaults to the 12 weeks before `to`, or before now', () => {
    expect(analyticsWindow(NOW)).toEqual({ from: new Date(NOW.getTime() - 12 * WEEK), to: NOW });
    expect(analyticsWindow(NOW, null, new Date('2026-01-05T00:00:00.000Z'))).toEqual({
      from: new Date(Date.parse('2026-01-05T00:00:00.000Z') - 12 * WEEK),
      to: new Date('2026-01-05T00:00:00.000Z'),
    });
  });

  it('refuses a start not before its end, naming `from`', () => {
    expect(refusal('2026-03-02T00:00:00.000Z', '2026-03-02T00:00:00.000Z')).toEqual({ field: 'from', reason: 'OUT_OF_RANGE' });
    expect(refusal('2026-03-03T00:00:00.000Z', '2026-03-02T00:00:00.000Z')).toEqual({ field: 'from', reason: 'OUT_OF_RANGE' });
  });

  it('refuses more than 104 weeks, naming `from`', () => {
    expect(refusal('2024-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z')).toEqual({ field: 'from', reason: 'OUT_OF_RANGE' });
  });

  it('names `to` when only `to` was asked and the 12 weeks before it reach before 1900: the caller sent no `from` to fix', () => {
    expect(refusal(undefined, '1900-02-01T00:00:00.000Z')).toEqual({ field: 'to', reason: 'OUT_OF_RANGE' });
    expect(refusal(null, '1900-02-01T00:00:00.000Z')).toEqual({ field: 'to', reason: 'OUT_OF_RANGE' });
    expect(refusal('1900-01-01T00:00:00.000Z', '1900-02-01T00:00:00.000Z')).toEqual({ from: new Date('1900-01-01T00:00:00.000Z'), to: new Date('1900-02-01T00:00:00.000Z') });
  });

  it('refuses a bound that names no instant with the reason every other DateTime field gives', () => {
    expect(refusal('not a date', '2026-03-02T00:00:00.000Z')).toEqual({ field: 'from', reason: 'INVALID_DATE_TIME' });
    expect(refusal('2026-03-01T00:00:00.000Z', 'not a date')).toEqual({ field: 'to', reason: 'INVALID_DATE_TIME' });
  });

  it('names `to` when only `to` was sent and names no instant, though the start made from it names none either', () => {
    expect(refusal(undefined, 'not a date')).toEqual({ field: 'to', reason: 'INVALID_DATE_TIME' });
  });
});
