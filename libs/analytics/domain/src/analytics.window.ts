/** The period an analytics query covers: `from` inclusive, `to` exclusive; by default the last 12 weeks. */
import { invalid } from '@stepwise/kernel';

export const DEFAULT_WINDOW_WEEKS = 12;
export const MAX_WINDOW_WEEKS = 104;
const WEEK = 7 * 86_400_000;

/**
 * The instants a window's bounds may take. Past year 9999 (or before year 1) an instant has no ISO
 * 8601 timestamp the database reads, and below year 100 the calendar arithmetic of weeks reads
 * years as 19xx; no organisation's history reaches before 1900.
 */
export const EARLIEST_WINDOW_BOUND = new Date('1900-01-01T00:00:00.000Z');
export const LATEST_WINDOW_BOUND = new Date('9999-01-01T00:00:00.000Z');

const withinBounds = (field: 'from' | 'to', instant: Date): void => {
  if (instant < EARLIEST_WINDOW_BOUND || instant > LATEST_WINDOW_BOUND) {
    invalid(field, 'OUT_OF_RANGE', `${field} must be between ${EARLIEST_WINDOW_BOUND.toISOString()} and ${LATEST_WINDOW_BOUND.toISOString()}`);
  }
};

export interface AnalyticsWindow {
  readonly from: Date;
  readonly to: Date;
}

export const analyticsWindow = (now: Date, from?: Date | null, to?: Date | null): AnalyticsWindow => {
  const end = to ?? now;
  const start = from ?? new Date(end.getTime() - DEFAULT_WINDOW_WEEKS * WEEK);
  // `to` first: without `from`, the start is made from it and would be as invalid.
  if (Number.isNaN(end.getTime())) return invalid('to', 'INVALID_DATE_TIME', 'to must be an ISO 8601 timestamp with a timezone');
  if (Number.isNaN(start.getTime())) return invalid('from', 'INVALID_DATE_TIME', 'from must be an ISO 8601 timestamp with a timezone');
  withinBounds('to', end);
  // A start the caller did not send is the default 12 weeks before `to`: `to` is what they can fix.
  if (!from && start < EARLIEST_WINDOW_BOUND) {
    invalid('to', 'OUT_OF_RANGE', `Without from, the window starts ${DEFAULT_WINDOW_WEEKS} weeks before to, which must then be after ${EARLIEST_WINDOW_BOUND.toISOString()}`);
  }
  withinBounds('from', start);
  if (start >= end) return invalid('from', 'OUT_OF_RANGE', 'from must be before to');
  if (end.getTime() - start.getTime() > MAX_WINDOW_WEEKS * WEEK) {
    return invalid('from', 'OUT_OF_RANGE', `A window spans at most ${MAX_WINDOW_WEEKS} weeks`);
  }
  return { from: start, to: end };
};
