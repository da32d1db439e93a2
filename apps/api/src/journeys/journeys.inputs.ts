import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { CloserEnum } from '../graphql/enums';
import { MutationInput } from '../tenancy/tenancy.inputs';

@InputType({ isAbstract: true })
abstract class JourneyInput extends MutationInput {
  @Field(() => ID)
  journeyId!: string;
}

@InputType()
export class StartJourneyInput extends MutationInput {
  @Field(() => ID)
  teamId!: string;

  @Field()
  title!: string;
}

@InputType()
export class VisionInput extends JourneyInput {
  @Field({ description: 'How the future perfect looks.' })
  statement!: string;

  @Field(() => [String], { defaultValue: [] })
  expectations!: string[];

  @Field(() => [String], { defaultValue: [], description: 'What success looks like.' })
  successSignals!: string[];
}

@InputType()
export class ReviseVisionInput extends VisionInput {
  @Field()
  reason!: string;
}

@InputType()
export class SetDirectionInput extends JourneyInput {
  @Field()
  direction!: string;
}

@InputType()
export class MakePivotInput extends JourneyInput {
  @Field({ description: 'Must differ from the current direction.' })
  toDirection!: string;

  @Field()
  reason!: string;

  @Field(() => [ID], { defaultValue: [], description: 'The reflections that prompted the pivot.' })
  reflectionIds!: string[];
}

@InputType()
export class PlanStepInput extends JourneyInput {
  @Field()
  title!: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to you; only leaders plan steps for others.' })
  ownerId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dueOn?: string | null;
}

@InputType()
export class TakeStepInput extends JourneyInput {
  @Field(() => ID)
  stepId!: string;

  @Field(() => Date, { nullable: true, description: 'When it was taken, if earlier than now.' })
  takenAt?: Date | null;
}

@InputType()
export class DropStepInput extends JourneyInput {
  @Field(() => ID)
  stepId!: string;

  @Field()
  reason!: string;
}

@InputType()
export class RecordReflectionInput extends JourneyInput {
  @Field(() => CloserEnum, { description: 'Are we closer to where we want to be?' })
  closer!: CloserEnum;

  @Field(() => Int, { description: 'How comfortable am I? 1 to 5.' })
  comfort!: number;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => ID, { nullable: true, description: 'The (taken) step this reflection is about.' })
  stepId?: string | null;
}

@InputType()
export class RequestSupportInput extends JourneyInput {
  @Field({ description: 'What would help.' })
  need!: string;
}

@InputType()
export class OfferSupportInput extends JourneyInput {
  @Field(() => ID)
  requestId!: string;

  @Field()
  message!: string;
}

@InputType()
export class MakeCommitmentInput extends JourneyInput {
  @Field()
  description!: string;

  @Field({ description: 'YYYY-MM-DD' })
  dueOn!: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to you; only leaders commit on someone’s behalf.' })
  memberId?: string | null;
}

@InputType()
export class CommitmentInput extends JourneyInput {
  @Field(() => ID)
  commitmentId!: string;
}

@InputType()
export class ReasonInput extends JourneyInput {
  @Field()
  reason!: string;
}

@InputType()
export class CompleteJourneyInput extends JourneyInput {
  @Field(() => String, { nullable: true })
  summary?: string | null;
}

@InputType()
export class ResumeJourneyInput extends JourneyInput {}
