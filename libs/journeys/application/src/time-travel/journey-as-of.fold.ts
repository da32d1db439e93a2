/**
 * A journey as it stood at a past instant, folded from its own stream. "As of" is business time:
 * an event counts once its `at` has come, and a step counts as taken once its `takenAt` has (a step
 * recorded late, taken earlier, was taken then, and one put in the journey only after it was taken,
 * planned and taken at once, was there from then). The view has the shapes the live read models
 * give, so a journey as of now and the live journey read the same.
 */
import type { JourneyEvent } from '@stepwise/journeys-domain';
import type { ComfortAnswer, JourneySummary, ReflectionTally, ReflectionView, StepView, VisionVersionView } from '../journeys-read.port';

export interface VersionedJourneyEvent {
  readonly event: JourneyEvent;
  /** The event's version in the journey stream. */
  readonly version: number;
}

export interface JourneyAsOf {
  readonly journey: JourneySummary;
  /** Every step planned by then, in the order planned (ties by id), with its state then. */
  readonly steps: readonly StepView[];
  readonly tally: ReflectionTally;
}

/**
 * When each event became true in the world: `takenAt` for a step taken; for a step planned, its `at`,
 * or its `takenAt` if it was taken before it was planned (put in the journey afterwards); `at` for
 * everything else.
 */
const businessTimesOf = (events: readonly VersionedJourneyEvent[]): ((event: JourneyEvent) => number) => {
  const takenAt = new Map<string, number>();
  for (const { event } of events) if (event.type === 'StepTaken') takenAt.set(event.data.stepId, Date.parse(event.data.takenAt));
  return (event) => {
    if (event.type === 'StepTaken') return takenAt.get(event.data.stepId)!;
    const at = Date.parse(event.data.at);
    return event.type === 'StepPlanned' ? Math.min(at, takenAt.get(event.data.stepId) ?? at) : at;
  };
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The fold's working state: mutable while one call folds, never seen outside it. */
interface Fold {
  summary: Mutable<Omit<JourneySummary, 'vision' | 'lastStep' | 'lastReflection'>>;
  vision: VisionVersionView | null;
  steps: Map<string, StepView>;
  /** The step moved last by the instant, and when that move changed the journey (see Move). */
  lastStepMove: { readonly stepId: string; readonly at: number } | null;
  lastReflection: ReflectionView | null;
  reflections: number;
  people: Set<string>;
  answers: (ComfortAnswer & { readonly reflectionId: string })[];
}

const started = (event: Extract<JourneyEvent, { type: 'JourneyStarted' }>, version: number): Fold => {
  const at = new Date(event.data.at);
  return {
    summary: {
      journeyId: event.data.journeyId,
      teamId: event.data.teamId,
      title: event.data.title,
      status: 'ACTIVE',
      startedBy: event.data.startedBy,
      startedAt: at,
      direction: null,
      updatedAt: at,
      version,
    },
    vision: null,
    steps: new Map(),
    lastStepMove: null,
    lastReflection: null,
    reflections: 0,
    people: new Set(),
    answers: [],
  };
};

/**
 * When an event changed the journey as seen from the instant: when it was recorded, once that has
 * come; otherwise (a step recorded after the instant, taken before it) when it happened.
 */
interface Move {
  readonly at: number;
  readonly recordedLater: boolean;
}

/**
 * Among moves recorded by the instant the last in the log is the last step, as the live row says; a
 * take recorded later is the last step only if no step moved after it was taken.
 */
const movedStep = (fold: Fold, stepId: string, move: Move): void => {
  if (move.recordedLater && fold.lastStepMove !== null && move.at < fold.lastStepMove.at) return;
  fold.lastStepMove = { stepId, at: move.at };
};

const withStep = (fold: Fold, stepId: string, move: Move, change: (step: StepView) => StepView): void => {
  const step = fold.steps.get(stepId);
  // A step counts as planned whenever it counts as taken or dropped; a stream the decider wrote has no other.
  if (!step) return;
  fold.steps.set(stepId, change(step));
  movedStep(fold, stepId, move);
};

const apply = (fold: Fold, event: JourneyEvent, move: Move): void => {
  const at = new Date(event.data.at);
  switch (event.type) {
    case 'JourneyStarted':
      return;
    case 'VisionArticulated':
    case 'VisionRevised': {
      const { version, statement, expectations, successSignals } = event.data;
      const revised = event.type === 'VisionRevised';
      fold.vision = {
        version,
        statement,
        expectations,
        successSignals,
        reason: revised ? event.data.reason : null,
        by: revised ? event.data.revisedBy : event.data.articulatedBy,
        at,
      };
      return;
    }
    case 'DirectionSet':
      fold.summary.direction = event.data.direction;
      return;
    case 'PivotMade':
      fold.summary.direction = event.data.toDirection;
      return;
    case 'StepPlanned': {
      const { stepId, journeyId, teamId, title, ownerId, dueOn } = event.data;
      fold.steps.set(stepId, { stepId, journeyId, teamId, title, ownerId, dueOn, status: 'PLANNED', plannedAt: at, takenAt: null, droppedAt: null });
      movedStep(fold, stepId, move);
      return;
    }
    case 'StepTaken':
      return withStep(fold, event.data.stepId, move, (step) => ({ ...step, status: 'TAKEN', takenAt: new Date(event.data.takenAt) }));
    case 'StepDropped':
      return withStep(fold, event.data.stepId, move, (step) => ({ ...step, status: 'DROPPED', droppedAt: at }));
    case 'ReflectionRecorded': {
      const { reflectionId, journeyId, memberId, closer, comfort, note, stepId, direction } = event.data;
      fold.lastReflection = { reflectionId, journeyId, memberId, closer, comfort, note, stepId, direction, at };
      fold.reflections += 1;
      fold.people.add(memberId);
      fold.answers.push({ memberId, person: memberId, comfort, at, reflectionId });
      return;
    }
    case 'JourneyPaused':
      fold.summary.status = 'PAUSED';
      return;
    case 'JourneyResumed':
      fold.summary.status = 'ACTIVE';
      return;
    case 'JourneyCompleted':
      fold.summary.status = 'COMPLETED';
      return;
    case 'JourneyAbandoned':
      fold.summary.status = 'ABANDONED';
      return;
    case 'SupportRequested':
    case 'SupportOffered':
    case 'CommitmentMade':
    case 'CommitmentKept':
    case 'CommitmentMissed':
      return;
  }
};

/** Reflections in the order the read model lists them: by `at`, then by id. */
const byRecordedOrder = (a: { at: Date; reflectionId: string }, b: { at: Date; reflectionId: string }): number =>
  a.at.getTime() - b.at.getTime() || (a.reflectionId < b.reflectionId ? -1 : a.reflectionId > b.reflectionId ? 1 : 0);

const byPlanOrder = (a: StepView, b: StepView): number =>
  a.plannedAt.getTime() - b.plannedAt.getTime() || (a.stepId < b.stepId ? -1 : a.stepId > b.stepId ? 1 : 0);

/** The journey as of `instant`, or undefined when it had not started by then. Events come in stream order. */
export const journeyAsOf = (events: readonly VersionedJourneyEvent[], instant: Date): JourneyAsOf | undefined => {
  const businessTimeOf = businessTimesOf(events);
  let fold: Fold | undefined;
  for (const { event, version } of events) {
    const happenedAt = businessTimeOf(event);
    if (happenedAt > instant.getTime()) continue;
    if (event.type === 'JourneyStarted') {
      fold = started(event, version);
      continue;
    }
    if (!fold) continue;
    const recordedAt = new Date(event.data.at);
    const recordedLater = recordedAt.getTime() > instant.getTime();
    const changedAt = recordedLater ? new Date(happenedAt) : recordedAt;
    apply(fold, event, { at: changedAt.getTime(), recordedLater });
    // Every event the journey had by then moves its version and last change, as the live row's do;
    // a step recorded after the instant, taken before it, changed the journey when it was taken.
    fold.summary.version = version;
    if (!recordedLater || changedAt > fold.summary.updatedAt) fold.summary.updatedAt = changedAt;
  }
  if (!fold) return undefined;
  const lastStep = fold.lastStepMove === null ? null : (fold.steps.get(fold.lastStepMove.stepId) ?? null);
  return {
    journey: { ...fold.summary, vision: fold.vision, lastStep, lastReflection: fold.lastReflection },
    steps: [...fold.steps.values()].sort(byPlanOrder),
    tally: {
      reflections: fold.reflections,
      people: fold.people.size,
      answers: fold.answers.sort(byRecordedOrder).map(({ memberId, person, comfort, at }) => ({ memberId, person, comfort, at })),
    },
  };
};
