/**
 * `Retry-After` as milliseconds from `now`: either delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * Pure: the caller gives the instant the answer refers to. Anything unreadable is null (no hint),
 * and a date in the past means "now" (0).
 */
const DELAY_SECONDS = /^\d+$/;
// IMF-fixdate, the form senders must use, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export const parseRetryAfter = (value: string | null | undefined, now: Date): number | null => {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (DELAY_SECONDS.test(trimmed)) {
    const seconds = Number(trimmed);
    return Number.isSafeInteger(seconds * 1000) ? seconds * 1000 : null;
  }
  if (!IMF_FIXDATE.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
};
