/**
 * Wall-clock time in a member's timezone, for quiet hours, commitment days and the Monday digest:
 * what the policy needs beyond the kernel's local time (libs/kernel/src/time/local-time.ts), the
 * first instant a wall time is reached and a stored timezone the runtime may no longer know. DST
 * days (a 23 or 25 hour day, a missing or repeated hour) come out right.
 */
import { addLocalDays, isKnownTimezone, localDateOf, offsetMinutesAt, wallClockAt } from '@stepwise/kernel';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A timezone the runtime knows, or UTC: a stored name the runtime no longer knows must not stop the policy. */
export const knownTimezone = (timezone: string | null | undefined): string => (timezone && isKnownTimezone(timezone) ? timezone : 'UTC');

/** Minutes since local midnight in `timezone` at `instant`. */
export const localMinutesOf = (instant: Date, timezone: string): number => wallClockAt(instant, timezone).minutes;

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

/**
 * Every instant at which the wall clock in `timezone` shows `minutes` past midnight on `localDate`,
 * earliest first, given the offsets in force near it: none in the hour a DST change skips, two in
 * the hour repeated when clocks go back.
 */
export const instantsAtLocal = (localDate: string, minutes: number, timezone: string, offsets: readonly number[]): number[] => {
  const wall = Date.parse(`${localDate}T00:00:00.000Z`) + minutes * MINUTE;
  return [...new Set(offsets.map((offset) => wall - offset * MINUTE))].filter((instant) => wallClockAt(new Date(instant), timezone).asUtc === wall).sort((a, b) => a - b);
};

/** How often the offset is sampled: less than the shortest time between two DST changes anywhere. */
const OFFSET_SAMPLE_MS = 6 * 60 * MINUTE;

/**
 * The offsets `timezone` uses in [from, to], and the instants (whole minutes) at which it changes
 * from one to the next: the wall clock's jumps, forward over a skipped stretch or back over a repeated one.
 */
export const offsetChangesBetween = (from: Date, to: Date, timezone: string): { readonly offsets: number[]; readonly changes: number[] } => {
  const start = Math.floor(from.getTime() / MINUTE) * MINUTE;
  const samples: number[] = [];
  for (let at = start; at < to.getTime(); at += OFFSET_SAMPLE_MS) samples.push(at);
  samples.push(Math.ceil(to.getTime() / MINUTE) * MINUTE);
  const offsets = samples.map((at) => offsetMinutesAt(new Date(at), timezone));
  const changes: number[] = [];
  for (let index = 1; index < samples.length; index += 1) {
    if (offsets[index] === offsets[index - 1]) continue;
    // The first minute with the later offset: offsets change on whole minutes.
    let low = samples[index - 1];
    let high = samples[index];
    while (high - low > MINUTE) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (offsetMinutesAt(new Date(middle), timezone) === offsets[index - 1]) low = middle;
      else high = middle;
    }
    changes.push(high);
  }
  return { offsets: [...new Set(offsets)], changes };
};

/** The local day that holds `instant` in `timezone`: its date, first instant and the next day's first instant. */
export const localDayOf = (instant: Date, timezone: string): { readonly date: string; readonly start: Date; readonly end: Date } => {
  const date = localDateOf(instant, timezone);
  return { date, start: instantAtLocal(date, 0, timezone), end: instantAtLocal(addLocalDays(date, 1), 0, timezone) };
};
