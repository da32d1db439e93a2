/**
 * An HTTP-date (RFC 9110 §5.6.7) as milliseconds since the epoch, or null. A recipient must accept
 * all three forms: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, the one senders must use) and the
 * obsolete RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`)
 * forms, all in GMT. Read exactly: names as written (case-sensitive), no other zone, no date that
 * does not exist (31 April), nothing `Date.parse` would guess at (ISO 8601, local time, bare years).
 * An RFC 850 date's two-digit year is the latest year ending in those digits at most 50 years after
 * `now`'s.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

interface DateParts {
  readonly year: number;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
}

export const parseHttpDate = (value: string, now: Date): number | null => {
  const parts = partsOf(value, now);
  if (!parts) return null;
  const month = MONTHS.indexOf(parts.month);
  const [day, hour, minute, second] = [parts.day, parts.hour, parts.minute, parts.second].map(Number);
  // 60: a leap second.
  if (hour > 23 || minute > 59 || second > 60) return null;
  const midnight = new Date(Date.UTC(parts.year, month, day));
  // Date.UTC rolls an impossible day over into the next month: such a date does not exist.
  if (midnight.getUTCFullYear() !== parts.year || midnight.getUTCMonth() !== month || midnight.getUTCDate() !== day) return null;
  return midnight.getTime() + ((hour * 60 + minute) * 60 + second) * 1000;
};

const partsOf = (value: string, now: Date): DateParts | null => {
  let match = IMF_FIXDATE.exec(value);
  if (match) return { day: match[1], month: match[2], year: Number(match[3]), hour: match[4], minute: match[5], second: match[6] };
  match = RFC850_DATE.exec(value);
  if (match) return { day: match[1], month: match[2], year: fullYear(Number(match[3]), now), hour: match[4], minute: match[5], second: match[6] };
  match = ASCTIME_DATE.exec(value);
  if (match) return { month: match[1], day: match[2].trim(), hour: match[3], minute: match[4], second: match[5], year: Number(match[6]) };
  return null;
};

/** RFC 9110: a two-digit year more than 50 years ahead is the most recent past year with those digits. */
const fullYear = (twoDigits: number, now: Date): number => {
  const latest = now.getUTCFullYear() + 50;
  return latest - ((((latest - twoDigits) % 100) + 100) % 100);
};
