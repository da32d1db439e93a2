/**
 * Quiet hours: a daily window in the member's timezone when nudges wait. A window whose start is
 * later than its end spans midnight (22:00–07:00). A nudge that falls due inside the window is
 * deferred to the next allowed minute: the instant the window ends on the member's wall clock (on a
 * night the clocks go back, the first end the wall clock reaches after the nudge fell due).
 */
import { addLocalDays, localDateOf } from '@stepwise/kernel';
import type { QuietHours } from '@stepwise/tenancy-domain';
import { clockMinutes, instantAtLocal, knownTimezone, localMinutesOf } from './local-time';

const MINUTE = 60_000;

/** True when the wall clock at `instant` in `timezone` is inside the quiet window. */
export const isQuietAt = (instant: Date, timezone: string, quietHours: QuietHours | null): boolean => {
  if (!quietHours) return false;
  const start = clockMinutes(quietHours.start);
  const end = clockMinutes(quietHours.end);
  const now = localMinutesOf(instant, knownTimezone(timezone));
  return start < end ? now >= start && now < end : now >= start || now < end;
};

/** The first instant at or after `instant` outside the quiet hours (`instant` itself when it is not quiet). */
export const deferOutOfQuietHours = (instant: Date, timezone: string, quietHours: QuietHours | null): Date => {
  const zone = knownTimezone(timezone);
  if (!isQuietAt(instant, zone, quietHours) || !quietHours) return instant;
  const start = clockMinutes(quietHours.start);
  const end = clockMinutes(quietHours.end);
  const today = localDateOf(instant, zone);
  // Past the start of a window that spans midnight: it ends tomorrow; otherwise later today.
  const endsOn = start > end && localMinutesOf(instant, zone) >= start ? addLocalDays(today, 1) : today;
  let allowed = instantAtLocal(endsOn, end, zone);
  // Clocks going back repeat the end's wall time: `instant` may lie in the repeated stretch, after the
  // end's first occurrence and back inside the window on the wall clock. The window then ends at the
  // end's second occurrence, which the walk below reaches from the instant's next whole minute.
  if (allowed.getTime() <= instant.getTime()) allowed = new Date(Math.ceil(instant.getTime() / MINUTE) * MINUTE);
  // A DST change inside the window can leave the wall clock short of the end by the hour it moved;
  // walk to the first minute that is not quiet (at most the size of the change).
  for (let guard = 0; guard < 180 && isQuietAt(allowed, zone, quietHours); guard += 1) allowed = new Date(allowed.getTime() + MINUTE);
  return allowed.getTime() < instant.getTime() ? instant : allowed;
};
