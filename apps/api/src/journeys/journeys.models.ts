import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CloserEnum, CommitmentStatusEnum, JourneyStatusEnum, StepStatusEnum } from '../graphql/enums';
import { Connection } from '../graphql/connection';
import { MutationOutcome } from '../graphql/mutation-outcome';

@ObjectType('VisionVersion', { description: 'How the future perfect looks, as articulated (version 1) or revised.' })
export class VisionVersionModel {
  @Field(() => Int)
  version!: number;

  @Field()
  statement!: string;

  @Field(() => [String])
  expectations!: readonly string[];

  @Field(() => [String])
  successSignals!: readonly string[];

  @Field(() => String, { nullable: true, description: 'Why it was revised; null for the first articulation.' })
  reason!: string | null;

  @Field(() => ID, { description: 'The member who articulated or revised it.' })
  by!: string;

  @Field()
  at!: Date;
}

@ObjectType('Step', { description: 'A small, concrete action toward the vision.' })
export class StepModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  journeyId!: string;

  @Field(() => ID)
  teamId!: string;

  @Field()
  title!: string;

  @Field(() => ID)
  ownerId!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dueOn!: string | null;

  @Field(() => StepStatusEnum)
  status!: StepStatusEnum;

  @Field()
  plannedAt!: Date;

  @Field(() => Date, { nullable: true })
  takenAt!: Date | null;

  @Field(() => Date, { nullable: true })
  droppedAt!: Date | null;
}

@ObjectType('Reflection', { description: '"Are we closer?" and, separately, "how comfortable am I?"' })
export class ReflectionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  journeyId!: string;

  @Field(() => ID)
  memberId!: string;

  @Field(() => CloserEnum)
  closer!: CloserEnum;

  @Field(() => Int, { description: '1 (very uncomfortable) to 5' })
  comfort!: number;

  @Field(() => String, { nullable: true, description: 'Shown to the team’s leaders and to its author only.' })
  note!: string | null;

  @Field(() => ID, { nullable: true })
  stepId!: string | null;

  @Field()
  at!: Date;
}

@ObjectType('Commitment', { description: 'Accountability: something a member commits to by a date.' })
export class CommitmentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  journeyId!: string;

  @Field(() => ID)
  teamId!: string;

  @Field(() => ID)
  memberId!: string;

  @Field()
  description!: string;

  @Field({ description: 'YYYY-MM-DD' })
  dueOn!: string;

  @Field(() => CommitmentStatusEnum)
  status!: CommitmentStatusEnum;

  @Field()
  madeAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;
}

@ObjectType('TimelineEntry', { description: 'One event of a journey, rendered for people.' })
export class TimelineEntryModel {
  @Field(() => Int, { description: 'Position in the journey (its stream version).' })
  sequence!: number;

  @Field()
  eventType!: string;

  @Field(() => ID)
  actorId!: string;

  @Field()
  actorName!: string;

  @Field()
  at!: Date;

  @Field()
  summary!: string;

  @Field(() => String, { nullable: true, description: 'A reflection note, for the team’s leaders and its author only.' })
  note!: string | null;
}

@ObjectType('Journey', { description: 'One change a team is making.' })
export class JourneyModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  teamId!: string;

  @Field()
  title!: string;

  @Field(() => JourneyStatusEnum)
  status!: JourneyStatusEnum;

  @Field(() => ID)
  startedBy!: string;

  @Field()
  startedAt!: Date;

  @Field(() => VisionVersionModel, { nullable: true, description: 'The current vision.' })
  vision!: VisionVersionModel | null;

  @Field(() => String, { nullable: true, description: 'The current approach toward the vision.' })
  direction!: string | null;

  @Field(() => StepModel, { nullable: true })
  lastStep!: StepModel | null;

  @Field(() => ReflectionModel, { nullable: true })
  lastReflection!: ReflectionModel | null;

  @Field()
  updatedAt!: Date;

  @Field(() => Int, { description: 'The journey stream version this view reflects.' })
  version!: number;
}

export const JourneyConnection = Connection(JourneyModel, 'Journey');
export const StepConnection = Connection(StepModel, 'Step');
export const CommitmentConnection = Connection(CommitmentModel, 'Commitment');
export const TimelineConnection = Connection(TimelineEntryModel, 'TimelineEntry');

@ObjectType()
export class JourneyPayload {
  @Field(() => ID)
  journeyId!: string;

  @Field(() => ID, { nullable: true, description: 'The id of what the mutation created (journey, step, reflection, pivot, request, commitment).' })
  createdId!: string | null;

  @Field(() => JourneyModel, { nullable: true, description: 'Null only if the read models had not caught up in time.' })
  journey!: JourneyModel | null;

  @Field(() => MutationOutcome)
  outcome!: MutationOutcome;
}
