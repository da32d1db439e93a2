/** The statement's JSON answer (snake_case, times as epoch milliseconds) read into the read port's facts. */
import type { AnalyticsFacts, JourneyAttentionRow, JourneyReflectionRow, PivotRow } from '@stepwise/analytics-application/read';
import type { JourneyActivity } from '@stepwise/analytics-domain';
import { toDirectionSummary, type DirectionCountsRow } from './direction-facts.sql';

type Closer = JourneyReflectionRow['closer'];

/** Milliseconds since the epoch. */
type Ms = number;

interface JourneyJson {
  journey_id: string;
  title: string;
  status: JourneyActivity['status'];
  started_at: Ms;
  last_step_taken_at: Ms | null;
  resumed_at: Ms | null;
}

interface PivotJson {
  pivot_id: string;
  journey_id: string;
  at: Ms;
  first_no_at: Ms | null;
}

/** What the facts statement answers; a list with no rows is null (json_agg of nothing). */
export interface FactsJson {
  direction: (DirectionCountsRow & { week: string | null })[] | null;
  journey_weeks: (DirectionCountsRow & { journey_id: string; team_id: string; week: string; first_at: Ms })[] | null;
  steps_weekly: { week: string; taken: number }[] | null;
  loop: { taken: number; in_window: number; median_hours: number | null };
  open_steps: { open: number; overdue: number };
  pivot_summary: { count: number; median: number | null; first_no_people: number };
  pivots?: PivotJson[] | null;
  revisions?: { journey_id: string; version: number; at: Ms }[] | null;
  attention?:
    | (JourneyJson & {
        last_pivot_at: Ms | null;
        direction_set_at: Ms | null;
        /** [closer, at], newest first. */
        recent: [Closer, Ms][] | null;
        support: Ms[] | null;
        last_revision_at: Ms | null;
        overdue: number;
      })[]
    | null;
  /** By journey, oldest first: [closer, comfort, at]. */
  reflections_around?: Record<string, [Closer, number, Ms][]> | null;
  pivots_around?: PivotJson[] | null;
  /** By journey: when its first direction was set. */
  directions_set_around?: Record<string, Ms> | null;
  participation: { members: number; reflected: number };
  stalled_count: number;
  stalled: JourneyJson[] | null;
  support_count: number;
  support: { journey_id: string; request_id: string; requested_at: Ms }[] | null;
  commitments: { kept: number; missed: number; open: number; overdue: number };
  teams?: (DirectionCountsRow & { team_id: string; name: string })[] | null;
  /** See facts-validity.sql.ts. */
  stable_until: Ms | string | null;
  /** See analytics-pending.sql.ts. */
  pending_since: Ms | string | null;
}

const date = (value: Ms | null | undefined): Date | null => (value === null || value === undefined ? null : new Date(value));
const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const activityOf = (row: JourneyJson): JourneyActivity => ({
  status: row.status,
  startedAt: new Date(row.started_at),
  lastStepTakenAt: date(row.last_step_taken_at),
  resumedAt: date(row.resumed_at),
});

const toPivot = (row: PivotJson): PivotRow => ({ pivotId: row.pivot_id, journeyId: row.journey_id, at: new Date(row.at), firstNoAt: date(row.first_no_at) });

const toAttention = (row: NonNullable<FactsJson['attention']>[number]): JourneyAttentionRow => ({
  journeyId: row.journey_id,
  title: row.title,
  activity: activityOf(row),
  recentReflections: (row.recent ?? []).map(([closer, at]) => ({ closer, at: new Date(at) })),
  lastPivotAt: date(row.last_pivot_at),
  directionSetAt: date(row.direction_set_at),
  lastRevisionAt: date(row.last_revision_at),
  openSupportRequestedAt: (row.support ?? []).map((at) => new Date(at)),
  overdueCommitments: num(row.overdue),
});

export const decodeFacts = (json: FactsJson): AnalyticsFacts => {
  const direction = new Map((json.direction ?? []).map((row) => [row.week, toDirectionSummary(row)]));
  const stepsWeekly = new Map((json.steps_weekly ?? []).map((row) => [row.week, num(row.taken)]));
  const taken = num(json.loop.taken);
  const reflectedInWindow = num(json.loop.in_window);
  const members = num(json.participation.members);
  const reflected = num(json.participation.reflected);
  return {
    direction: direction.get(null) ?? toDirectionSummary(undefined),
    weeks: [...new Set([...direction.keys(), ...stepsWeekly.keys()])]
      .filter((week): week is string => week !== null)
      .map((week) => ({ week, direction: direction.get(week) ?? toDirectionSummary(undefined), stepsTaken: stepsWeekly.get(week) ?? 0 })),
    journeyWeeks: (json.journey_weeks ?? []).map((row) => ({
      journeyId: row.journey_id,
      teamId: row.team_id,
      week: row.week,
      firstAt: new Date(row.first_at),
      direction: toDirectionSummary(row),
    })),
    stepsTaken: taken,
    openSteps: num(json.open_steps.open),
    overdueSteps: num(json.open_steps.overdue),
    loopDiscipline: { stepsTaken: taken, reflectedInWindow, share: taken === 0 ? null : reflectedInWindow / taken, medianHoursToReflection: numOrNull(json.loop.median_hours) },
    pivotCount: num(json.pivot_summary.count),
    pivotMedianHoursFromFirstNo: numOrNull(json.pivot_summary.median),
    pivotFirstNoPeople: num(json.pivot_summary.first_no_people),
    pivots: (json.pivots ?? []).map(toPivot),
    reflectionsAround: Object.entries(json.reflections_around ?? {}).flatMap(([journeyId, rows]) =>
      rows.map(([closer, comfort, at]) => ({ journeyId, closer, comfort: num(comfort), at: new Date(at) })),
    ),
    pivotsAround: (json.pivots_around ?? []).map(toPivot),
    directionsSetAround: Object.entries(json.directions_set_around ?? {}).map(([journeyId, at]) => ({ journeyId, at: new Date(Number(at)) })),
    revisions: (json.revisions ?? []).map((row) => ({ journeyId: row.journey_id, version: num(row.version), at: new Date(row.at) })),
    participation: { members, reflected, share: members === 0 ? null : reflected / members },
    participationPeople: reflected,
    stalledCount: num(json.stalled_count),
    stalled: (json.stalled ?? []).map((row) => ({ journeyId: row.journey_id, title: row.title, activity: activityOf(row) })),
    openSupportCount: num(json.support_count),
    openSupport: (json.support ?? []).map((row) => ({ journeyId: row.journey_id, requestId: row.request_id, requestedAt: new Date(row.requested_at) })),
    commitments: { kept: num(json.commitments.kept), missed: num(json.commitments.missed), open: num(json.commitments.open), overdue: num(json.commitments.overdue) },
    attention: (json.attention ?? []).map(toAttention),
    teams: (json.teams ?? []).map((row) => ({ teamId: row.team_id, name: row.name, direction: toDirectionSummary(row) })),
    stableUntil: json.stable_until === null || json.stable_until === undefined ? null : new Date(Number(json.stable_until)),
    pendingSince: json.pending_since === null || json.pending_since === undefined ? null : new Date(Number(json.pending_since)),
  };
};
