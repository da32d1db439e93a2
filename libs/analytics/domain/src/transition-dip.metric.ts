/**
 * The transition dip after a vision revision: people feel worse before they feel better. Its depth is
 * the lowest weekly mean comfort after the revision; it has recovered in the first week whose mean is
 * back at the baseline (the mean comfort in the weeks right before the revision).
 */
import { weekBuckets } from './week.bucket';

export interface TransitionDip {
  readonly revisedAt: Date;
  /** Mean comfort over the baseline weeks before the revision; null when nobody reflected then. */
  readonly baseline: number | null;
  /** The lowest weekly mean after the revision (until it recovered); null with no reflections since. */
  readonly trough: number | null;
  /** Weeks from the revision's week to the week comfort was back at the baseline; null: not yet. */
  readonly weeksToRecover: number | null;
  /** Whole weeks since the revision's week began (to `until`). */
  readonly weeksSince: number;
}

export const BASELINE_WEEKS = 4;
const WEEK = 7 * 86_400_000;

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

export const transitionDip = (
  revisedAt: Date,
  reflections: readonly { readonly comfort: number; readonly at: Date }[],
  until: Date,
  timezone: string,
  baselineWeeks = BASELINE_WEEKS,
): TransitionDip => {
  const baselineFrom = revisedAt.getTime() - baselineWeeks * WEEK;
  const baseline = mean(reflections.filter((r) => r.at.getTime() >= baselineFrom && r.at < revisedAt).map((r) => r.comfort));
  const weeks = weekBuckets(revisedAt, until, timezone);
  let trough: number | null = null;
  let weeksToRecover: number | null = null;
  for (const [index, week] of weeks.entries()) {
    const weekly = mean(reflections.filter((r) => r.at >= revisedAt && r.at >= week.start && r.at < week.end).map((r) => r.comfort));
    if (weekly === null) continue;
    trough = trough === null ? weekly : Math.min(trough, weekly);
    if (baseline !== null && weekly >= baseline) {
      weeksToRecover = index;
      break;
    }
  }
  return { revisedAt, baseline, trough, weeksToRecover, weeksSince: Math.max(weeks.length - 1, 0) };
};
