/**
 * The days a commitment's nudges belong to, read where the member is when the nudge is delivered.
 * The policy dates a commitment's nudges on the member's wall clock as it was when the commitment
 * was made ("due tomorrow" on the day before `dueOn`, "overdue" from the day after it); a member
 * who moves to another timezone before they are delivered would otherwise be told a commitment is
 * overdue while it is still due today where they are, or due tomorrow two days early. Delivery holds
 * such a nudge until that day has begun where the member now is (then out of their quiet hours);
 * one that would arrive too late is suppressed by `nudgeRelevance` (DUE_DATE_PASSED).
 */
import { addLocalDays } from '@stepwise/kernel';
import type { QuietHours } from '@stepwise/tenancy-domain';
import type { OwedNudge } from '../owed-nudge';
import { knownTimezone } from './local-time';
import { wallClockAfterMidnight } from './policy.decide';
import { deferOutOfQuietHours } from './quiet-hours.policy';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The first instant at which `nudge` may arrive where the member is (`timezone`): on its day, at the
 * rule's time on the wall clock (`minutesAfterMidnight`, as the policy kept it; midnight for a nudge
 * owed before it was kept); null for a nudge not tied to a day.
 */
export const memberDayStartOf = (nudge: OwedNudge, timezone: string): Date | null => {
  const dueOn = nudge.facts.dueOn;
  if (typeof dueOn !== 'string' || !LOCAL_DATE.test(dueOn)) return null;
  const kept = nudge.facts.minutesAfterMidnight;
  const minutes = typeof kept === 'number' && Number.isInteger(kept) && kept >= 0 ? kept : 0;
  if (nudge.rule === 'COMMITMENT_DUE') return wallClockAfterMidnight(addLocalDays(dueOn, -1), minutes, knownTimezone(timezone));
  if (nudge.rule === 'COMMITMENT_OVERDUE') return wallClockAfterMidnight(addLocalDays(dueOn, 1), minutes, knownTimezone(timezone));
  return null;
};

/**
 * The first instant at or after `now` at which `nudge` may be delivered to a member in `timezone`
 * with `quietHours`: not before its day where they are, and out of their quiet hours.
 */
export const deliverableFrom = (nudge: OwedNudge, now: Date, timezone: string, quietHours: QuietHours | null): Date => {
  const dayStart = memberDayStartOf(nudge, timezone);
  const from = dayStart && dayStart.getTime() > now.getTime() ? dayStart : now;
  return deferOutOfQuietHours(from, timezone, quietHours);
};

/** Where a day begins first (UTC+14): no member's day begins earlier. */
const EARLIEST_DAY_ZONE = 'Pacific/Kiritimati';

/**
 * When the member's delivery of `nudge` is first looked at: its due time, or for a nudge tied to a
 * day the earliest instant that day could begin anywhere, whichever is sooner. Delivery then holds it
 * until its day where the member is at that moment (deliverableFrom): a member who moved east since
 * it was owed is reached on their day, where the due time, worked out where they were, would find
 * the day over.
 */
export const firstLookAt = (nudge: OwedNudge, dueAt: Date): Date => {
  const anywhere = memberDayStartOf(nudge, EARLIEST_DAY_ZONE);
  return anywhere && anywhere.getTime() < dueAt.getTime() ? anywhere : dueAt;
};
