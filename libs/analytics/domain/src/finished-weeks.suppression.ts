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
 * How long after a week ends its last answers may still be on their way to the analytics (decided
 * before the week ended, committed and counted just after): a finished week is shown no sooner.
 */
export const WEEK_SETTLING_MS = 60_000;

/**
 * The instant up to which every answer is counted: a minute ago (WEEK_SETTLING_MS), or earlier when
 * the analytics have events still to apply (`pendingSince`, the earliest of them).
 */
export const countedThrough = (now: Date, pendingSince: Date | null): Date =>
  new Date(Math.min(now.getTime() - WEEK_SETTLING_MS, pendingSince?.getTime() ?? Number.POSITIVE_INFINITY));

export const WEEK_BEING_COUNTED: Suppression = {
  suppressed: true,
  reason: 'This week has just ended, and its last answers are still being counted: it is shown once they are',
};

/** A span whose every answer is in the week still in progress: nothing is withheld for too few people. */
export const NO_WEEK_OVER_YET: Suppression = {
  suppressed: true,
  reason: 'Every answer in this period is in a week not over yet: they count once it ends',
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

/** One journey's answers in one week: the finest cell an aggregate-only reader's figures are summed from. */
export interface JourneyWeekCell {
  readonly journeyId: string;
  readonly teamId: string;
  /** The local date of the week's Monday. */
  readonly week: string;
  readonly direction: DirectionSummary;
  /** The earliest answer in the cell (business time). */
  readonly firstAt: Date;
}

export interface SummedCell {
  readonly direction: DirectionSummary;
  readonly suppression: Suppression;
  /** Journey-weeks with answers in this cell that are left out (too few people, or the week not over). */
  readonly weeksWithheld: number;
}

export interface FinishedWeeksFigures {
  readonly total: SummedCell;
  /** Each week asked for, in the order given. */
  readonly weeks: readonly SummedCell[];
  /** Each team asked for, in the order given. */
  readonly teams: readonly SummedCell[];
}

/**
 * Weeks cut in one timezone and then in another overlap: a week of each, both over the minimum group
 * size, differ by the few hours' answers between their Mondays, which may be one person's. So once
 * the organisation's timezone has changed, a journey-week that started before the change is shown
 * only if every answer in it came after the change: answers given before it were shown cut the old
 * way, answers given after it never were.
 */
export const weekBeforeTimezoneChange = (changedAt: Date): Suppression => ({
  suppressed: true,
  reason: `The organisation's timezone changed on ${changedAt.toISOString().slice(0, 10)}: weeks before that are cut in another timezone, and are withheld`,
});

export const NO_FINISHED_WEEK_SHOWN = (minimumGroupSize: number): Suppression => ({
  suppressed: true,
  reason: `No finished week in this period had at least ${minimumGroupSize} people answering on one journey (the organisation's minimum group size)`,
});

/** A span withheld for both reasons: some of its weeks were cut before the timezone changed, the rest had too few people. */
export const NO_FINISHED_WEEK_SHOWN_SINCE_TIMEZONE_CHANGE = (minimumGroupSize: number, changedAt: Date): Suppression => ({
  suppressed: true,
  reason:
    `No finished week in this period can be shown: the organisation's timezone changed on ${changedAt.toISOString().slice(0, 10)}, so weeks before that are withheld, ` +
    `and the later ones had fewer than ${minimumGroupSize} people answering on one journey (the organisation's minimum group size)`,
});

/**
 * What an aggregate-only reader sees at `now`: each journey's week is shown when the week is over, it
 * holds no answer from before the week that the organisation's timezone last changed (`timezoneSince`,
 * null if it never did) could have cut the other way, and
 * at least the minimum group size of distinct people answered on it; every figure (the window, a
 * week, a team) is the sum of the journey-weeks shown within it. A journey, its team and the
 * organisation are then sums of the same shown cells, so no scope less another, nor one window less
 * another, nor a reading before a timezone change less one after it, is a cell below that size.
 */
export const finishedWeeksFigures = (
  cells: readonly JourneyWeekCell[],
  weeks: readonly { readonly week: string; readonly start: Date; readonly end: Date }[],
  teamIds: readonly string[],
  now: Date,
  minimumGroupSize: number,
  timezoneSince: Date | null,
  /** Every answer before this is counted (see countedThrough): a week ending later is not shown yet. Defaults to `now`. */
  counted: Date = now,
): FinishedWeeksFigures => {
  const cutBefore = (start: Date): boolean => timezoneSince !== null && start < timezoneSince;
  /** A journey-week with an answer from before the change, in a week that started before it: shown once cut the old way. */
  const cutTwice = (cell: JourneyWeekCell, start: Date): boolean => cutBefore(start) && cell.firstAt < timezoneSince!;
  const byWeek = new Map(weeks.map((week) => [week.week, week]));
  /** A week of the window is over but its last answers may not all be counted yet. */
  const counting = weeks.some(({ end }) => end > counted && end <= now);
  const judged = cells
    .filter((cell) => byWeek.has(cell.week) && cell.direction.people > 0)
    .map((cell) => {
      const { start, end } = byWeek.get(cell.week)!;
      const twice = cutTwice(cell, start);
      return { cell, twice, shown: end <= counted && !twice && cell.direction.people >= minimumGroupSize };
    });
  /**
   * `span`: over several weeks (the window, a team); `week` one finished week; `notOver` the week in
   * progress (or later); `counting` one just over, its answers still being counted; `cut` one before
   * the timezone changed.
   */
  const summed = (within: (cell: JourneyWeekCell) => boolean, kind: 'span' | 'week' | 'notOver' | 'counting' | 'cut'): SummedCell => {
    const mine = judged.filter(({ cell }) => within(cell));
    const shown = mine.filter(({ shown }) => shown).map(({ cell }) => cell.direction);
    const withheld = mine.length - shown.length;
    const why = (): Suppression => {
      if (shown.length > 0) return SHOWN;
      if (kind === 'notOver') return WEEK_NOT_OVER;
      if (kind === 'counting') return WEEK_BEING_COUNTED;
      if (kind === 'cut' && timezoneSince && mine.some(({ twice }) => twice)) return weekBeforeTimezoneChange(timezoneSince);
      // Nothing counted yet in a week just over is not "nobody answered".
      if (withheld === 0) return kind === 'span' && counting ? WEEK_BEING_COUNTED : suppressionFor(0, minimumGroupSize);
      if (kind !== 'span') return suppressionFor(1, minimumGroupSize);
      // Over several weeks, say which reason withheld the finished ones: the timezone change, too few people, or both.
      const cut = mine.some(({ twice }) => twice);
      const few = mine.some(({ cell, twice }) => !twice && byWeek.get(cell.week)!.end <= counted);
      if (cut && timezoneSince) return few ? NO_FINISHED_WEEK_SHOWN_SINCE_TIMEZONE_CHANGE(minimumGroupSize, timezoneSince) : weekBeforeTimezoneChange(timezoneSince);
      return few ? NO_FINISHED_WEEK_SHOWN(minimumGroupSize) : counting ? WEEK_BEING_COUNTED : NO_WEEK_OVER_YET;
    };
    return { direction: sumDirections(shown), suppression: why(), weeksWithheld: withheld };
  };
  const kindOf = (start: Date, end: Date): 'week' | 'notOver' | 'counting' | 'cut' =>
    end > now ? 'notOver' : end > counted ? 'counting' : cutBefore(start) ? 'cut' : 'week';
  return {
    total: summed(() => true, 'span'),
    weeks: weeks.map(({ week, start, end }) => summed((cell) => cell.week === week, kindOf(start, end))),
    teams: teamIds.map((teamId) => summed((cell) => cell.teamId === teamId, 'span')),
  };
};
