/**
 * Pivots: how long a journey kept answering "not closer" before it changed direction, and whether
 * the new direction answers better. The run of NOs before a pivot starts at its first NO since the
 * last YES (UNSURE neither starts nor ends a run); a pivot ends the run, and a direction set starts
 * none: answers given before it were about no direction (a pivot may not cite them either).
 */
import { closerRate, type Closer } from './direction.metric';
import { median } from './median.statistic';

/** Where a journey's current run of NOs started, folded one answer at a time (the projection keeps it). */
export const evolveNoRun = (runStartedAt: Date | null, closer: Closer, at: Date): Date | null => {
  if (closer === 'YES') return null;
  if (closer === 'NO') return runStartedAt ?? at;
  return runStartedAt;
};

export type DirectionHistoryEntry =
  | { readonly kind: 'reflection'; readonly closer: Closer; readonly at: Date }
  | { readonly kind: 'direction'; readonly at: Date }
  | { readonly kind: 'pivot'; readonly pivotId: string; readonly at: Date };

export interface PivotFact {
  readonly pivotId: string;
  readonly at: Date;
  /** The first NO of the run of NOs before the pivot; null when no NO preceded it. */
  readonly firstNoAt: Date | null;
}

/** Every pivot of one journey's history (in log order) with the start of the run of NOs before it. */
export const pivotFacts = (history: readonly DirectionHistoryEntry[]): PivotFact[] => {
  const facts: PivotFact[] = [];
  let runStartedAt: Date | null = null;
  for (const entry of history) {
    if (entry.kind === 'reflection') runStartedAt = evolveNoRun(runStartedAt, entry.closer, entry.at);
    else {
      if (entry.kind === 'pivot') facts.push({ pivotId: entry.pivotId, at: entry.at, firstNoAt: runStartedAt });
      runStartedAt = null;
    }
  }
  return facts;
};

const HOUR = 3_600_000;

export interface PivotSummary {
  readonly count: number;
  /** Median hours from the first NO of the run to the pivot, over pivots a NO preceded; null if none did. */
  readonly medianHoursFromFirstNo: number | null;
}

/**
 * Pivots in a window. A pivot's run of NOs may have started before the window: its lead time still
 * counts from that first NO, since the window selects pivots, not the history behind them.
 */
export const summarisePivots = (pivots: readonly PivotFact[]): PivotSummary => ({
  count: pivots.length,
  medianHoursFromFirstNo: median(pivots.flatMap((pivot) => (pivot.firstNoAt ? [(pivot.at.getTime() - pivot.firstNoAt.getTime()) / HOUR] : []))),
});

export interface CloserAroundPivot {
  /** Reflections compared on each side: those after the pivot (up to the next one), and as many right before it. */
  readonly reflections: number;
  readonly before: number | null;
  readonly after: number | null;
}

/**
 * The closer rate in the reflections after a pivot (until the next pivot) against the same number of
 * reflections right before it. `reflections` are one journey's, oldest first.
 */
export const closerAroundPivot = (
  reflections: readonly { readonly closer: Closer; readonly at: Date }[],
  pivotAt: Date,
  nextPivotAt: Date | null = null,
): CloserAroundPivot => {
  const after = reflections.filter((r) => r.at > pivotAt && (nextPivotAt === null || r.at <= nextPivotAt));
  if (after.length === 0) return { reflections: 0, before: null, after: null };
  const before = reflections.filter((r) => r.at <= pivotAt).slice(-after.length);
  const rateOf = (answers: readonly { closer: Closer }[]) =>
    closerRate({ yes: answers.filter((r) => r.closer === 'YES').length, no: answers.filter((r) => r.closer === 'NO').length });
  return { reflections: after.length, before: rateOf(before), after: rateOf(after) };
};
