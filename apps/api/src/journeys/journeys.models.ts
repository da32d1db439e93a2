import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { JourneyViewer, ReflectionTally, StepView } from '@stepwise/journeys-application/read';
import {
  CloserEnum,
  ComfortHiddenReasonEnum,
  CommitmentStatusEnum,
  JourneyStatusEnum,
  StepStatusEnum,
  SupportRequestStatusEnum,
  SupportTextHiddenReasonEnum,
} from '../graphql/enums';
import { Connection } from '../graphql/connection';
import { MutationOutcome } from '../graphql/mutation-outcome';
import { NodeInterface } from '../node/node.interface';
import type { ReadAfterWrite } from '../graphql/read-after-write';

@ObjectType('VisionVersion', {
  description: 'Where a journey is going: version 1 is the articulation, each revision adds a version. Earlier versions stay in `visionHistory`.',
})
export class VisionVersionModel {
  @Field(() => Int, { description: '1 for the articulation, then 2, 3… for each revision.' })
  version!: number;

  @Field({ description: 'How the future perfect looks, in the leader’s words (up to 4,000 characters).' })
  statement!: string;

  @Field(() => [String], { description: 'What people can expect along the way (up to 20, each up to 500 characters); may be empty.' })
  expectations!: readonly string[];

  @Field(() => [String], { description: 'What success looks like: signs that the vision is reached (up to 20, each up to 500 characters); may be empty.' })
  successSignals!: readonly string[];

  @Field(() => String, { nullable: true, description: 'Why the vision was revised; null for version 1.' })
  reason!: string | null;

  @Field(() => ID, { description: 'The member (a Member id) who articulated or revised this version.' })
  by!: string;

  @Field({ description: 'When this version was articulated or revised.' })
  at!: Date;
}

@ObjectType('Step', {
  description: 'A small, concrete action toward the vision, with an owner and an optional due date: planned, then taken once, or dropped.',
  implements: () => [NodeInterface],
})
export class StepModel implements NodeInterface {
  @Field(() => ID, { description: 'The step’s id (a UUID), as `planStep` returned it in `createdId`. Refetch with `node(id:)`.' })
  id!: string;

  @Field(() => ID, { description: 'The journey the step belongs to.' })
  journeyId!: string;

  @Field(() => ID, { description: 'The team making the journey.' })
  teamId!: string;

  @Field({ description: 'What the step is (up to 200 characters).' })
  title!: string;

  @Field(() => ID, { description: 'The member (a Member id) who owns the step and takes it.' })
  ownerId!: string;

  @Field(() => String, { nullable: true, description: 'The date (YYYY-MM-DD) the step is due; null when it has none.' })
  dueOn!: string | null;

  @Field(() => StepStatusEnum, { description: 'Where the step stands.' })
  status!: StepStatusEnum;

  @Field({ description: 'When the step was planned.' })
  plannedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the step was taken (as its owner reported it); null unless TAKEN.' })
  takenAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the step was dropped; null unless DROPPED.' })
  droppedAt!: Date | null;
}

@ObjectType('Reflection', {
  description:
    'A member’s answer, usually after a step, to two separate questions: "are we closer?" (direction) and ' +
    '"how comfortable am I?" (comfort). The two are never mixed.',
})
export class ReflectionModel {
  @Field(() => ID, { description: 'The reflection’s id (a UUID), as `recordReflection` returned it in `createdId`; `makePivot` takes these.' })
  id!: string;

  @Field(() => ID, { description: 'The journey reflected on.' })
  journeyId!: string;

  @Field(() => ID, { description: 'The member (a Member id) who reflected.' })
  memberId!: string;

  @Field(() => CloserEnum, { description: 'Are we closer to where we want to be?' })
  closer!: CloserEnum;

  @Field(() => Int, {
    nullable: true,
    description:
      'How comfortable the member feels: 1 (very uncomfortable) to 5 (very comfortable). Shown to its author and the team’s leaders only; null for anyone else (see comfortHiddenBecause).',
  })
  comfort!: number | null;

  @Field(() => ComfortHiddenReasonEnum, { nullable: true, description: 'Why `comfort` is null for you; null when it is shown.' })
  comfortHiddenBecause!: ComfortHiddenReasonEnum | null;

  @Field(() => String, {
    nullable: true,
    description: 'The member’s note (up to 2,000 characters). Shown to the team’s leaders and to its author only; null for anyone else and when there is none.',
  })
  note!: string | null;

  @Field(() => ID, { nullable: true, description: 'The taken step this reflection is about; null when it is about the journey as a whole.' })
  stepId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The direction it answered "are we closer?" against: the one in force when it was recorded (null before one was set). `makePivot` cites reflections recorded since the current direction was set or last pivoted to.',
  })
  direction!: string | null;

  @Field({ description: 'When the reflection was recorded.' })
  at!: Date;
}

@ObjectType('Commitment', {
  description: 'Accountability: something a member commits to do by a date; later kept or missed.',
  implements: () => [NodeInterface],
})
export class CommitmentModel implements NodeInterface {
  @Field(() => ID, { description: 'The commitment’s id (a UUID), as `makeCommitment` returned it in `createdId`. Refetch with `node(id:)`.' })
  id!: string;

  @Field(() => ID, { description: 'The journey the commitment serves.' })
  journeyId!: string;

  @Field(() => ID, { description: 'The team making the journey.' })
  teamId!: string;

  @Field(() => ID, { description: 'The member (a Member id) who is committed.' })
  memberId!: string;

  @Field({ description: 'What the member commits to (up to 1,000 characters).' })
  description!: string;

  @Field({ description: 'The date (YYYY-MM-DD) it is due by.' })
  dueOn!: string;

  @Field(() => CommitmentStatusEnum, { description: 'Whether the commitment is open, kept or missed.' })
  status!: CommitmentStatusEnum;

  @Field({ description: 'When the commitment was made.' })
  madeAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was kept or missed; null while OPEN.' })
  resolvedAt!: Date | null;
}

@ObjectType('TimelineEntry', { description: 'One event of a journey, rendered as a sentence for people to read.' })
export class TimelineEntryModel {
  @Field(() => Int, { description: 'The event’s position in the journey, from 1 (the journey’s stream version after it).' })
  sequence!: number;

  @Field({ description: 'The event’s type, e.g. JourneyStarted, StepTaken, ReflectionRecorded, PivotMade. New types may appear; show `summary` for ones you do not know.' })
  eventType!: string;

  @Field(() => ID, { description: 'The member (a Member id) who did it.' })
  actorId!: string;

  @Field({ description: 'The actor’s display name as it is now (one who has left the organisation keeps theirs); "Someone" when no member record names them.' })
  actorName!: string;

  @Field({
    description:
      'When it was recorded: the timeline runs in the order things were recorded. A step recorded as taken earlier (`takeStep` with `takenAt`) keeps the time it was taken in the journey’s `steps` (`takenAt`), which is what analytics and `asOf` go by.',
  })
  at!: Date;

  @Field({
    description:
      'What happened, as an English sentence (Ada took the step "Draft the plan"). A reflection’s sentence ends with its comfort ("comfort 2/5") for its author and the team’s leaders only.',
  })
  summary!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A reflection’s note: shown to the team’s leaders and to its author only; null for anyone else and for other events.',
  })
  note!: string | null;

  @Field(() => ComfortHiddenReasonEnum, {
    nullable: true,
    description: 'For a reflection whose comfort `summary` leaves out for you: why. Null when nothing is left out, and for other events.',
  })
  comfortHiddenBecause!: ComfortHiddenReasonEnum | null;
}

@ObjectType('SupportOffer', { description: 'A leader’s answer to a request for support.' })
export class SupportOfferModel {
  @Field(() => ID, { description: 'The leader (a Member id) who offered support.' })
  leaderId!: string;

  @Field({ description: 'The leader’s display name as it is now (one who has left the organisation keeps theirs); "Someone" when no member record names them.' })
  leaderName!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'What the leader offered (up to 2,000 characters). Shown to whoever asked, to the leader who offered and to the team’s leaders only; null for anyone else (see messageHiddenBecause).',
  })
  message!: string | null;

  @Field(() => SupportTextHiddenReasonEnum, { nullable: true, description: 'Why `message` is null for you; null when it is shown.' })
  messageHiddenBecause!: SupportTextHiddenReasonEnum | null;

  @Field({ description: 'When support was offered.' })
  offeredAt!: Date;
}

@ObjectType('SupportRequest', {
  description: 'A member asking for support on a journey (feeling vulnerable, or unclear), with what leaders offered in answer.',
})
export class SupportRequestModel {
  @Field(() => ID, { description: 'The request’s id (a UUID), as `requestSupport` returned it in `createdId`; `offerSupport` takes it as `requestId`.' })
  id!: string;

  @Field(() => ID, { description: 'The journey the request was made on.' })
  journeyId!: string;

  @Field(() => ID, { description: 'The member (a Member id) who asked for support.' })
  requesterId!: string;

  @Field({ description: 'The requester’s display name as it is now (one who has left the organisation keeps theirs); "Someone" when no member record names them.' })
  requesterName!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'What the member asked for support with (up to 2,000 characters). Shown to them and to the team’s leaders only; null for anyone else (see textHiddenBecause).',
  })
  text!: string | null;

  @Field(() => SupportTextHiddenReasonEnum, { nullable: true, description: 'Why `text` is null for you; null when it is shown.' })
  textHiddenBecause!: SupportTextHiddenReasonEnum | null;

  @Field(() => SupportRequestStatusEnum, { description: 'OPEN until a leader first offers support, then ANSWERED.' })
  status!: SupportRequestStatusEnum;

  @Field({ description: 'When support was asked for.' })
  requestedAt!: Date;

  @Field(() => [SupportOfferModel], { description: 'Every offer of support made on the request, oldest first; empty while OPEN.' })
  offers!: SupportOfferModel[];
}

@ObjectType('ComfortAggregate', {
  description: 'Comfort over a journey’s reflections, for everyone who may see the journey: a mean is shown only over enough distinct people.',
})
export class ComfortAggregateModel {
  @Field(() => Int, { description: 'How many reflections the journey has had.' })
  reflections!: number;

  @Field(() => Int, { description: 'How many distinct people recorded them.' })
  people!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Mean comfort, 1 to 5, over the first `meanOverReflections` reflections; null when there are no reflections, or when hidden (see hiddenBecause).',
  })
  meanComfort!: number | null;

  @Field(() => Int, {
    description:
      'How many reflections `meanComfort` is over: the oldest ones, in whole groups, each closed once as many distinct people had answered in it as the ' +
      'minimum group size in force when its last answer was recorded; a later change of the size neither reopens nor re-cuts a group. Later answers count once ' +
      'their group closes, so no two readings of the mean (now and later, before and after a change of the size, or as of two instants) tell one person’s comfort.',
  })
  meanOverReflections!: number;

  @Field(() => Int, { description: 'The organisation’s minimum group size now: the fewest distinct people a group of answers closes with from now on.' })
  minimumGroupSize!: number;

  @Field(() => ComfortHiddenReasonEnum, { nullable: true, description: 'Why `meanComfort` is null although there are reflections; null otherwise.' })
  hiddenBecause!: ComfortHiddenReasonEnum | null;
}

@ObjectType('Journey', {
  description: 'One change a team is making: a vision (where to), a direction (how), and the steps, reflections and pivots along the way.',
  implements: () => [NodeInterface],
})
export class JourneyModel implements NodeInterface {
  @Field(() => ID, { description: 'The journey’s id (a UUID). Refetch with `journey(id:)` or `node(id:)`.' })
  id!: string;

  @Field(() => ID, { description: 'The team making the journey.' })
  teamId!: string;

  @Field({ description: 'The journey’s name (up to 200 characters).' })
  title!: string;

  @Field(() => JourneyStatusEnum, { description: 'Whether the journey takes steps now.' })
  status!: JourneyStatusEnum;

  @Field(() => ID, { description: 'The leader (a Member id) who started it.' })
  startedBy!: string;

  @Field({ description: 'When it was started.' })
  startedAt!: Date;

  @Field(() => VisionVersionModel, { nullable: true, description: 'The current vision; null until a leader articulates one (no step can be planned before).' })
  vision!: VisionVersionModel | null;

  @Field(() => String, { nullable: true, description: 'The current approach toward the vision (up to 1,000 characters); null until set. A pivot changes it.' })
  direction!: string | null;

  @Field(() => StepModel, { nullable: true, description: 'The step planned, taken or dropped most recently; null before the first.' })
  lastStep!: StepModel | null;

  @Field(() => ReflectionModel, { nullable: true, description: 'The most recent reflection, by anyone; null before the first.' })
  lastReflection!: ReflectionModel | null;

  @Field({ description: 'When anything about the journey last changed.' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'The journey’s stream version this view reflects (one more per event); compare with a mutation’s `outcome.version`. With `asOf`, the highest version among the events the view holds: a step recorded later with an earlier `takenAt` is held by a view as of that instant, though the events recorded between are not.' })
  version!: number;

  @Field(() => Date, { nullable: true, description: 'The instant this view is as of (`journey(asOf:)`, business time); null for the journey as it is now.' })
  asOf!: Date | null;

  /** Steps and reflections as of a past instant, folded with the view; absent for the journey as it is now (read on demand). */
  history?: JourneyHistoryFacts;

  /** Who the journey is shown to, as the access policy judged them: what its personal fields show them. */
  viewer!: JourneyViewer;
}

/** What a journey's field resolvers read, given with a journey as of a past instant. */
export interface JourneyHistoryFacts {
  readonly steps: readonly StepView[];
  readonly tally: ReflectionTally;
}

export const JourneyConnection = Connection(JourneyModel, 'Journey');
export const StepConnection = Connection(StepModel, 'Step');
export const CommitmentConnection = Connection(CommitmentModel, 'Commitment');
export const TimelineConnection = Connection(TimelineEntryModel, 'TimelineEntry');
export const SupportRequestConnection = Connection(SupportRequestModel, 'SupportRequest');
export const ReflectionConnection = Connection(ReflectionModel, 'Reflection');

@ObjectType({ description: 'What a journey mutation answers: the journey as it now reads, the id of anything it created, and the write’s outcome.' })
export class JourneyPayload {
  @Field(() => ID, { description: 'The journey the mutation wrote to.' })
  journeyId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The id of what the mutation created: the journey (startJourney), step (planStep), reflection (recordReflection), ' +
      'pivot (makePivot), support request (requestSupport) or commitment (makeCommitment); null for other mutations.',
  })
  createdId!: string | null;

  @Field(() => JourneyModel, {
    nullable: true,
    description:
      'The journey as the caller now sees it; null if the read models had not caught up in time (see `outcome.projected`), ' +
      'or if it could not be read after the write (with an error on this field alone, such as DATABASE_UNAVAILABLE).',
  })
  journey!: ReadAfterWrite<JourneyModel | null>;

  @Field(() => MutationOutcome, { description: 'What the write did to the journey’s stream.' })
  outcome!: MutationOutcome;
}
