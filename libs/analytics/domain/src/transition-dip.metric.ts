/**
 * The transition dip after a vision revision: people feel worse before they feel better. Its depth is
 * the lowest weekly mean comfort after the revision; it has recovered in the first week whose mean is
 * back at the baseline (the mean comfort in the weeks right before the revision).
 *
 * Every week here is a week of the organisation's timezone (week.bucket): the baseline runs from the
 * Monday 00:00 that starts the week BASELINE_WEEKS weeks before the revision's week up to the
 * revision (those whole weeks, and the revision's own week until it), and the weeks after are the
 * revision's week (from the revision) and each week after it. Weeks are counted on the calendar, not
 * as 7 × 24 hours: a week with a change of clocks is 167 or 169 hours long.
 */
import { addLocalDays } from '@stepwise/kernel';
import { midnightOf, weekBuckets, weekOf } from './week.bucket';

export interface TransitionDip {
  readonly revisedAt: Date;
  /** Mean comfort over the baseline weeks before the revision (see above); null when nobody reflected then. */
  readonly baseline: number | null;
  /** The lowest weekly mean after the revision (until it recovered); null with no reflections since. */
  readonly trough: number | null;
  /** Weeks from the revision's week to the week comfort was back at the baseline; null: not yet. */
  readonly weeksToRecover: number | null;
  /** Whole weeks since the revision's week began (to `until`). */
  readonly weeksSince: number;
}

export const BASELINE_WEEKS = 4;

/** Where the baseline starts: Monday 00:00 in `timezone` of the week `weeks` weeks before the one holding `revisedAt`. */
export const baselineStart = (revisedAt: Date, timezone: string, weeks = BASELINE_WEEKS): Date =>
  midnightOf(addLocalDays(weekOf(revisedAt, timezone), -7 * weeks), timezone);

/** The mean comfort of the reflections at or after `from` and before `to` (instants in ms), in their order; null when there are none. */
const meanBetween = (at: readonly number[], comfort: readonly number[], from: number, to: number): number | null => {
  let sum = 0;
  let count = 0;
  for (let index = 0; index < at.length; index += 1) {
    if (at[index] >= from && at[index] < to) {
      sum += comfort[index];
      count += 1;
    }
  }
  return count === 0 ? null : sum / count;
};

export const transitionDip = (
  revisedAt: Date,
  reflections: readonly { readonly comfort: number; readonly at: Date }[],
  until: Date,
  timezone: string,
  baselineWeeks = BASELINE_WEEKS,
): TransitionDip => {
  // Instants as numbers once: a report asks for several dips over the same reflections, week by week.
  const at = reflections.map((r) => r.at.getTime());
  const comfort = reflections.map((r) => r.comfort);
  const revised = revisedAt.getTime();
  const baseline = meanBetween(at, comfort, baselineStart(revisedAt, timezone, baselineWeeks).getTime(), revised);
  const weeks = weekBuckets(revisedAt, until, timezone);
  let trough: number | null = null;
  let weeksToRecover: number | null = null;
  for (const [index, week] of weeks.entries()) {
    const weekly = meanBetween(at, comfort, Math.max(revised, week.start.getTime()), week.end.getTime());
    if (weekly === null) continue;
    trough = trough === null ? weekly : Math.min(trough, weekly);
    if (baseline !== null && weekly >= baseline) {
      weeksToRecover = index;
      break;
    }
  }
  return { revisedAt, baseline, trough, weeksToRecover, weeksSince: Math.max(weeks.length - 1, 0) };
};
