/**
 * What a mean comfort is over, for everyone who may see a journey: its answers cut into groups of
 * enough distinct people. Who may see one person's comfort is in journey-access.policy.ts.
 */
import type { MinimumGroupSizeChange } from '@stepwise/tenancy-application/read';
import type { ComfortAnswer, ReflectionTally } from '../journeys-read.port';
import type { ComfortHiddenReason } from './journey-access.policy';
import { DEFAULT_MINIMUM_GROUP_SIZE } from './minimum-group-size';

/** The minimum group size in force at an instant: the last change made at or before it, else the default. */
export const minimumGroupSizeAt = (changes: readonly MinimumGroupSizeChange[], at: Date): number => {
  let size = DEFAULT_MINIMUM_GROUP_SIZE;
  for (const change of changes) if (change.at.getTime() <= at.getTime()) size = change.minimumGroupSize;
  return size;
};

/** The minimum group size now: the last change's, else the default. */
export const currentMinimumGroupSize = (changes: readonly MinimumGroupSizeChange[]): number => changes.at(-1)?.minimumGroupSize ?? DEFAULT_MINIMUM_GROUP_SIZE;

/**
 * The answers a mean comfort is over: a journey's answers in order, cut into consecutive groups, each
 * closed by the answer that brings it to the minimum group size of distinct people in force when that
 * answer was recorded; only closed groups count. Where a group closes depends on its answers alone,
 * never on the size now, so changing the size later neither reopens a group nor cuts one anew. A mean
 * read at one moment and at another (now and later, before and after a change of the size, or as of
 * two instants) then differ by whole groups, each from at least the size in force when it closed, so
 * subtracting one reading from another never gives back fewer people's comfort than a mean showed.
 */
export const groupedComfort = (
  answers: readonly ComfortAnswer[],
  sizeChanges: readonly MinimumGroupSizeChange[],
): { readonly reflections: number; readonly comfortSum: number; readonly people: number } => {
  let reflections = 0;
  let comfortSum = 0;
  const people = new Set<string>();
  let group = { reflections: 0, comfortSum: 0, people: new Set<string>() };
  for (const answer of answers) {
    group.reflections += 1;
    group.comfortSum += answer.comfort;
    group.people.add(answer.person);
    if (group.people.size >= minimumGroupSizeAt(sizeChanges, answer.at)) {
      reflections += group.reflections;
      comfortSum += group.comfortSum;
      for (const person of group.people) people.add(person);
      group = { reflections: 0, comfortSum: 0, people: new Set() };
    }
  }
  return { reflections, comfortSum, people: people.size };
};

export type MeanComfortAsSeen =
  | { readonly mean: number | null; readonly over: number; readonly hiddenBecause: null }
  | { readonly mean: null; readonly over: 0; readonly hiddenBecause: ComfortHiddenReason };

/**
 * A mean comfort is shown to everyone who may see the journey, but only over enough distinct people:
 * below the minimum group size, a mean of two people's answers tells each of them the other's. It is
 * the mean of the answers in closed groups (groupedComfort), `over` that many, so no two readings of
 * it tell one person's answer; and it is hidden while those groups hold fewer distinct people than
 * the size now (after the size was raised), which hides a figure but never moves one. No reflections
 * at all is no mean, and nothing hidden.
 */
export const aggregateComfort = (tally: ReflectionTally, sizeChanges: readonly MinimumGroupSizeChange[]): MeanComfortAsSeen => {
  if (tally.reflections === 0) return { mean: null, over: 0, hiddenBecause: null };
  const counted = groupedComfort(tally.answers, sizeChanges);
  if (counted.reflections === 0 || counted.people < currentMinimumGroupSize(sizeChanges)) {
    return { mean: null, over: 0, hiddenBecause: 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' };
  }
  return { mean: counted.comfortSum / counted.reflections, over: counted.reflections, hiddenBecause: null };
};

/**
 * The mean as a reader who sees the journey's comfort elsewhere in another cut is shown it. The
 * analytics an admin who does not lead the team reads (journeyAnalytics and above) sum answers by
 * finished journey-week; the mean here sums them by group. The two cuts of the same answers differ:
 * three people's answers close a group on a Monday, a fourth's on the Tuesday is alone in the next
 * group, and the week's sum less the group's is that fourth person's comfort. So a reader who sees
 * comfort in the weekly cut (`readsWeeklyCut`) is not shown the mean: each reader sees comfort in
 * one cut only, and within one cut no two readings tell one person's answer.
 */
export const aggregateComfortFor = (
  tally: ReflectionTally,
  sizeChanges: readonly MinimumGroupSizeChange[],
  readsWeeklyCut: boolean,
): MeanComfortAsSeen =>
  readsWeeklyCut && tally.reflections > 0 ? { mean: null, over: 0, hiddenBecause: 'READ_IN_ANALYTICS' } : aggregateComfort(tally, sizeChanges);
