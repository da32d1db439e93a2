import type {
  CommitmentView,
  JourneySummary,
  ReflectionView,
  StepView,
  SupportRequestView,
  TimelineEntry,
  VisionVersionView,
} from '@stepwise/journeys-application/read';
import {
  CloserEnum,
  ComfortHiddenReasonEnum,
  CommitmentStatusEnum,
  JourneyStatusEnum,
  StepStatusEnum,
  SupportRequestStatusEnum,
  SupportTextHiddenReasonEnum,
} from '../graphql/enums';
import {
  aggregateComfortFor,
  currentMinimumGroupSize,
  visibleComfort,
  visibleNote,
  visibleSupportMessage,
  visibleSupportNeed,
  type JourneyViewer,
  type ReflectionTally,
} from '@stepwise/journeys-application/read';
import type { MinimumGroupSizeChange } from '@stepwise/tenancy-application/read';
import type {
  ComfortAggregateModel,
  CommitmentModel,
  JourneyModel,
  ReflectionModel,
  StepModel,
  SupportRequestModel,
  TimelineEntryModel,
  VisionVersionModel,
} from './journeys.models';
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
    direction: view.direction,
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
  viewer,
});

/** `readsWeeklyCut`: the viewer reads the journey's comfort in its analytics as aggregates (see aggregateComfortFor). */
export const toComfortAggregateModel = (tally: ReflectionTally, sizeChanges: readonly MinimumGroupSizeChange[], readsWeeklyCut: boolean): ComfortAggregateModel => {
  const { mean, over, hiddenBecause } = aggregateComfortFor(tally, sizeChanges, readsWeeklyCut);
  return {
    reflections: tally.reflections,
    people: tally.people,
    meanComfort: mean,
    meanOverReflections: over,
    minimumGroupSize: currentMinimumGroupSize(sizeChanges),
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

/** Shown for a member the organisation directory does not (or no longer) hold. */
const SOMEONE = 'Someone';

/** A request for support and its offers, with the words shown only to whom the access policy allows. */
export const toSupportRequestModel = (view: SupportRequestView, viewer: JourneyViewer): SupportRequestModel => {
  const need = visibleSupportNeed(view.need, view.requesterId, viewer);
  return {
    id: view.requestId,
    journeyId: view.journeyId,
    requesterId: view.requesterId,
    requesterName: view.requesterName ?? SOMEONE,
    text: need.text,
    textHiddenBecause: need.hiddenBecause as SupportTextHiddenReasonEnum | null,
    status: view.offers.length === 0 ? SupportRequestStatusEnum.OPEN : SupportRequestStatusEnum.ANSWERED,
    requestedAt: view.requestedAt,
    offers: view.offers.map((offer) => {
      const message = visibleSupportMessage(offer.message, view.requesterId, offer.leaderId, viewer);
      return {
        leaderId: offer.leaderId,
        leaderName: offer.leaderName ?? SOMEONE,
        message: message.text,
        messageHiddenBecause: message.hiddenBecause as SupportTextHiddenReasonEnum | null,
        offeredAt: offer.offeredAt,
      };
    }),
  };
};
