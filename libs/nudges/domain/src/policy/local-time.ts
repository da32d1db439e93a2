/**
 * Wall-clock time in a member's timezone, for quiet hours, commitment days and the Monday digest.
 * Every conversion goes through the IANA rules of the instant itself, never by adding 24 h to an
 * instant, so DST weeks (a 23 or 25 hour day, a missing or repeated hour) come out right.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timezone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
};

/** A timezone the runtime knows, or UTC: a stored name the runtime no longer knows must not stop the policy. */
export const knownTimezone = (timezone: string | null | undefined): string => {
  if (!timezone) return 'UTC';
  try {
    formatterFor(timezone);
    return timezone;
  } catch {
    return 'UTC';
  }
};

interface WallClock {
  readonly date: string;
  /** Minutes since local midnight (0–1439). */
  readonly minutes: number;
  /** The wall clock read as if it were UTC, in milliseconds (for offsets). */
  readonly asUtc: number;
}

const wallClockAt = (instant: Date, timezone: string): WallClock => {
  const parts = formatterFor(timezone).formatToParts(instant);
  const field = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  const [year, month, day, hour, minute, second] = [field('year'), field('month'), field('day'), field('hour'), field('minute'), field('second')];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return { date: new Date(asUtc).toISOString().slice(0, 10), minutes: hour * 60 + minute, asUtc };
};

/** Offset of `timezone` from UTC at `instant`, in minutes (Pacific/Auckland in January: +780). */
export const offsetMinutesAt = (instant: Date, timezone: string): number =>
  Math.round((wallClockAt(instant, timezone).asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE);

/** The calendar date (YYYY-MM-DD) in `timezone` at `instant`. */
export const localDateOf = (instant: Date, timezone: string): string => wallClockAt(instant, timezone).date;

/** Minutes since local midnight in `timezone` at `instant`. */
export const localMinutesOf = (instant: Date, timezone: string): number => wallClockAt(instant, timezone).minutes;

/** A local date moved by whole days (calendar arithmetic, no timezone involved). */
export const addLocalDays = (localDate: string, days: number): string =>
  new Date(Date.parse(`${localDate}T00:00:00.000Z`) + days * DAY).toISOString().slice(0, 10);

/** Monday 0 … Sunday 6. */
export const weekdayOf = (localDate: string): number => (new Date(`${localDate}T00:00:00.000Z`).getUTCDay() + 6) % 7;

/** "HH:MM" as minutes since midnight. */
export const clockMinutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The first instant at which the wall clock in `timezone` shows `minutes` past midnight on
 * `localDate`. When that wall time does not exist (the hour a DST change skips), the instant the
 * clocks jump, which is the first existing minute after it; when it exists twice (the hour repeated
 * when clocks go back), the earlier.
 */
export const instantAtLocal = (localDate: string, minutes: number, timezone: string): Date => {
  const wall = Date.parse(`${localDate}T00:00:00.000Z`) + minutes * MINUTE;
  // The offsets in force around the wall time: a day either side covers any change near it.
  const offsets = [offsetMinutesAt(new Date(wall - DAY), timezone), offsetMinutesAt(new Date(wall), timezone), offsetMinutesAt(new Date(wall + DAY), timezone)];
  const candidates = offsets
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => wallClockAt(new Date(instant), timezone).asUtc === wall)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return new Date(candidates[0]);
  // In a skipped hour: the jump lies between the wall time read with the later offset and with the
  // earlier one; find the first minute whose wall clock is past the one asked for.
  let low = wall - Math.max(...offsets) * MINUTE;
  let high = wall - Math.min(...offsets) * MINUTE;
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (wallClockAt(new Date(middle), timezone).asUtc > wall) high = middle;
    else low = middle;
  }
  return new Date(high);
};

/** The local day that holds `instant` in `timezone`: its date, first instant and the next day's first instant. */
export const localDayOf = (instant: Date, timezone: string): { readonly date: string; readonly start: Date; readonly end: Date } => {
  const date = localDateOf(instant, timezone);
  return { date, start: instantAtLocal(date, 0, timezone), end: instantAtLocal(addLocalDays(date, 1), 0, timezone) };
};
