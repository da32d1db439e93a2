/**
 * Loop discipline: after a step, does its owner ask "are we closer?" in time? A taken step counts when
 * its owner's first reflection on that step came within the organisation's reflection window of
 * `takenAt`. The owner is a person (person.identity): removed and added again, they reflect under a
 * new member id on the step they own under the old one, and that closes its loop. Reflections by
 * others, or on no step, do not.
 */
import { median } from './median.statistic';
import { samePerson, type Answerer } from './person.identity';

export interface TakenStepFact {
  readonly takenAt: Date;
  /** The owner's first reflection naming this step; null while there is none. */
  readonly firstOwnerReflectionAt: Date | null;
}

export interface LoopDiscipline {
  readonly stepsTaken: number;
  readonly reflectedInWindow: number;
  /** reflectedInWindow / stepsTaken; null with no steps taken. */
  readonly share: number | null;
  /** Median hours from takenAt to the owner's first reflection, over the steps that got one. */
  readonly medianHoursToReflection: number | null;
}

const HOUR = 3_600_000;

/** The owner's first reflection on a step, folded one reflection on that step at a time (the projection keeps it). */
export const evolveFirstOwnerReflection = (firstAt: Date | null, owner: Answerer, author: Answerer, at: Date): Date | null => {
  if (!samePerson(owner, author)) return firstAt;
  return firstAt !== null && firstAt <= at ? firstAt : at;
};

export const loopDiscipline = (steps: readonly TakenStepFact[], windowHours: number): LoopDiscipline => {
  const delays = steps.flatMap((step) => (step.firstOwnerReflectionAt ? [(step.firstOwnerReflectionAt.getTime() - step.takenAt.getTime()) / HOUR] : []));
  const reflectedInWindow = delays.filter((hours) => hours <= windowHours).length;
  return {
    stepsTaken: steps.length,
    reflectedInWindow,
    share: steps.length === 0 ? null : reflectedInWindow / steps.length,
    medianHoursToReflection: median(delays),
  };
};
