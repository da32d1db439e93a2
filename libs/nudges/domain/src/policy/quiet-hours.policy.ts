/**
 * Quiet hours: a daily window in the member's timezone when nudges wait. A window whose start is
 * later than its end spans midnight (22:00–07:00). A nudge that falls due inside the window is
 * deferred to the next allowed minute: the instant the window ends on the member's wall clock (on a
 * night the clocks go back, the first end the wall clock reaches after the nudge fell due), or the
 * instant a DST change moves the wall clock out of the window, whichever comes first.
 */
import { addLocalDays, localDateOf, offsetMinutesAt } from '@stepwise/kernel';
import type { QuietHours } from '@stepwise/tenancy-domain';
import { clockMinutes, instantsAtLocal, knownTimezone, localMinutesOf, offsetChangesBetween } from './local-time';

const MINUTE = 60_000;
const DAY = 86_400_000;
const DAY_MINUTES = 24 * 60;

/** True when the wall clock at `instant` in `timezone` is inside the quiet window. */
export const isQuietAt = (instant: Date, timezone: string, quietHours: QuietHours | null): boolean => {
  if (!quietHours) return false;
  const start = clockMinutes(quietHours.start);
  const end = clockMinutes(quietHours.end);
  const now = localMinutesOf(instant, knownTimezone(timezone));
  return start < end ? now >= start && now < end : now >= start || now < end;
};

/** How far ahead the next allowed minute can be: a window of almost a day whose one allowed stretch a DST change skipped. */
const HORIZON_DAYS = 3;

/**
 * The first instant at or after `instant` outside the quiet hours (`instant` itself when it is not
 * quiet). The wall clock leaves the window only where it reaches the window's end (twice on a night
 * the clocks go back over it, never when they skip it) or where it jumps (a DST change can land it
 * outside the window before the end, or skip the whole allowed stretch): the earliest of those that
 * is not quiet is the next allowed minute.
 */
export const deferOutOfQuietHours = (instant: Date, timezone: string, quietHours: QuietHours | null): Date => {
  const zone = knownTimezone(timezone);
  if (!quietHours || !isQuietAt(instant, zone, quietHours)) return instant;
  const end = clockMinutes(quietHours.end);
  // Usually no DST change comes before the window ends: the wall clock then runs on to the end.
  const offset = offsetMinutesAt(instant, zone);
  const untilEnd = (end - localMinutesOf(instant, zone) + DAY_MINUTES) % DAY_MINUTES;
  const windowEnd = new Date(Math.floor(instant.getTime() / MINUTE) * MINUTE + untilEnd * MINUTE);
  if (offsetMinutesAt(windowEnd, zone) === offset) return windowEnd;
  const today = localDateOf(instant, zone);
  const { offsets, changes } = offsetChangesBetween(new Date(instant.getTime() - DAY), new Date(instant.getTime() + (HORIZON_DAYS + 1) * DAY), zone);
  const ends = Array.from({ length: HORIZON_DAYS + 2 }, (_, index) => index - 1).flatMap((days) => instantsAtLocal(addLocalDays(today, days), end, zone, offsets));
  const allowed = [...ends, ...changes]
    .filter((candidate) => candidate > instant.getTime())
    .sort((a, b) => a - b)
    .find((candidate) => !isQuietAt(new Date(candidate), zone, quietHours));
  // A window starts and ends at different minutes, so every horizon holds an allowed minute.
  return allowed === undefined ? instant : new Date(allowed);
};
