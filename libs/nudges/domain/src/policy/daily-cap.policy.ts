/**
 * The daily cap: at most `dailyCap` nudges delivered to a member per local day (midnight to
 * midnight where they are). Delivery counts what it already delivered to the recipient within
 * `capDayOf(now, timezone)` and asks `dailyCapRelevance`; a nudge over the cap is suppressed with
 * its reason, like any other that is not sent.
 */
import { DAILY_CAP_RANGE, DEFAULT_DAILY_CAP } from '../notification-preferences';
import { knownTimezone, localDayOf } from './local-time';
import { RELEVANT, suppressedBecause, type Relevance } from './policy.decision';

/** The recipient's local day that holds `now`: count deliveries in [start, end). */
export const capDayOf = (now: Date, timezone: string): { readonly date: string; readonly start: Date; readonly end: Date } =>
  localDayOf(now, knownTimezone(timezone));

/** The most nudges a member may be delivered on a local day: a cap outside the allowed range (a stored value from before a change of range) is brought into it. */
export const effectiveDailyCap = (dailyCap: number): number =>
  Number.isInteger(dailyCap) ? Math.min(Math.max(dailyCap, DAILY_CAP_RANGE.min), DAILY_CAP_RANGE.max) : DEFAULT_DAILY_CAP;

/** Whether one more nudge may be delivered on a local day that has already had `deliveredOnLocalDay`. */
export const dailyCapRelevance = (deliveredOnLocalDay: number, dailyCap: number): Relevance =>
  deliveredOnLocalDay < effectiveDailyCap(dailyCap) ? RELEVANT : suppressedBecause('DAILY_CAP_REACHED', 'DAILY_CAP_REACHED');
