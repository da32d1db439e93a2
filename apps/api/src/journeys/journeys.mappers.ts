import type { CommitmentView, JourneySummary, ReflectionView, StepView, TimelineEntry, VisionVersionView } from '@stepwise/journeys-application/read';
import { CloserEnum, CommitmentStatusEnum, JourneyStatusEnum, StepStatusEnum } from '../graphql/enums';
import { visibleNote, type JourneyViewer } from '@stepwise/journeys-application/read';
import type { CommitmentModel, JourneyModel, ReflectionModel, StepModel, TimelineEntryModel, VisionVersionModel } from './journeys.models';

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

export const toReflectionModel = (view: ReflectionView, viewer: JourneyViewer): ReflectionModel => ({
  id: view.reflectionId,
  journeyId: view.journeyId,
  memberId: view.memberId,
  closer: view.closer as CloserEnum,
  comfort: view.comfort,
  note: visibleNote(view.note, view.memberId, viewer),
  stepId: view.stepId,
  at: view.at,
});

export const toJourneyModel = (view: JourneySummary, viewer: JourneyViewer): JourneyModel => ({
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
});

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

export const toTimelineEntryModel = (entry: TimelineEntry, viewer: JourneyViewer): TimelineEntryModel => ({
  sequence: entry.sequence,
  eventType: entry.eventType,
  actorId: entry.actorId,
  actorName: entry.actorName,
  at: entry.at,
  summary: entry.summary,
  note: visibleNote(entry.note, entry.noteAuthorId, viewer),
});
