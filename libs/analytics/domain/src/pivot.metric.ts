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
  /** YES/NO answers compared on each side (the same number on both); 0 when either side has none. */
  readonly reflections: number;
  /** The closer rate of the answers compared before the pivot; null when none are. */
  readonly before: number | null;
  /** The closer rate of the answers compared after it; null when none are. */
  readonly after: number | null;
}

type Answer = { readonly closer: Closer; readonly at: Date };

/**
 * The closer rate in the answers after a pivot against the same number right before it: does the
 * new direction answer better than the one it turned away from? Precisely:
 * - only YES and NO count, on either side and in the number compared (UNSURE is outside the rate);
 * - after: the answers about the direction the pivot set, after its instant up to the next pivot's
 *   (`nextPivotAt`, inclusive; null: none yet);
 * - before: the answers about the direction it turned away from, after that direction was set
 *   (`directionSince`: the previous pivot, or the first direction set; null: from the start) up to
 *   the pivot's instant, inclusive;
 * - an answer at the very instant of a pivot counts before it (instants are business time, as the
 *   PIVOT_CONSIDERED finding counts them);
 * - the number compared is the smaller side's: that many answers on each side, the ones nearest the
 *   pivot (the last before it, the first after it); none on either side compares nothing.
 * `reflections` are one journey's, oldest first.
 */
export const closerAroundPivot = (
  reflections: readonly Answer[],
  pivotAt: Date,
  nextPivotAt: Date | null = null,
  directionSince: Date | null = null,
): CloserAroundPivot => {
  const answers = reflections.filter((r) => r.closer !== 'UNSURE');
  const before = answers.filter((r) => r.at <= pivotAt && (directionSince === null || r.at > directionSince));
  const after = answers.filter((r) => r.at > pivotAt && (nextPivotAt === null || r.at <= nextPivotAt));
  const compared = Math.min(before.length, after.length);
  if (compared === 0) return { reflections: 0, before: null, after: null };
  const rateOf = (side: readonly Answer[]) => closerRate({ yes: side.filter((r) => r.closer === 'YES').length, no: side.filter((r) => r.closer === 'NO').length });
  return { reflections: compared, before: rateOf(before.slice(-compared)), after: rateOf(after.slice(0, compared)) };
};
