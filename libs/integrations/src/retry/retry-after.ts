/**
 * `Retry-After` as milliseconds from `now`, the one reading every channel uses (webhooks, Slack,
 * Teams): delay-seconds (digits only) or an HTTP-date in any of its three forms (RFC 9110 §10.2.3,
 * §5.6.7). Pure: the caller gives the instant the answer refers to. Anything else is null (no hint):
 * a sign, a fraction, an exponent, trailing words (`5abc`), an ISO 8601 or non-GMT date. A date in
 * the past means "now" (0). A delay too large to count in milliseconds is the largest that can be
 * (the retry policy caps every hint at its `maxRetryAfterMs`): a longer wait asked never means a
 * shorter one.
 */
import { parseHttpDate } from './http-date';

const DELAY_SECONDS = /^\d+$/;

export const parseRetryAfter = (value: string | null | undefined, now: Date): number | null => {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (DELAY_SECONDS.test(trimmed)) return Math.min(Number(trimmed) * 1000, Number.MAX_SAFE_INTEGER);
  const at = parseHttpDate(trimmed, now);
  return at === null ? null : Math.max(0, at - now.getTime());
};
