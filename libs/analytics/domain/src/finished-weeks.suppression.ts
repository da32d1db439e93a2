/**
 * Privacy across answers, for readers who see aggregates only. Suppression inside one answer
 * (privacy.suppression) is not enough: two windows a millisecond apart, or the default window before
 * and after a reflection arrives, differ by one person's answer. So for such readers a window is
 * whole weeks in the organisation's timezone, a week counts only once it is over, and a figure over
 * the window is the sum of the weekly cells shown, each over at least the minimum group size of
 * distinct people. Whatever any number of answers give by adding and subtracting is then a sum of
 * finished weekly cells each over that size.
 */
import type { AnalyticsWindow } from './analytics.window';
import { closerRate, type DirectionSummary, NO_DIRECTION } from './direction.metric';
import { SHOWN, suppressionFor, type Suppression } from './privacy.suppression';
import { midnightOf, nextWeekStartAfter, weekOf } from './week.bucket';

/** The window widened to whole weeks: from the Monday 00:00 at or before `from` to the one at or after `to`. */
export const wholeWeeksWindow = (window: AnalyticsWindow, timezone: string): AnalyticsWindow => ({
  from: midnightOf(weekOf(window.from, timezone), timezone),
  to: new Date(nextWeekStartAfter(new Date(window.to.getTime() - 1), timezone)),
});

export const WEEK_NOT_OVER: Suppression = {
  suppressed: true,
  reason: 'This week is not over yet: its answers count once it ends',
};

/**
 * The cells added up: counts, distribution and quadrants summed, the mean comfort over every
 * reflection of them. `people` is the most distinct people of any one cell (distinct people are not
 * a sum): each cell shown was over at least the minimum group size.
 */
export const sumDirections = (cells: readonly DirectionSummary[]): DirectionSummary => {
  if (cells.length === 0) return NO_DIRECTION;
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  const quadrants = { FLOWING: 0, STRETCHING: 0, STUCK: 0, COASTING: 0 };
  let [yes, no, unsure, people] = [0, 0, 0, 0];
  for (const cell of cells) {
    yes += cell.yes;
    no += cell.no;
    unsure += cell.unsure;
    people = Math.max(people, cell.people);
    cell.comfortDistribution.forEach((count, index) => (distribution[index] += count));
    for (const quadrant of Object.keys(quadrants) as (keyof typeof quadrants)[]) quadrants[quadrant] += cell.quadrants[quadrant];
  }
  const reflections = distribution.reduce((sum, count) => sum + count, 0);
  const comfortTotal = distribution.reduce((sum, count, index) => sum + count * (index + 1), 0);
  return {
    yes,
    no,
    unsure,
    closerRate: closerRate({ yes, no }),
    comfortMean: reflections === 0 ? null : comfortTotal / reflections,
    comfortDistribution: distribution,
    quadrants,
    people,
  };
};

export interface WeekCellInput {
  /** The instant the week ends (the next Monday 00:00). */
  readonly end: Date;
  readonly direction: DirectionSummary;
}

export interface FinishedWeeksFigures {
  /** Each week's suppression, in the order given. */
  readonly weeks: readonly Suppression[];
  /** The sum of the weeks shown. */
  readonly total: DirectionSummary;
  readonly totalSuppression: Suppression;
  /** Weeks someone answered in whose answers are left out of the total (too few people, or not over). */
  readonly weeksWithheld: number;
}

export const NO_FINISHED_WEEK_SHOWN = (minimumGroupSize: number): Suppression => ({
  suppressed: true,
  reason: `No finished week in this period had at least ${minimumGroupSize} people answering (the organisation's minimum group size)`,
});

/** The weekly cells an aggregate-only reader sees at `now`, and the window's figures as their sum. */
export const finishedWeeksFigures = (weeks: readonly WeekCellInput[], now: Date, minimumGroupSize: number): FinishedWeeksFigures => {
  const suppressions = weeks.map((week) => (week.end > now ? WEEK_NOT_OVER : suppressionFor(week.direction.people, minimumGroupSize)));
  const shown = weeks.filter((_, index) => !suppressions[index].suppressed).map((week) => week.direction);
  const weeksWithheld = weeks.filter((week, index) => suppressions[index].suppressed && week.direction.people > 0).length;
  const anyone = weeks.some((week) => week.direction.people > 0);
  return {
    weeks: suppressions,
    total: sumDirections(shown),
    totalSuppression: shown.length > 0 ? SHOWN : anyone ? NO_FINISHED_WEEK_SHOWN(minimumGroupSize) : suppressionFor(0, minimumGroupSize),
    weeksWithheld,
  };
};
