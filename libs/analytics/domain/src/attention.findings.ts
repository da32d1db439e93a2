/**
 * What needs a leader's attention in a journey: each finding has a stable code, a sentence a leader
 * can act on, and the numbers behind it. Pure: the query gathers the facts, the clock comes in.
 */
import { localDateOf } from '@stepwise/kernel';
import type { Closer } from './direction.metric';
import { daysQuiet, isStalled, quietSince, quietSinceResumed, type JourneyActivity } from './stalled.metric';
import type { TransitionDip } from './transition-dip.metric';

export type AttentionCode = 'PIVOT_CONSIDERED' | 'STALLED' | 'SUPPORT_WAITING' | 'DIP_NOT_RECOVERING' | 'COMMITMENTS_OVERDUE';

/**
 * Findings whose numbers are a journey's latest answers (how many said not closer, the comfort
 * trough after a revision), often one or two people's: for the team's leaders only. The others
 * (stalled, support waiting, commitments overdue) count work, not answers.
 */
export const ANSWER_BEARING_FINDINGS: ReadonlySet<AttentionCode> = new Set<AttentionCode>(['PIVOT_CONSIDERED', 'DIP_NOT_RECOVERING']);

export interface AttentionFinding {
  readonly code: AttentionCode;
  readonly journeyId: string;
  readonly message: string;
  readonly figures: Readonly<Record<string, number>>;
}

export interface JourneyAttentionFacts {
  readonly journeyId: string;
  readonly title: string;
  readonly activity: JourneyActivity;
  /** The journey's latest reflections, newest first (at most RECENT_REFLECTIONS are read). */
  readonly recentReflections: readonly { readonly closer: Closer; readonly at: Date }[];
  readonly lastPivotAt: Date | null;
  /** When its first direction was set; null while it has none (a pivot needs one to turn from). */
  readonly directionSetAt: Date | null;
  readonly openSupportRequestedAt: readonly Date[];
  /** The dip after the latest vision revision, when there was one. */
  readonly latestDip: TransitionDip | null;
  readonly overdueCommitments: number;
}

export interface AttentionSettings {
  readonly now: Date;
  readonly timezone: string;
  readonly stalledAfterDays: number;
}

export const RECENT_REFLECTIONS = 4;
/** Of the recent reflections, this many "not closer" suggest considering a pivot. */
export const PIVOT_SIGNAL_NOS = 3;
/** A support request unanswered this long is waiting. */
export const SUPPORT_WAITING_HOURS = 24;
/** A dip not recovered after this many weeks is not recovering. */
export const DIP_GRACE_WEEKS = 3;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HOUR = 3_600_000;

/** "12 Oct", in the organisation's timezone. */
export const shortDate = (instant: Date, timezone: string): string => {
  const [, month, day] = localDateOf(instant, timezone).split('-').map(Number);
  return `${day} ${MONTHS[month - 1]}`;
};

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;
const oneDecimal = (value: number): string => value.toFixed(1);

const pivotConsidered = (facts: JourneyAttentionFacts, { timezone }: AttentionSettings): AttentionFinding | null => {
  // NOs answered before the journey had a direction were about none: there is nothing to pivot from
  // until one is set. Only the answers since the direction was set or last pivoted to count (one at
  // that very instant counts before it), so three NOs right after a pivot are already a signal.
  if (facts.directionSetAt === null) return null;
  const turnedAt = facts.lastPivotAt && facts.lastPivotAt > facts.directionSetAt ? facts.lastPivotAt : facts.directionSetAt;
  const recent = facts.recentReflections.slice(0, RECENT_REFLECTIONS).filter((reflection) => reflection.at > turnedAt);
  const notCloser = recent.filter((r) => r.closer === 'NO').length;
  if (notCloser < PIVOT_SIGNAL_NOS) return null;
  const since = facts.lastPivotAt ? `no pivot since ${shortDate(facts.lastPivotAt, timezone)}` : 'no pivot yet';
  return {
    code: 'PIVOT_CONSIDERED',
    journeyId: facts.journeyId,
    message: `${notCloser} of the last ${recent.length} reflections on "${facts.title}" say not closer; ${since}`,
    figures: { notCloser, reflections: recent.length },
  };
};

const stalled = (facts: JourneyAttentionFacts, settings: AttentionSettings): AttentionFinding | null => {
  if (!isStalled(facts.activity, settings.now, settings.stalledAfterDays)) return null;
  const days = daysQuiet(facts.activity, settings.now);
  const what = quietSinceResumed(facts.activity) ? 'since it resumed on' : facts.activity.lastStepTakenAt ? 'since' : 'since it started on';
  return {
    code: 'STALLED',
    journeyId: facts.journeyId,
    message: `No step taken on "${facts.title}" for ${plural(days, 'day', 'days')} (${what} ${shortDate(quietSince(facts.activity), settings.timezone)})`,
    figures: { daysWithoutStep: days, stalledAfterDays: settings.stalledAfterDays },
  };
};

const supportWaiting = (facts: JourneyAttentionFacts, { now }: AttentionSettings): AttentionFinding | null => {
  const waiting = facts.openSupportRequestedAt.filter((at) => now.getTime() - at.getTime() >= SUPPORT_WAITING_HOURS * HOUR);
  if (waiting.length === 0) return null;
  const oldestHours = Math.max(...waiting.map((at) => (now.getTime() - at.getTime()) / HOUR));
  const oldestDays = Math.floor(oldestHours / 24);
  return {
    code: 'SUPPORT_WAITING',
    journeyId: facts.journeyId,
    message: `${plural(waiting.length, 'support request is', 'support requests are')} waiting on "${facts.title}", the oldest for ${plural(oldestDays, 'day', 'days')}`,
    figures: { waiting: waiting.length, oldestHours: Math.floor(oldestHours) },
  };
};

const dipNotRecovering = (facts: JourneyAttentionFacts, { timezone }: AttentionSettings): AttentionFinding | null => {
  const dip = facts.latestDip;
  if (!dip || dip.baseline === null || dip.trough === null || dip.weeksToRecover !== null || dip.weeksSince < DIP_GRACE_WEEKS) return null;
  if (dip.trough >= dip.baseline) return null;
  return {
    code: 'DIP_NOT_RECOVERING',
    journeyId: facts.journeyId,
    message: `Comfort on "${facts.title}" fell from ${oneDecimal(dip.baseline)} to ${oneDecimal(dip.trough)} after the vision revision on ${shortDate(dip.revisedAt, timezone)} and is not back after ${plural(dip.weeksSince, 'week', 'weeks')}`,
    figures: { baseline: dip.baseline, trough: dip.trough, weeksSince: dip.weeksSince },
  };
};

const commitmentsOverdue = (facts: JourneyAttentionFacts): AttentionFinding | null =>
  facts.overdueCommitments === 0
    ? null
    : {
        code: 'COMMITMENTS_OVERDUE',
        journeyId: facts.journeyId,
        message: `${plural(facts.overdueCommitments, 'commitment is', 'commitments are')} past due on "${facts.title}"`,
        figures: { overdue: facts.overdueCommitments },
      };

/** The findings for one journey, most pressing first. */
export const attentionFindings = (facts: JourneyAttentionFacts, settings: AttentionSettings): AttentionFinding[] =>
  [pivotConsidered, stalled, supportWaiting, dipNotRecovering, commitmentsOverdue]
    .map((rule) => rule(facts, settings))
    .filter((finding): finding is AttentionFinding => finding !== null);
