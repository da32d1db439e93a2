import type { AnalyticsReport, DirectionCell } from '@stepwise/analytics-application/read';
import { daysQuiet, NO_DIRECTION, quietSince } from '@stepwise/analytics-domain';
import type { DirectionFiguresModel } from './analytics-figures.models';
import { AttentionCodeEnum } from './analytics-figures.models';
import type { AnalyticsModel } from './analytics.models';

const HOUR = 3_600_000;

/** A withheld cell shows no figures at all, only that it is withheld and why. */
const toDirectionModel = (cell: DirectionCell): DirectionFiguresModel => {
  const shown = cell.suppression.suppressed ? NO_DIRECTION : cell;
  return {
    yes: shown.yes,
    no: shown.no,
    unsure: shown.unsure,
    closerRate: shown.closerRate,
    comfortMean: shown.comfortMean,
    comfortDistribution: [...shown.comfortDistribution],
    quadrants: { flowing: shown.quadrants.FLOWING, stretching: shown.quadrants.STRETCHING, stuck: shown.quadrants.STUCK, coasting: shown.quadrants.COASTING },
    people: shown.people,
    suppression: { suppressed: cell.suppression.suppressed, reason: cell.suppression.reason },
    weeksWithheld: cell.weeksWithheld,
  };
};

export const toAnalyticsModel = (report: AnalyticsReport, now: Date): AnalyticsModel => {
  const participation = report.participation;
  const withheld = participation.suppression.suppressed;
  return {
    from: report.window.from,
    to: report.window.to,
    timezone: report.timezone,
    direction: toDirectionModel(report.direction),
    weeks: report.weeks.map((week) => ({ week: week.week, start: week.start, end: week.end, direction: toDirectionModel(week.direction), stepsTaken: week.stepsTaken })),
    momentum: { ...report.momentum },
    loopDiscipline: { ...report.loopDiscipline },
    pivots: { count: report.pivots.count, medianHoursFromFirstNo: report.pivots.medianHoursFromFirstNo, suppression: report.pivots.suppression, pivots: report.pivots.items.map((pivot) => ({ ...pivot })) },
    transitionDips: report.transitionDips.map((dip) => ({
      journeyId: dip.journeyId,
      visionVersion: dip.visionVersion,
      revisedAt: dip.revisedAt,
      baseline: dip.baseline,
      trough: dip.trough,
      weeksToRecover: dip.weeksToRecover,
      recovered: dip.weeksToRecover !== null,
      weeksSince: dip.weeksSince,
    })),
    participation: {
      from: participation.from,
      to: participation.to,
      // How many were on the team(s) is no one's answer; how many of them reflected is what is withheld.
      members: participation.members,
      reflected: withheld ? null : participation.reflected,
      share: withheld ? null : participation.share,
      suppression: { suppressed: withheld, reason: participation.suppression.reason },
    },
    stalled: {
      count: report.stalled.count,
      stalledAfterDays: report.stalled.stalledAfterDays,
      journeys: report.stalled.journeys.map((journey) => ({
        journeyId: journey.journeyId,
        title: journey.title,
        quietSince: quietSince(journey.activity),
        daysWithoutStep: daysQuiet(journey.activity, now),
      })),
    },
    support: {
      open: report.support.open,
      oldestAgeHours: report.support.oldestAgeHours,
      requests: report.support.requests.map((request) => ({ ...request, ageHours: Math.floor((now.getTime() - request.requestedAt.getTime()) / HOUR) })),
    },
    commitments: { ...report.commitments },
    attention: report.attention.map((finding) => ({
      code: finding.code as AttentionCodeEnum,
      journeyId: finding.journeyId,
      message: finding.message,
      figures: Object.entries(finding.figures).map(([name, value]) => ({ name, value })),
    })),
    attentionSuppression: { ...report.attentionSuppression },
    quadrantsSuppression: { ...report.quadrantsSuppression },
    teams: report.teams.map((team) => ({ teamId: team.teamId, name: team.name, direction: toDirectionModel(team.direction) })),
  };
};
