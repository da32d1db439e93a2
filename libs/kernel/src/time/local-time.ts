/**
 * Wall-clock time in an IANA timezone: the analytics' weeks, the nudges' quiet hours, commitment
 * days and Monday digests. Every conversion goes through the timezone's rules at the instant
 * itself, never by adding 24 h to an instant, so DST days (23 or 25 hours, a missing or repeated
 * hour) come out right.
 */
import { remembered } from '../memo/remembered';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Building an Intl.DateTimeFormat costs far more than using one, and its ICU memory (some 50 KB)
 * lives outside the JavaScript heap, where the garbage collector is slow to notice it: one is kept
 * per timezone, for more timezones than the IANA database names, so only odd spellings of names
 * can make the cache start again.
 */
const formatterFor = remembered<Intl.DateTimeFormat>(1024);
const wallClockFormat = (timezone: string): Intl.DateTimeFormat =>
  formatterFor(
    timezone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  );

/** Whether the runtime knows `timezone` (an IANA name, in any spelling it accepts). */
export const isKnownTimezone = (timezone: string): boolean => {
  try {
    wallClockFormat(timezone);
    return true;
  } catch {
    return false;
  }
};

export interface WallClock {
  /** The calendar date (YYYY-MM-DD). */
  readonly date: string;
  /** Minutes since local midnight (0–1439). */
  readonly minutes: number;
  /** The wall clock read as if it were UTC, in milliseconds (for offsets). */
  readonly asUtc: number;
}

/** What a wall clock in `timezone` shows at `instant`, to the second. */
export const wallClockAt = (instant: Date, timezone: string): WallClock => {
  const parts = wallClockFormat(timezone).formatToParts(instant);
  const field = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  const [year, month, day, hour, minute, second] = [field('year'), field('month'), field('day'), field('hour'), field('minute'), field('second')];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return { date: new Date(asUtc).toISOString().slice(0, 10), minutes: hour * 60 + minute, asUtc };
};

/** Offset of `timezone` from UTC at `instant`, in minutes (Europe/Paris in summer: +120; Pacific/Auckland in January: +780). */
export const offsetMinutesAt = (instant: Date, timezone: string): number =>
  Math.round((wallClockAt(instant, timezone).asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE);

/** The calendar date (YYYY-MM-DD) in `timezone` at `instant`. */
export const localDateOf = (instant: Date, timezone: string): string => wallClockAt(instant, timezone).date;

/** A local date moved by whole days (calendar arithmetic, no timezone involved). */
export const addLocalDays = (localDate: string, days: number): string =>
  new Date(Date.parse(`${localDate}T00:00:00.000Z`) + days * DAY).toISOString().slice(0, 10);

/** Monday 0 … Sunday 6. */
export const weekdayOf = (localDate: string): number => (new Date(`${localDate}T00:00:00.000Z`).getUTCDay() + 6) % 7;
