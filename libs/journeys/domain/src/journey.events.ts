/**
 * Journey events: past tense, one fact each. Every event carries the journey and team ids, the
 * acting member's id and `at` (the command's `now`, ISO), so read models need no lookups.
 */
import { eventTypesOf, isEventTypeOf, type EventSchemaVersions } from '@stepwise/kernel';
import type { CloserAnswer } from './journey.commands';

export const JOURNEY_STREAM_PREFIX = 'journey-';
export const journeyStreamId = (journeyId: string): string => `${JOURNEY_STREAM_PREFIX}${journeyId}`;

interface Base {
  journeyId: string;
  teamId: string;
  at: string;
}
type Event<Type extends string, Data> = { readonly type: Type; readonly data: Base & Data };

export interface VisionFields {
  version: number;
  statement: string;
  expectations: string[];
  successSignals: string[];
}

export type JourneyStarted = Event<'JourneyStarted', { title: string; startedBy: string }>;
export type VisionArticulated = Event<'VisionArticulated', VisionFields & { articulatedBy: string }>;
export type VisionRevised = Event<'VisionRevised', VisionFields & { reason: string; revisedBy: string }>;
export type DirectionSet = Event<'DirectionSet', { direction: string; setBy: string }>;
export type StepPlanned = Event<'StepPlanned', { stepId: string; title: string; ownerId: string; dueOn: string | null; plannedBy: string }>;
export type StepTaken = Event<'StepTaken', { stepId: string; ownerId: string; takenBy: string; takenAt: string }>;
export type StepDropped = Event<'StepDropped', { stepId: string; ownerId: string; reason: string; droppedBy: string }>;
/** `visionVersion` and `direction` are those the reflection answered "closer?" against. */
export type ReflectionRecorded = Event<
  'ReflectionRecorded',
  {
    reflectionId: string;
    memberId: string;
    closer: CloserAnswer;
    comfort: number;
    note: string | null;
    stepId: string | null;
    visionVersion: number;
    direction: string | null;
  }
>;
export type PivotMade = Event<
  'PivotMade',
  { pivotId: string; fromDirection: string; toDirection: string; reason: string; reflectionIds: string[]; pivotedBy: string }
>;
export type SupportRequested = Event<'SupportRequested', { requestId: string; memberId: string; need: string }>;
export type SupportOffered = Event<'SupportOffered', { requestId: string; requestedBy: string; leaderId: string; message: string }>;
export type CommitmentMade = Event<'CommitmentMade', { commitmentId: string; memberId: string; description: string; dueOn: string; madeBy: string }>;
export type CommitmentKept = Event<'CommitmentKept', { commitmentId: string; memberId: string; markedBy: string }>;
export type CommitmentMissed = Event<'CommitmentMissed', { commitmentId: string; memberId: string; markedBy: string }>;
export type JourneyPaused = Event<'JourneyPaused', { reason: string; pausedBy: string }>;
export type JourneyResumed = Event<'JourneyResumed', { resumedBy: string }>;
export type JourneyCompleted = Event<'JourneyCompleted', { summary: string | null; completedBy: string }>;
export type JourneyAbandoned = Event<'JourneyAbandoned', { reason: string; abandonedBy: string }>;

export type JourneyEvent =
  | JourneyStarted
  | VisionArticulated
  | VisionRevised
  | DirectionSet
  | StepPlanned
  | StepTaken
  | StepDropped
  | ReflectionRecorded
  | PivotMade
  | SupportRequested
  | SupportOffered
  | CommitmentMade
  | CommitmentKept
  | CommitmentMissed
  | JourneyPaused
  | JourneyResumed
  | JourneyCompleted
  | JourneyAbandoned;
export type JourneyEventType = JourneyEvent['type'];

/**
 * The schema version each journey event is written at today. A record keyed by the union, so the
 * compiler proves it names every event type and no other.
 */
export const journeyEventSchemaVersions: EventSchemaVersions<JourneyEvent> = {
  JourneyStarted: 1,
  VisionArticulated: 1,
  VisionRevised: 1,
  DirectionSet: 1,
  StepPlanned: 1,
  StepTaken: 1,
  StepDropped: 1,
  ReflectionRecorded: 1,
  PivotMade: 1,
  SupportRequested: 1,
  SupportOffered: 1,
  CommitmentMade: 1,
  CommitmentKept: 1,
  CommitmentMissed: 1,
  JourneyPaused: 1,
  JourneyResumed: 1,
  JourneyCompleted: 1,
  JourneyAbandoned: 1,
};

export const journeyEventTypes: readonly JourneyEventType[] = eventTypesOf(journeyEventSchemaVersions);

export const isJourneyEvent = (event: { type: string }): event is JourneyEvent => isEventTypeOf(journeyEventSchemaVersions, event.type);
