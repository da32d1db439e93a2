/**
 * From the facts of a scope to what its reader sees: the metric definitions applied, privacy
 * suppression where the reader sees aggregates only (above one team, or an admin who does not lead
 * the team: sums of finished journey-weeks over the minimum group size, see finished-weeks.suppression),
 * and the attention findings. Pure: the clock and settings come in.
 */
import {
  ANSWER_BEARING_FINDINGS,
  ANSWER_BEARING_FINDINGS_WITHHELD,
  attentionFindings,
  closerAroundPivot,
  countedThrough,
  finishedWeeksFigures,
  NO_DIRECTION,
  pivotLeadTimeSuppression,
  QUADRANTS_WITHHELD,
  suppressionFor,
  SHOWN,
  transitionDip,
  weekBuckets,
  type AnalyticsWindow,
  type AttentionFinding,
  type DirectionSummary,
  type LoopDiscipline,
  type Participation,
  type SummedCell,
  type Suppression,
  type TransitionDip,
} from '@stepwise/analytics-domain';
import type { AnalyticsDetail } from './access/analytics-access.policy';
import type { AnalyticsFacts, AnalyticsScope, JourneyReflectionRow, OpenSupportRow, StalledJourneyRow } from './analytics-read.port';

export interface AnalyticsSettings {
  readonly timezone: string;
  readonly minimumGroupSize: number;
  readonly stalledAfterDays: number;
  readonly reflectionWindowHours: number;
  /** When the timezone last changed (null if it never did): aggregate-only readers see the weeks after it. */
  readonly timezoneSince: Date | null;
}

export interface DirectionCell extends DirectionSummary {
  readonly suppression: Suppression;
  /** Weeks someone answered in that are left out of these figures (aggregate-only readers: too few people, or not over). */
  readonly weeksWithheld: number;
}

export interface WeekReport {
  readonly week: string;
  readonly start: Date;
  readonly end: Date;
  readonly direction: DirectionCell;
  readonly stepsTaken: number;
}

export interface PivotReport {
  readonly pivotId: string;
  readonly journeyId: string;
  readonly at: Date;
  readonly hoursFromFirstNo: number | null;
  readonly reflectionsCompared: number;
  readonly closerRateBefore: number | null;
  readonly closerRateAfter: number | null;
}

export interface DipReport extends TransitionDip {
  readonly journeyId: string;
  readonly visionVersion: number;
}

export interface AnalyticsReport {
  readonly window: AnalyticsWindow;
  readonly timezone: string;
  readonly direction: DirectionCell;
  readonly weeks: readonly WeekReport[];
  readonly momentum: { readonly stepsTaken: number; readonly openSteps: number; readonly overdueSteps: number };
  readonly loopDiscipline: LoopDiscipline & { readonly windowHours: number };
  readonly pivots: {
    readonly count: number;
    readonly medianHoursFromFirstNo: number | null;
    /** Whether the median is withheld (aggregate-only readers: see pivotLeadTimeSuppression), and why. */
    readonly suppression: Suppression;
    readonly items: readonly PivotReport[];
  };
  readonly transitionDips: readonly DipReport[];
  readonly participation: Participation & { readonly from: Date; readonly to: Date; readonly suppression: Suppression };
  readonly stalled: { readonly count: number; readonly stalledAfterDays: number; readonly journeys: readonly StalledJourneyRow[] };
  readonly support: { readonly open: number; readonly oldestAgeHours: number | null; readonly requests: readonly OpenSupportRow[] };
  readonly commitments: AnalyticsFacts['commitments'];
  readonly attention: readonly AttentionFinding[];
  /** Whether the findings on a journey's comfort or direction (ANSWER_BEARING_FINDINGS) are left out, and why. */
  readonly attentionSuppression: Suppression;
  /** Whether the comfort × direction quadrants are left out (zero) of every cell, and why (see QUADRANTS_WITHHELD). */
  readonly quadrantsSuppression: Suppression;
  readonly teams: readonly { readonly teamId: string; readonly name: string; readonly direction: DirectionCell }[];
}

const HOUR = 3_600_000;

const byJourney = <Row extends { journeyId: string }>(rows: readonly Row[], journeyId: string): Row[] => rows.filter((row) => row.journeyId === journeyId);

/** Each pivot's comparison (closerAroundPivot) keeps to one direction a side: since the previous pivot (or the direction set), up to the next. */
const pivotReports = (facts: AnalyticsFacts): PivotReport[] =>
  facts.pivots.map((pivot) => {
    const journeyPivots = byJourney(facts.pivotsAround, pivot.journeyId).sort((a, b) => a.at.getTime() - b.at.getTime());
    const nextPivot = journeyPivots.find((other) => other.at > pivot.at) ?? null;
    const previousPivot = journeyPivots.findLast((other) => other.at < pivot.at) ?? null;
    const directionSince = previousPivot?.at ?? facts.directionsSetAround.find((set) => set.journeyId === pivot.journeyId)?.at ?? null;
    const around = closerAroundPivot(byJourney(facts.reflectionsAround, pivot.journeyId), pivot.at, nextPivot?.at ?? null, directionSince);
    return {
      pivotId: pivot.pivotId,
      journeyId: pivot.journeyId,
      at: pivot.at,
      hoursFromFirstNo: pivot.firstNoAt ? (pivot.at.getTime() - pivot.firstNoAt.getTime()) / HOUR : null,
      reflectionsCompared: around.reflections,
      closerRateBefore: around.before,
      closerRateAfter: around.after,
    };
  });

const dips = (facts: AnalyticsFacts, now: Date, timezone: string): DipReport[] =>
  facts.revisions.map((revision) => ({
    journeyId: revision.journeyId,
    visionVersion: revision.version,
    ...transitionDip(revision.at, byJourney(facts.reflectionsAround, revision.journeyId), now, timezone),
  }));

const latestDip = (journeyId: string, revisedAt: Date | null, reflections: readonly JourneyReflectionRow[], now: Date, timezone: string): TransitionDip | null =>
  revisedAt ? transitionDip(revisedAt, byJourney(reflections, journeyId), now, timezone) : null;

export const analyticsReport = (
  facts: AnalyticsFacts,
  scope: AnalyticsScope,
  window: AnalyticsWindow,
  settings: AnalyticsSettings,
  now: Date,
  detail: AnalyticsDetail,
): AnalyticsReport => {
  // A team's leaders see each person's figures (a coaching relationship); everyone else, and every
  // reader above one team, sees comfort and direction only over the minimum group size of people.
  const aboveOneTeam = detail === 'AGGREGATE' || scope.kind === 'organisation';
  const suppression = (people: number): Suppression => (aboveOneTeam ? suppressionFor(people, settings.minimumGroupSize) : SHOWN);
  const weeksByDate = new Map(facts.weeks.map((week) => [week.week, week]));
  const buckets = weekBuckets(window.from, window.to, settings.timezone);
  const asRead = (direction: DirectionSummary): DirectionCell => ({ ...direction, suppression: SHOWN, weeksWithheld: 0 });
  // The quadrant crosses comfort with directions shown person by person: left out for these readers.
  const summed = ({ direction, suppression, weeksWithheld }: SummedCell): DirectionCell => ({ ...direction, quadrants: NO_DIRECTION.quadrants, suppression, weeksWithheld });
  let total: DirectionCell;
  let weekCells: DirectionCell[];
  let teamCells: DirectionCell[];
  if (aboveOneTeam) {
    // Across answers too: every figure is a sum of the finished journey-weeks shown (the window is
    // whole weeks, see wholeWeeksWindow), so two answers, of two windows or two scopes, differ only
    // by journey-weeks over the minimum group size, never by one person's answer.
    const figures = finishedWeeksFigures(
      facts.journeyWeeks,
      buckets,
      facts.teams.map((team) => team.teamId),
      now,
      settings.minimumGroupSize,
      settings.timezoneSince,
      // Only weeks whose every answer is counted: one shown before its last answer arrived would
      // change by that one person's answer when read again.
      countedThrough(now, facts.pendingSince),
    );
    total = summed(figures.total);
    weekCells = figures.weeks.map(summed);
    teamCells = figures.teams.map(summed);
  } else {
    total = asRead(facts.direction);
    weekCells = buckets.map((bucket) => asRead(weeksByDate.get(bucket.week)?.direction ?? NO_DIRECTION));
    teamCells = facts.teams.map((team) => asRead(team.direction));
  }
  // The time from someone's first "not closer" to the pivot: withheld with the answers it is timed
  // from, and unless those first NOs were given by at least the minimum group size of people.
  const pivotSuppression = !aboveOneTeam
    ? SHOWN
    : total.suppression.suppressed
      ? total.suppression
      : pivotLeadTimeSuppression(facts.pivotFirstNoPeople, settings.minimumGroupSize);
  const until = window.to < now ? window.to : now;
  const participationFrom = new Date(until.getTime() - 7 * 24 * HOUR);
  const oldestSupport = facts.openSupport[0]?.requestedAt;
  const settingsForAttention = { now, timezone: settings.timezone, stalledAfterDays: settings.stalledAfterDays };
  const findings = facts.attention.flatMap((journey) =>
    attentionFindings(
      { ...journey, latestDip: latestDip(journey.journeyId, journey.lastRevisionAt, facts.reflectionsAround, now, settings.timezone) },
      settingsForAttention,
    ),
  );
  return {
    window,
    timezone: settings.timezone,
    direction: total,
    weeks: buckets.map((bucket, index) => ({ ...bucket, direction: weekCells[index], stepsTaken: weeksByDate.get(bucket.week)?.stepsTaken ?? 0 })),
    momentum: { stepsTaken: facts.stepsTaken, openSteps: facts.openSteps, overdueSteps: facts.overdueSteps },
    loopDiscipline: { ...facts.loopDiscipline, windowHours: settings.reflectionWindowHours },
    pivots: {
      count: facts.pivotCount,
      medianHoursFromFirstNo: pivotSuppression.suppressed ? null : facts.pivotMedianHoursFromFirstNo,
      suppression: pivotSuppression,
      items: aboveOneTeam ? [] : pivotReports(facts),
    },
    transitionDips: aboveOneTeam ? [] : dips(facts, now, settings.timezone),
    participation: { ...facts.participation, from: participationFrom, to: until, suppression: suppression(facts.participationPeople) },
    stalled: { count: facts.stalledCount, stalledAfterDays: settings.stalledAfterDays, journeys: facts.stalled },
    support: {
      open: facts.openSupportCount,
      oldestAgeHours: oldestSupport ? Math.floor((now.getTime() - oldestSupport.getTime()) / HOUR) : null,
      requests: facts.openSupport,
    },
    commitments: facts.commitments,
    attention: aboveOneTeam ? findings.filter((finding) => !ANSWER_BEARING_FINDINGS.has(finding.code)) : findings,
    attentionSuppression: aboveOneTeam ? ANSWER_BEARING_FINDINGS_WITHHELD : SHOWN,
    quadrantsSuppression: aboveOneTeam ? QUADRANTS_WITHHELD : SHOWN,
    teams: facts.teams.map((team, index) => ({ teamId: team.teamId, name: team.name, direction: teamCells[index] })),
  };
};

