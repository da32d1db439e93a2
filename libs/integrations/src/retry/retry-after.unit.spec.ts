import { parseRetryAfter } from './retry-after';

const now = new Date('2026-03-02T10:00:00.000Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('007', now)).toBe(7_000);
  });

  it('reads a delay too large to count as the largest wait, never as no hint (the retry policy caps it)', () => {
    expect(parseRetryAfter('99999999999999999999', now)).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseRetryAfter('9'.repeat(400), now)).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseRetryAfter('9007199254740', now)).toBe(9_007_199_254_740_000);
  });

  it('reads an HTTP-date in each of its three forms as the time from now until then', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:02:30 GMT', now)).toBe(150_000);
    expect(parseRetryAfter('Monday, 02-Mar-26 10:02:30 GMT', now)).toBe(150_000);
    expect(parseRetryAfter('Mon Mar  2 10:02:30 2026', now)).toBe(150_000);
    expect(parseRetryAfter('Tue Mar 10 10:00:00 2026', now)).toBe(8 * 24 * 3_600_000);
  });

  it('treats a date already past as no wait', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(0);
  });

  it('reads a two-digit year as the latest year ending so at most 50 years on', () => {
    expect(parseRetryAfter('Thursday, 02-Mar-76 10:00:00 GMT', now)).toBe(Date.UTC(2076, 2, 2, 10) - now.getTime());
    expect(parseRetryAfter('Tuesday, 02-Mar-77 10:00:00 GMT', now)).toBe(0);
  });

  it('accepts a leap second', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:60 GMT', now)).toBe(60_000);
  });

  it.each([
    undefined,
    null,
    '',
    'soon',
    '5abc',
    '5 abc',
    'abc 5',
    '10 20',
    '-5',
    '+5',
    '1.5',
    '1e3',
    '0x10',
    '2026-03-02T10:02:30Z',
    '2026-03-03',
    'March 3, 2026',
    'Tue Mar 03 2026',
    'Mon, 02 Mar 2026 10:02:30 CET',
    'Mon, 02 Mar 2026 10:02:30 +0000',
    'Mon, 02 Mar 2026 10:02:30',
    'mon, 02 mar 2026 10:02:30 gmt',
    'Mon, 2 Mar 2026 10:02:30 GMT',
    'Mon, 32 Mar 2026 10:02:30 GMT',
    'Mon, 29 Feb 2026 10:02:30 GMT',
    'Thu, 31 Apr 2026 10:02:30 GMT',
    'Mon, 02 Mar 2026 24:00:00 GMT',
    'Mon, 02 Mar 2026 10:60:00 GMT',
    'Mon, 02 Mar 2026 10:00:61 GMT',
    'Mon, 02-Mar-26 10:02:30 GMT',
    'Mon Mar 2 10:02:30 2026',
    'Mon Mar  2 10:02:30 2026 GMT',
  ])('gives no hint for %p', (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});
