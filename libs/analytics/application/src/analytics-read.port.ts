/**
 * What analytics queries read: the facts of one scope over a window, already aggregated by the
 * database where it can (weekly buckets in the organisation's timezone, medians by
 * percentile_cont), and the few fact rows the metric definitions need beside them; on PostgreSQL
 * one statement, so one round trip, per read.
 */
import type { AnalyticsWindow, DirectionSummary, JourneyActivity, JourneyWeekCell, LoopDiscipline, Participation } from '@stepwise/analytics-domain';

export type AnalyticsScope =
  | { readonly kind: 'journey'; readonly journeyId: string; readonly teamId: string }
  | { readonly kind: 'team'; readonly teamId: string }
  | { readonly kind: 'organisation' };

export interface AnalyticsReadSettings {
  readonly timezone: string;
  readonly stalledAfterDays: number;
  readonly reflectionWindowHours: number;
}

export interface WeekFacts {
  /** The local date of the week's Monday in the organisation's timezone. */
  readonly week: string;
  readonly direction: DirectionSummary;
  readonly stepsTaken: number;
}

export interface PivotRow {
  readonly pivotId: string;
  readonly journeyId: string;
  readonly at: Date;
  readonly firstNoAt: Date | null;
}

export interface RevisionRow {
  readonly journeyId: string;
  readonly version: number;
  readonly at: Date;
}

export interface JourneyReflectionRow {
  readonly journeyId: string;
  readonly closer: 'YES' | 'NO' | 'UNSURE';
  readonly comfort: number;
  readonly at: Date;
}

export interface StalledJourneyRow {
  readonly journeyId: string;
  readonly title: string;
  readonly activity: JourneyActivity;
}

export interface OpenSupportRow {
  readonly journeyId: string;
  readonly requestId: string;
  readonly requestedAt: Date;
}

export interface JourneyAttentionRow {
  readonly journeyId: string;
  readonly title: string;
  readonly activity: JourneyActivity;
  readonly recentReflections: readonly { readonly closer: 'YES' | 'NO' | 'UNSURE'; readonly at: Date }[];
  readonly lastPivotAt: Date | null;
  /** When the journey's first direction was set; null while it has none. */
  readonly directionSetAt: Date | null;
  readonly lastRevisionAt: Date | null;
  readonly openSupportRequestedAt: readonly Date[];
  readonly overdueCommitments: number;
}

export interface TeamDirectionRow {
  readonly teamId: string;
  readonly name: string;
  readonly direction: DirectionSummary;
}

/**
 * At most this many rows of each list come back: stalled journeys (the longest quiet first), open
 * support requests (the oldest first), pivots and vision revisions (the latest first).
 */
export const ANALYTICS_LIST_LIMIT = 50;

/**
 * At most this many of a scope's active and paused journeys are looked at for attention findings:
 * those with a support request open or a commitment overdue first, then the longest quiet (since
 * their start, last step or resumption).
 */
export const ATTENTION_JOURNEYS_LIMIT = 200;

export interface AnalyticsFacts {
  readonly direction: DirectionSummary;
  readonly weeks: readonly WeekFacts[];
  /** Each journey's answers in each week someone answered on it: what aggregate-only readers' figures are summed from. */
  readonly journeyWeeks: readonly JourneyWeekCell[];
  readonly stepsTaken: number;
  readonly openSteps: number;
  readonly overdueSteps: number;
  readonly loopDiscipline: LoopDiscipline;
  readonly pivotCount: number;
  readonly pivotMedianHoursFromFirstNo: number | null;
  /** Distinct people who gave the first NO of the runs that median is over. */
  readonly pivotFirstNoPeople: number;
  /** The latest pivots in the window (at most ANALYTICS_LIST_LIMIT), newest first. */
  readonly pivots: readonly PivotRow[];
  /**
   * Reflections of the journeys that pivoted or were revised in the window (for closer-around-pivot
   * and dips), each journey's oldest first; empty for the organisation, whose report has neither.
   */
  readonly reflectionsAround: readonly JourneyReflectionRow[];
  /** Every pivot of those journeys, so each pivot's comparison stops at the next (empty for the organisation). */
  readonly pivotsAround: readonly PivotRow[];
  /** When each journey that pivoted first had a direction: its first pivot's "before" starts there (empty for the organisation). */
  readonly directionsSetAround: readonly { readonly journeyId: string; readonly at: Date }[];
  /** The latest vision revisions in the window (at most ANALYTICS_LIST_LIMIT), newest first. */
  readonly revisions: readonly RevisionRow[];
  readonly participation: Participation;
  readonly participationPeople: number;
  readonly stalledCount: number;
  readonly stalled: readonly StalledJourneyRow[];
  readonly openSupportCount: number;
  readonly openSupport: readonly OpenSupportRow[];
  readonly commitments: { readonly kept: number; readonly missed: number; readonly open: number; readonly overdue: number };
  /** Journeys that may need attention (journey and team scopes; empty for the organisation). */
  readonly attention: readonly JourneyAttentionRow[];
  /** The organisation scope's breakdown by team (empty otherwise). */
  readonly teams: readonly TeamDirectionRow[];
  /**
   * The facts read the clock (the window when it ends now, stalled journeys, overdue work,
   * participation's 7 days): while the fact tables do not change, they are these same facts for
   * every instant from the `now` they were read at up to this one (exclusive); null: for every
   * instant after it.
   */
  readonly stableUntil: Date | null;
  /**
   * The earliest instant of an event the analytics have not applied yet (null: none; the epoch when
   * far behind): answers given since may be missing from the facts.
   */
  readonly pendingSince: Date | null;
}

export interface AnalyticsReadModel {
  facts(tenantId: string, scope: AnalyticsScope, window: AnalyticsWindow, settings: AnalyticsReadSettings, now: Date): Promise<AnalyticsFacts>;
}

export const ANALYTICS_READ_MODEL = Symbol('stepwise.analytics-read-model');
