/**
 * Stalled journeys: active, and no step taken for the organisation's stalled-after days. Decided at
 * query time from the clock, so projections stay free of it and a replay stays exact. A resumed
 * journey's quiet stretch starts again when it resumed (as the stalled nudge counts it): the days it
 * was paused are not days it failed to move.
 */

export interface JourneyActivity {
  readonly status: 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'ABANDONED';
  readonly startedAt: Date;
  readonly lastStepTakenAt: Date | null;
  /** When it was last resumed after a pause; null (or absent) if it never was. */
  readonly resumedAt?: Date | null;
}

const DAY = 86_400_000;

/** The instant since which nothing has moved: the last step taken, or the start when none was, or the last resume when later. */
export const quietSince = (journey: JourneyActivity): Date => {
  const moved = journey.lastStepTakenAt ?? journey.startedAt;
  return journey.resumedAt && journey.resumedAt > moved ? journey.resumedAt : moved;
};

/** Whether the quiet stretch began when the journey resumed (not at a step or its start). */
export const quietSinceResumed = (journey: JourneyActivity): boolean => quietSince(journey) !== (journey.lastStepTakenAt ?? journey.startedAt);

export const isStalled = (journey: JourneyActivity, now: Date, stalledAfterDays: number): boolean =>
  journey.status === 'ACTIVE' && now.getTime() - quietSince(journey).getTime() >= stalledAfterDays * DAY;

/** Whole days without a step, as a leader would say it. */
export const daysQuiet = (journey: JourneyActivity, now: Date): number => Math.floor((now.getTime() - quietSince(journey).getTime()) / DAY);

/** The stalled-after cut-off as an instant: journeys quiet since before it are stalled. */
export const stalledCutoff = (now: Date, stalledAfterDays: number): Date => new Date(now.getTime() - stalledAfterDays * DAY);
