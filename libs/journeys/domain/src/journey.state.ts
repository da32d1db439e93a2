/** Journey state, derived only by folding its events. */
import type { CloserAnswer } from './journey.commands';
import type { JourneyEvent } from './journey.events';
import { KeyedEntries } from './keyed-entries';

export type JourneyStatus = 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'ABANDONED';
export type StepStatus = 'PLANNED' | 'TAKEN' | 'DROPPED';
export type CommitmentStatus = 'OPEN' | 'KEPT' | 'MISSED';

export interface Vision {
  readonly version: number;
  readonly statement: string;
  readonly expectations: readonly string[];
  readonly successSignals: readonly string[];
}

export interface JourneyStep {
  readonly stepId: string;
  readonly ownerId: string;
  readonly status: StepStatus;
}

export interface SupportRequest {
  readonly requestId: string;
  readonly memberId: string;
  /** Open until a leader first offers support. */
  readonly open: boolean;
}

export interface Commitment {
  readonly commitmentId: string;
  readonly memberId: string;
  readonly status: CommitmentStatus;
}

export interface JourneyReflection {
  /** The step it was about; null when about the journey as a whole. */
  readonly stepId: string | null;
  readonly memberId: string;
  readonly closer: CloserAnswer;
  readonly comfort: number;
  /** When it was recorded (ISO 8601, UTC). */
  readonly at: string;
  /** The vision version it answered "closer?" against. */
  readonly visionVersion: number;
  /** The direction it answered "closer?" against, by `directionNumber` (0: before any direction). */
  readonly directionNumber: number;
}

export interface Pause {
  readonly from: string;
  readonly to: string | null;
}

export interface StartedJourney {
  readonly status: JourneyStatus;
  readonly journeyId: string;
  readonly teamId: string;
  readonly title: string;
  /** When the journey was started (ISO 8601, UTC): nothing in it happened earlier. */
  readonly startedAt: string;
  readonly vision: Vision | null;
  /** When the first vision was articulated (ISO 8601, UTC), or null before: no step is taken earlier. */
  readonly visionSince: string | null;
  /** The journey's pauses, oldest first, each from its pause to its resumption (null while it lasts): no step is taken inside one. */
  readonly pauses: readonly Pause[];
  readonly direction: string | null;
  readonly steps: KeyedEntries<JourneyStep>;
  /** How many times a direction was set or pivoted to: the current direction's number (0 before any). */
  readonly directionNumber: number;
  /** Reflection id -> the reflection as the rules need it. */
  readonly reflections: KeyedEntries<JourneyReflection>;
  readonly pivotIds: readonly string[];
  readonly supportRequests: Readonly<Record<string, SupportRequest>>;
  readonly commitments: Readonly<Record<string, Commitment>>;
}

export type JourneyState = { readonly status: 'NOT_STARTED' } | StartedJourney;

/** A record entry by caller-supplied id, ignoring inherited keys such as "constructor". */
export const ownEntry = <T>(record: Readonly<Record<string, T>>, id: string): T | undefined =>
  Object.hasOwn(record, id) ? record[id] : undefined;

export const initialJourneyState = (): JourneyState => ({ status: 'NOT_STARTED' });

export const isClosed = (journey: StartedJourney): boolean => journey.status === 'COMPLETED' || journey.status === 'ABANDONED';

/** Whether an id is used by any step, reflection, pivot, support request or commitment. */
export const isIdUsed = (journey: StartedJourney, id: string): boolean =>
  journey.steps.has(id) ||
  journey.reflections.has(id) ||
  journey.pivotIds.includes(id) ||
  Object.hasOwn(journey.supportRequests, id) ||
  Object.hasOwn(journey.commitments, id);

const evolveStarted = (journey: StartedJourney, event: JourneyEvent): StartedJourney => {
  switch (event.type) {
    case 'JourneyStarted':
      return journey;
    case 'VisionArticulated':
    case 'VisionRevised': {
      const { version, statement, expectations, successSignals, at } = event.data;
      return { ...journey, vision: { version, statement, expectations, successSignals }, visionSince: journey.visionSince ?? at };
    }
    case 'DirectionSet':
      return { ...journey, direction: event.data.direction, directionNumber: journey.directionNumber + 1 };
    case 'PivotMade':
      return {
        ...journey,
        direction: event.data.toDirection,
        directionNumber: journey.directionNumber + 1,
        pivotIds: [...journey.pivotIds, event.data.pivotId],
      };
    case 'StepPlanned': {
      const { stepId, ownerId } = event.data;
      return { ...journey, steps: journey.steps.with(stepId, { stepId, ownerId, status: 'PLANNED' }) };
    }
    case 'StepTaken':
    case 'StepDropped': {
      const step = journey.steps.get(event.data.stepId);
      if (!step) return journey;
      const status: StepStatus = event.type === 'StepTaken' ? 'TAKEN' : 'DROPPED';
      return { ...journey, steps: journey.steps.with(step.stepId, { ...step, status }) };
    }
    case 'ReflectionRecorded': {
      const { reflectionId, stepId, memberId, closer, comfort, at, visionVersion } = event.data;
      const reflection: JourneyReflection = { stepId, memberId, closer, comfort, at, visionVersion, directionNumber: journey.directionNumber };
      return { ...journey, reflections: journey.reflections.with(reflectionId, reflection) };
    }
    case 'SupportRequested': {
      const { requestId, memberId } = event.data;
      return { ...journey, supportRequests: { ...journey.supportRequests, [requestId]: { requestId, memberId, open: true } } };
    }
    case 'SupportOffered': {
      const request = ownEntry(journey.supportRequests, event.data.requestId);
      if (!request) return journey;
      return { ...journey, supportRequests: { ...journey.supportRequests, [request.requestId]: { ...request, open: false } } };
    }
    case 'CommitmentMade': {
      const { commitmentId, memberId } = event.data;
      return { ...journey, commitments: { ...journey.commitments, [commitmentId]: { commitmentId, memberId, status: 'OPEN' } } };
    }
    case 'CommitmentKept':
    case 'CommitmentMissed': {
      const commitment = ownEntry(journey.commitments, event.data.commitmentId);
      if (!commitment) return journey;
      const status: CommitmentStatus = event.type === 'CommitmentKept' ? 'KEPT' : 'MISSED';
      return { ...journey, commitments: { ...journey.commitments, [commitment.commitmentId]: { ...commitment, status } } };
    }
    case 'JourneyPaused':
      return { ...journey, status: 'PAUSED', pauses: [...journey.pauses, { from: event.data.at, to: null }] };
    case 'JourneyResumed':
      return { ...journey, status: 'ACTIVE', pauses: journey.pauses.map((pause) => (pause.to === null ? { ...pause, to: event.data.at } : pause)) };
    case 'JourneyCompleted':
      return { ...journey, status: 'COMPLETED' };
    case 'JourneyAbandoned':
      return { ...journey, status: 'ABANDONED' };
  }
};

export const evolveJourney = (state: JourneyState, event: JourneyEvent): JourneyState => {
  if (event.type === 'JourneyStarted') {
    const { journeyId, teamId, title, at } = event.data;
    return {
      status: 'ACTIVE',
      journeyId,
      teamId,
      title,
      startedAt: at,
      vision: null,
      visionSince: null,
      pauses: [],
      direction: null,
      directionNumber: 0,
      steps: KeyedEntries.empty(),
      reflections: KeyedEntries.empty(),
      pivotIds: [],
      supportRequests: {},
      commitments: {},
    };
  }
  return state.status === 'NOT_STARTED' ? state : evolveStarted(state, event);
};
