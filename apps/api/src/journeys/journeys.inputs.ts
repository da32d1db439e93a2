import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  COMFORT_MAX,
  COMFORT_MIN,
  COMMITMENT_DESCRIPTION_MAX_LENGTH,
  DIRECTION_MAX_LENGTH,
  EXPECTATIONS_MAX,
  MESSAGE_MAX_LENGTH,
  NEED_MAX_LENGTH,
  NOTE_MAX_LENGTH,
  PIVOT_REFLECTIONS_MAX,
  REASON_MAX_LENGTH,
  STATEMENT_MAX_LENGTH,
  SUCCESS_SIGNALS_MAX,
  SUMMARY_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  VISION_ITEM_MAX_LENGTH,
} from '@stepwise/journeys-domain';
import { CloserEnum } from '../graphql/enums';
import { MutationInput } from '../tenancy/tenancy.inputs';

const DUE_ON = 'A date (YYYY-MM-DD), today or later (any timezone’s today counts: yesterday in UTC until noon UTC); a past date fails with VALIDATION_FAILED.';

@InputType({ isAbstract: true })
abstract class JourneyInput extends MutationInput {
  @Field(() => ID, { description: 'The journey (a Journey id). One you may not see fails with JOURNEY_NOT_FOUND.' })
  journeyId!: string;
}

@InputType({ description: 'A new journey for a team you lead.' })
export class StartJourneyInput extends MutationInput {
  @Field(() => ID, { description: 'The team (a Team id) making the journey; you must be one of its leaders.' })
  teamId!: string;

  @Field({ description: `The journey’s name, up to ${TITLE_MAX_LENGTH} characters.` })
  title!: string;
}

@InputType({ description: 'The vision: where the journey is going.' })
export class VisionInput extends JourneyInput {
  @Field({ description: `How the future perfect looks, up to ${STATEMENT_MAX_LENGTH} characters.` })
  statement!: string;

  @Field(() => [String], { defaultValue: [], description: `What people can expect along the way: up to ${EXPECTATIONS_MAX} items of up to ${VISION_ITEM_MAX_LENGTH} characters.` })
  expectations!: string[];

  @Field(() => [String], {
    defaultValue: [],
    description: `What success looks like (signs the vision is reached): up to ${SUCCESS_SIGNALS_MAX} items of up to ${VISION_ITEM_MAX_LENGTH} characters.`,
  })
  successSignals!: string[];
}

@InputType({ description: 'A new version of the vision, and why. It must differ from the current one (else VISION_UNCHANGED).' })
export class ReviseVisionInput extends VisionInput {
  @Field({ description: `Why the vision changes, up to ${REASON_MAX_LENGTH} characters.` })
  reason!: string;
}

@InputType({ description: 'The journey’s first direction (later changes are pivots).' })
export class SetDirectionInput extends JourneyInput {
  @Field({ description: `The approach toward the vision, up to ${DIRECTION_MAX_LENGTH} characters.` })
  direction!: string;
}

@InputType({ description: 'A change of direction (the vision stays), with its reason.' })
export class MakePivotInput extends JourneyInput {
  @Field({
    description: `The new direction, up to ${DIRECTION_MAX_LENGTH} characters. It must read differently from the current one, ignoring case, spacing and invisible characters (else PIVOT_SAME_DIRECTION).`,
  })
  toDirection!: string;

  @Field({ description: `Why the direction changes, up to ${REASON_MAX_LENGTH} characters.` })
  reason!: string;

  @Field(() => [ID], {
    defaultValue: [],
    description: `The reflections (Reflection ids of this journey) that prompted the pivot: up to ${PIVOT_REFLECTIONS_MAX}, no repeats. Each answered "not closer" or "unsure" (else REFLECTION_SAID_CLOSER) against the current direction, since it was set or last pivoted to (else REFLECTION_ON_EARLIER_DIRECTION).`,
  })
  reflectionIds!: string[];
}

@InputType({ description: 'A new step toward the vision. The journey needs a vision first (else VISION_REQUIRED).' })
export class PlanStepInput extends JourneyInput {
  @Field({ description: `What the step is, up to ${TITLE_MAX_LENGTH} characters.` })
  title!: string;

  @Field(() => ID, { nullable: true, description: 'Who owns the step (a Member id on the team); you when omitted. Only leaders plan steps for others.' })
  ownerId?: string | null;

  @Field(() => String, { nullable: true, description: `When the step is due; no due date when omitted. ${DUE_ON}` })
  dueOn?: string | null;
}

@InputType({ description: 'A planned step, now taken. A step is taken once (else STEP_ALREADY_TAKEN).' })
export class TakeStepInput extends JourneyInput {
  @Field(() => ID, { description: 'The step (a Step id of this journey). Staff take their own steps; leaders any.' })
  stepId!: string;

  @Field(() => Date, { nullable: true, description: 'When it was taken (ISO 8601 date-time), if earlier than now: never in the future (up to 5 s ahead, a client clock running fast, is taken as now), before the journey began (BEFORE_JOURNEY_STARTED) or had a vision (BEFORE_VISION), nor while it was paused (WHILE_PAUSED, naming the pause); each fails with VALIDATION_FAILED on takenAt. Now when omitted.' })
  takenAt?: Date | null;
}

@InputType({ description: 'A planned step, dropped: it will not be taken.' })
export class DropStepInput extends JourneyInput {
  @Field(() => ID, { description: 'The step (a Step id of this journey), still planned. Its owner or a leader drops it.' })
  stepId!: string;

  @Field({ description: `Why it is dropped, up to ${REASON_MAX_LENGTH} characters.` })
  reason!: string;
}

@InputType({ description: 'Your reflection: "are we closer?" and, separately, "how comfortable am I?". Only members of the journey’s team reflect.' })
export class RecordReflectionInput extends JourneyInput {
  @Field(() => CloserEnum, { description: 'Are we closer to where we want to be?' })
  closer!: CloserEnum;

  @Field(() => Int, { description: `How comfortable am I? An integer from ${COMFORT_MIN} (very uncomfortable) to ${COMFORT_MAX} (very comfortable).` })
  comfort!: number;

  @Field(() => String, { nullable: true, description: `A note, up to ${NOTE_MAX_LENGTH} characters, shown to the team’s leaders and to you only.` })
  note?: string | null;

  @Field(() => ID, { nullable: true, description: 'The step this reflection is about (a Step id of this journey); it must be taken (STEP_NOT_TAKEN while planned, STEP_DROPPED once dropped), and you reflect on a step once (else STEP_ALREADY_REFLECTED). Omit to reflect on the journey as a whole, as often as you like.' })
  stepId?: string | null;
}

@InputType({ description: 'A request for support, e.g. when feeling vulnerable or unclear.' })
export class RequestSupportInput extends JourneyInput {
  @Field({ description: `What would help, up to ${NEED_MAX_LENGTH} characters.` })
  need!: string;
}

@InputType({ description: 'A leader’s answer to a support request.' })
export class OfferSupportInput extends JourneyInput {
  @Field(() => ID, { description: 'The support request (the `createdId` requestSupport answered).' })
  requestId!: string;

  @Field({ description: `The leader’s message, up to ${MESSAGE_MAX_LENGTH} characters.` })
  message!: string;
}

@InputType({ description: 'A commitment to do something by a date.' })
export class MakeCommitmentInput extends JourneyInput {
  @Field({ description: `What is committed to, up to ${COMMITMENT_DESCRIPTION_MAX_LENGTH} characters.` })
  description!: string;

  @Field({ description: `When it is due. ${DUE_ON}` })
  dueOn!: string;

  @Field(() => ID, { nullable: true, description: 'Who commits (a Member id on the team); you when omitted. Only leaders commit on someone’s behalf.' })
  memberId?: string | null;
}

@InputType({ description: 'An open commitment to mark kept or missed.' })
export class CommitmentInput extends JourneyInput {
  @Field(() => ID, { description: 'The commitment (a Commitment id of this journey). One already kept or missed fails with COMMITMENT_ALREADY_RESOLVED.' })
  commitmentId!: string;
}

@InputType({ description: 'A journey, and the reason for pausing or abandoning it.' })
export class ReasonInput extends JourneyInput {
  @Field({ description: `Why, up to ${REASON_MAX_LENGTH} characters.` })
  reason!: string;
}

@InputType({ description: 'A journey to complete: it takes nothing further.' })
export class CompleteJourneyInput extends JourneyInput {
  @Field(() => String, { nullable: true, description: `What was achieved, up to ${SUMMARY_MAX_LENGTH} characters.` })
  summary?: string | null;
}

@InputType({ description: 'A paused journey to resume.' })
export class ResumeJourneyInput extends JourneyInput {}
