/**
 * Weeks as a leader reads them: Monday 00:00 to the next Monday 00:00 in the organisation's
 * timezone. A DST week is 167 or 169 hours long; the boundaries are found per week, never by adding
 * 7 × 24 h to an instant.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Remembered answers of pure functions, by key, forgotten all at once when full. Building an
 * Intl.DateTimeFormat costs far more than using one (and its ICU memory lives outside the JavaScript
 * heap, so the garbage collector is slow to notice it); a report asks for the same few timezones and
 * week boundaries many times over.
 */
const remembered = <Value>(limit: number): ((key: string, compute: () => Value) => Value) => {
  const values = new Map<string, Value>();
  return (key, compute) => {
    const known = values.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (values.size >= limit) values.clear();
    values.set(key, value);
    return value;
  };
};

const formatterFor = remembered<Intl.DateTimeFormat>(64);
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

/** Offset of `timezone` from UTC at `instant`, in minutes (Europe/Paris in summer: +120). */
export const offsetMinutesAt = (instant: Date, timezone: string): number => {
  const parts = wallClockFormat(timezone).formatToParts(instant);
  const field = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE);
};

/** The calendar date (YYYY-MM-DD) in `timezone` at `instant`. */
export const localDateOf = (instant: Date, timezone: string): string =>
  new Date(instant.getTime() + offsetMinutesAt(instant, timezone) * MINUTE).toISOString().slice(0, 10);

const midnights = remembered<number>(4096);

/** The instant a local date's midnight falls at in `timezone` (the first instant of that day there). */
export const midnightOf = (localDate: string, timezone: string): Date =>
  new Date(
    midnights(`${timezone} ${localDate}`, () => {
      const wallClock = Date.parse(`${localDate}T00:00:00.000Z`);
      // Two passes settle the offset across a DST change near midnight.
      let guess = wallClock - offsetMinutesAt(new Date(wallClock), timezone) * MINUTE;
      guess = wallClock - offsetMinutesAt(new Date(guess), timezone) * MINUTE;
      return guess;
    }),
  );

const addDays = (localDate: string, days: number): string => new Date(Date.parse(`${localDate}T00:00:00.000Z`) + days * DAY).toISOString().slice(0, 10);

/** The last week found per timezone, with its bounds: an instant inside them is in it without asking Intl. */
const lastWeek = new Map<string, { readonly week: string; readonly start: number; readonly end: number }>();

/**
 * The local date of the Monday starting the week that holds `instant` in `timezone`. A week whose
 * two ends have the same offset from UTC holds exactly the instants between its bounds, so the last
 * such week is remembered per timezone (a report asks for the same week at every request).
 */
export const weekOf = (instant: Date, timezone: string): string => {
  const at = instant.getTime();
  const known = lastWeek.get(timezone);
  if (known && at >= known.start && at < known.end) return known.week;
  const date = localDateOf(instant, timezone);
  const weekday = (new Date(`${date}T00:00:00.000Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const week = addDays(date, -weekday);
  const { start, end } = boundsOf(week, timezone);
  if (at >= start && at < end && offsetMinutesAt(new Date(start), timezone) === offsetMinutesAt(new Date(end - 1), timezone)) {
    if (lastWeek.size >= 64) lastWeek.clear();
    lastWeek.set(timezone, { week, start, end });
  }
  return week;
};

export interface WeekBucket {
  /** The local date of its Monday. */
  readonly week: string;
  /** Monday 00:00 in the timezone, as an instant. */
  readonly start: Date;
  /** The next Monday 00:00 (exclusive). */
  readonly end: Date;
}

/** A week's bounds as instants, and the next week's Monday. */
interface WeekBounds {
  readonly start: number;
  readonly end: number;
  readonly next: string;
}

const bounds = remembered<WeekBounds>(4096);

const boundsOf = (week: string, timezone: string): WeekBounds =>
  bounds(`${timezone} ${week}`, () => {
    const next = addDays(week, 7);
    return { start: midnightOf(week, timezone).getTime(), end: midnightOf(next, timezone).getTime(), next };
  });

/** Every week that overlaps [from, to), oldest first. */
export const weekBuckets = (from: Date, to: Date, timezone: string): WeekBucket[] => {
  const buckets: WeekBucket[] = [];
  for (let week = weekOf(from, timezone); ; ) {
    const { start, end, next } = boundsOf(week, timezone);
    if (start >= to.getTime()) break;
    buckets.push({ week, start: new Date(start), end: new Date(end) });
    week = next;
  }
  return buckets;
};

/** The start of the week after the one holding `instant` in `timezone` (its Monday 00:00 there), as an instant. */
export const nextWeekStartAfter = (instant: Date, timezone: string): number => boundsOf(weekOf(instant, timezone), timezone).end;
