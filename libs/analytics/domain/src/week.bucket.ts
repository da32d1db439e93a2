/**
 * Weeks as a leader reads them: Monday 00:00 to the next Monday 00:00 in the organisation's
 * timezone. A DST week is 167 or 169 hours long; the boundaries are found per week, never by adding
 * 7 × 24 h to an instant.
 */
import { addLocalDays, localDateOf, offsetMinutesAt, remembered, wallClockAt, weekdayOf } from '@stepwise/kernel';

const SECOND = 1_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

// A report asks for the same few week boundaries many times over; each costs Intl calls.
const midnights = remembered<number>(4096);

/** The wall clock in `timezone` at `instant`, read as if it were UTC (to the second). */
const wallClockMs = (instant: number, timezone: string): number => wallClockAt(new Date(instant), timezone).asUtc;

/**
 * The instant a local date's midnight falls at in `timezone`: the first instant of that day there.
 * Each offset the zone has within a day of it gives a candidate, and the earliest that reads 00:00:00
 * there is the answer (where clocks fell back across midnight, the day began at the first of two).
 * Where clocks jumped past midnight, no instant reads 00:00:00: the day began at the jump, the first
 * second whose date is this one. Offsets count to the second (local mean times before 1970 have them).
 */
export const midnightOf = (localDate: string, timezone: string): Date =>
  new Date(
    midnights(`${timezone} ${localDate}`, () => {
      const wallClock = Date.parse(`${localDate}T00:00:00.000Z`);
      const offsets = new Set([-DAY, 0, DAY].map((shift) => wallClockMs(wallClock + shift, timezone) - (wallClock + shift)));
      const exact = [...offsets].map((offset) => wallClock - offset).filter((instant) => wallClockMs(instant, timezone) === wallClock);
      if (exact.length > 0) return Math.min(...exact);
      // Skipped midnight: the first second whose local date is `localDate`, between a moment surely
      // before it and one surely after (no zone is more than a day from UTC).
      let before = wallClock - 26 * HOUR;
      let after = wallClock + 26 * HOUR;
      while (after - before > SECOND) {
        const middle = before + Math.floor((after - before) / (2 * SECOND)) * SECOND;
        if (wallClockMs(middle, timezone) >= wallClock) after = middle;
        else before = middle;
      }
      return after;
    }),
  );

/** The last weeks found per timezone, with their bounds: an instant inside one is in it without asking Intl. */
const lastWeeks = new Map<string, { readonly week: string; readonly start: number; readonly end: number }[]>();

/** A report asks for a few weeks at every request (the window's first and last, the week in progress). */
const WEEKS_KEPT_PER_TIMEZONE = 8;

/**
 * The local date of the Monday starting the week that holds `instant` in `timezone`. A week whose
 * two ends have the same offset from UTC holds exactly the instants between its bounds, so the last
 * few such weeks are remembered per timezone (a report asks for the same weeks at every request).
 */
export const weekOf = (instant: Date, timezone: string): string => {
  const at = instant.getTime();
  const known = lastWeeks.get(timezone);
  const found = known?.find((week) => at >= week.start && at < week.end);
  if (found) return found.week;
  const date = localDateOf(instant, timezone);
  const week = addLocalDays(date, -weekdayOf(date));
  const { start, end } = boundsOf(week, timezone);
  if (at >= start && at < end && offsetMinutesAt(new Date(start), timezone) === offsetMinutesAt(new Date(end - 1), timezone)) {
    if (!known && lastWeeks.size >= 64) lastWeeks.clear();
    const weeks = known ?? [];
    if (weeks.length >= WEEKS_KEPT_PER_TIMEZONE) weeks.shift();
    weeks.push({ week, start, end });
    lastWeeks.set(timezone, weeks);
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
    const next = addLocalDays(week, 7);
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
