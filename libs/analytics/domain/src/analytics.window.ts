/** The period an analytics query covers: `from` inclusive, `to` exclusive; by default the last 12 weeks. */
import { invalid } from '@stepwise/kernel';

export const DEFAULT_WINDOW_WEEKS = 12;
export const MAX_WINDOW_WEEKS = 104;
const WEEK = 7 * 86_400_000;

export interface AnalyticsWindow {
  readonly from: Date;
  readonly to: Date;
}

export const analyticsWindow = (now: Date, from?: Date | null, to?: Date | null): AnalyticsWindow => {
  const end = to ?? now;
  const start = from ?? new Date(end.getTime() - DEFAULT_WINDOW_WEEKS * WEEK);
  if (Number.isNaN(start.getTime())) return invalid('from', 'INVALID_FORMAT', 'from is not a date-time');
  if (Number.isNaN(end.getTime())) return invalid('to', 'INVALID_FORMAT', 'to is not a date-time');
  if (start >= end) return invalid('from', 'OUT_OF_RANGE', 'from must be before to');
  if (end.getTime() - start.getTime() > MAX_WINDOW_WEEKS * WEEK) {
    return invalid('from', 'OUT_OF_RANGE', `A window spans at most ${MAX_WINDOW_WEEKS} weeks`);
  }
  return { from: start, to: end };
};
