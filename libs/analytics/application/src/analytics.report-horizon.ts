/**
 * Until when a report made at one instant is the report of every later instant, apart from what
 * follows the clock exactly (the window's bounds when it ends now, participation's 7 days), which
 * whoever keeps a report puts back at each request. Everything else the report (and what is shown of
 * it) reads from the clock is a step function: ages in whole hours from each open support request,
 * whole days without a step from each quiet journey (stalled after whole days, so at one of those
 * steps), support waiting after 24 hours, and the weeks (of the window and since each vision
 * revision) that change when a Monday passes in the organisation's timezone.
 */
import { DEFAULT_WINDOW_WEEKS, midnightOf, nextWeekStartAfter, quietSince, weekOf, WEEK_SETTLING_MS, type AnalyticsWindow } from '@stepwise/analytics-domain';
import type { AnalyticsFacts } from './analytics-read.port';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** The first instant after `now` at which `floor((t - origin) / period)` changes. */
const nextStep = (now: number, origin: number, period: number): number => origin + (Math.floor((now - origin) / period) + 1) * period;

export interface ReportClock {
  /** The window ends at the request's instant (no `to` asked). */
  readonly toFollowsClock: boolean;
  /** Its start follows too (neither `from` nor `to` asked): 12 weeks before. */
  readonly fromFollowsClock: boolean;
}

/**
 * The first instant (ms, exclusive) up to which the report made from `facts` at `now` stays the
 * same but for the clock-following bounds; never beyond the facts' own `stableUntil`.
 */
export const reportHoldsUntil = (facts: AnalyticsFacts, window: AnalyticsWindow, clock: ReportClock, timezone: string, now: Date): number => {
  const at = now.getTime();
  let until = facts.stableUntil?.getTime() ?? Number.POSITIVE_INFINITY;
  const upTo = (instant: number): void => {
    until = Math.min(until, instant);
  };
  for (const request of facts.openSupport) upTo(nextStep(at, request.requestedAt.getTime(), HOUR));
  for (const journey of facts.attention) for (const requestedAt of journey.openSupportRequestedAt) upTo(nextStep(at, requestedAt.getTime(), HOUR));
  for (const journey of facts.stalled) upTo(nextStep(at, quietSince(journey.activity).getTime(), DAY));
  for (const journey of facts.attention) upTo(nextStep(at, quietSince(journey.activity).getTime(), DAY));
  // Weeks over [start, end) hold every week starting before `end`: one more as soon as the clock is past a Monday.
  const monday = nextWeekStartAfter(new Date(at - 1), timezone);
  upTo(monday === at ? at + 1 : monday);
  // A week just over is shown to aggregate-only readers a minute after it ended (WEEK_SETTLING_MS).
  const settled = midnightOf(weekOf(now, timezone), timezone).getTime() + WEEK_SETTLING_MS;
  if (settled > at) upTo(settled);
  // A window that ends now and began 12 weeks before starts in another week once its start passes a Monday.
  if (clock.fromFollowsClock) upTo(nextWeekStartAfter(window.from, timezone) + DEFAULT_WINDOW_WEEKS * WEEK);
  // A window asked to end later ends at the clock until then.
  if (!clock.toFollowsClock && window.to.getTime() >= at) upTo(window.to.getTime());
  return Math.max(until, at + 1);
};
