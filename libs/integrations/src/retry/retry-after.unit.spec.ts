import { parseRetryAfter } from './retry-after';

const now = new Date('2026-03-02T10:00:00.000Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date as the time from now until then', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:02:30 GMT', now)).toBe(150_000);
  });

  it('treats a date already past as no wait', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
  });

  it.each([undefined, null, '', 'soon', '-5', '1.5', '2026-03-02T10:02:30Z', 'Mon, 02 Mar 2026 10:02:30 CET', '1e3'])(
    'gives no hint for %p',
    (value) => {
      expect(parseRetryAfter(value, now)).toBeNull();
    },
  );
});
