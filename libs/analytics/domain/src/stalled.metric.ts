/**
 * Stalled journeys: active, and no step taken for the organisation's stalled-after days. Decided at
 * query time from the clock, so projections stay free of it and a replay stays exact.
 */

export interface JourneyActivity {
  readonly status: 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'ABANDONED';
  readonly startedAt: Date;
  readonly lastStepTakenAt: Date | null;
}

const DAY = 86_400_000;

/** The instant since which nothing has moved: the last step taken, or the start when none was. */
export const quietSince = (journey: JourneyActivity): Date => journey.lastStepTakenAt ?? journey.startedAt;

export const isStalled = (journey: JourneyActivity, now: Date, stalledAfterDays: number): boolean =>
  journey.status === 'ACTIVE' && now.getTime() - quietSince(journey).getTime() >= stalledAfterDays * DAY;

/** Whole days without a step, as a leader would say it. */
export const daysQuiet = (journey: JourneyActivity, now: Date): number => Math.floor((now.getTime() - quietSince(journey).getTime()) / DAY);

/** The stalled-after cut-off as an instant: journeys quiet since before it are stalled. */
export const stalledCutoff = (now: Date, stalledAfterDays: number): Date => new Date(now.getTime() - stalledAfterDays * DAY);
