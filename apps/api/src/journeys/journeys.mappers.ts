import type { CommitmentView, JourneySummary, ReflectionView, StepView, TimelineEntry, VisionVersionView } from '@stepwise/journeys-application/read';
import { CloserEnum, ComfortHiddenReasonEnum, CommitmentStatusEnum, JourneyStatusEnum, StepStatusEnum } from '../graphql/enums';
import { aggregateComfort, visibleComfort, visibleNote, type JourneyViewer, type ReflectionTally } from '@stepwise/journeys-application/read';
import type { ComfortAggregateModel, CommitmentModel, JourneyModel, ReflectionModel, StepModel, TimelineEntryModel, VisionVersionModel } from './journeys.models';
import { comfortClause } from '@stepwise/journeys-infrastructure';

export const toVisionModel = (view: VisionVersionView): VisionVersionModel => ({ ...view });

export const toStepModel = (view: StepView): StepModel => ({
  id: view.stepId,
  journeyId: view.journeyId,
  teamId: view.teamId,
  title: view.title,
  ownerId: view.ownerId,
  dueOn: view.dueOn,
  status: view.status as StepStatusEnum,
  plannedAt: view.plannedAt,
  takenAt: view.takenAt,
  droppedAt: view.droppedAt,
});

export const toReflectionModel = (view: ReflectionView, viewer: JourneyViewer): ReflectionModel => {
  const { comfort, hiddenBecause } = visibleComfort(view.comfort, view.memberId, viewer);
  return {
    id: view.reflectionId,
    journeyId: view.journeyId,
    memberId: view.memberId,
    closer: view.closer as CloserEnum,
    comfort,
    comfortHiddenBecause: hiddenBecause as ComfortHiddenReasonEnum | null,
    note: visibleNote(view.note, view.memberId, viewer),
    stepId: view.stepId,
    at: view.at,
  };
};

export const toJourneyModel = (view: JourneySummary, viewer: JourneyViewer, asOf: Date | null = null): JourneyModel => ({
  id: view.journeyId,
  teamId: view.teamId,
  title: view.title,
  status: view.status as JourneyStatusEnum,
  startedBy: view.startedBy,
  startedAt: view.startedAt,
  vision: view.vision && toVisionModel(view.vision),
  direction: view.direction,
  lastStep: view.lastStep && toStepModel(view.lastStep),
  lastReflection: view.lastReflection && toReflectionModel(view.lastReflection, viewer),
  updatedAt: view.updatedAt,
  version: view.version,
  asOf,
});

export const toComfortAggregateModel = (tally: ReflectionTally, minimumGroupSize: number): ComfortAggregateModel => {
  const { mean, over, hiddenBecause } = aggregateComfort(tally, minimumGroupSize);
  return {
    reflections: tally.reflections,
    people: tally.people,
    meanComfort: mean,
    meanOverReflections: over,
    minimumGroupSize,
    hiddenBecause: hiddenBecause as ComfortHiddenReasonEnum | null,
  };
};

export const toCommitmentModel = (view: CommitmentView): CommitmentModel => ({
  id: view.commitmentId,
  journeyId: view.journeyId,
  teamId: view.teamId,
  memberId: view.memberId,
  description: view.description,
  dueOn: view.dueOn,
  status: view.status as CommitmentStatusEnum,
  madeAt: view.madeAt,
  resolvedAt: view.resolvedAt,
});

export const toTimelineEntryModel = (entry: TimelineEntry, viewer: JourneyViewer): TimelineEntryModel => {
  // A reflection line's actor is the person who reflected: the comfort is theirs.
  const seen = entry.comfort === null ? null : visibleComfort(entry.comfort, entry.actorId, viewer);
  return {
    sequence: entry.sequence,
    eventType: entry.eventType,
    actorId: entry.actorId,
    actorName: entry.actorName,
    at: entry.at,
    summary: seen?.comfort == null ? entry.summary : `${entry.summary}${comfortClause(seen.comfort)}`,
    note: visibleNote(entry.note, entry.noteAuthorId, viewer),
    comfortHiddenBecause: (seen?.hiddenBecause ?? null) as ComfortHiddenReasonEnum | null,
  };
};
