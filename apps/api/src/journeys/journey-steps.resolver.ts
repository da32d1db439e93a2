import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { DropStepCommand, PlanStepCommand, RecordReflectionCommand, TakeStepCommand } from '@stepwise/journeys-application';
import { ValidationError } from '@stepwise/kernel';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { JourneyPayloads } from './journey-payloads';
import { DropStepInput, PlanStepInput, RecordReflectionInput, TakeStepInput } from './journeys.inputs';
import { JourneyPayload } from './journeys.models';

/** The DateTime scalar turns what names no instant into an Invalid Date rather than refusing it. */
const isoTimestamp = (field: string, value: Date | null | undefined): string | undefined => {
  if (!value) return undefined;
  if (Number.isNaN(value.getTime())) {
    throw new ValidationError(`${field} must be an ISO 8601 date-time with a timezone`, { field, reason: 'INVALID_DATE_TIME' });
  }
  return value.toISOString();
};

/** The loop: plan a small step, take it, then ask "are we closer?" apart from "how comfortable am I?". */
@Resolver()
export class JourneyStepsResolver {
  constructor(
    private readonly commands: CommandSender,
    private readonly payloads: JourneyPayloads,
  ) {}

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Plans a small step toward the vision (the journey needs one first: VISION_REQUIRED); `createdId` is the step’s id. Members of the team; leaders may plan for others.' })
  async planStep(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey, the step’s title, and optionally its owner and due date.' }) input: PlanStepInput): Promise<JourneyPayload> {
    const command = new PlanStepCommand(
      { journeyId: input.journeyId, title: input.title, ownerId: input.ownerId ?? undefined, dueOn: input.dueOn ?? null },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Marks a planned step taken; a step is taken once (STEP_ALREADY_TAKEN). Its owner takes it, or a leader.' })
  async takeStep(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey, the step and optionally when it was taken.' }) input: TakeStepInput): Promise<JourneyPayload> {
    const command = new TakeStepCommand(
      { journeyId: input.journeyId, stepId: input.stepId, takenAt: isoTimestamp('takenAt', input.takenAt) },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Drops a planned step: it will not be taken. Its owner or a leader.' })
  async dropStep(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey, the step and why it is dropped.' }) input: DropStepInput): Promise<JourneyPayload> {
    const command = new DropStepCommand(
      { journeyId: input.journeyId, stepId: input.stepId, reason: input.reason },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Records your answer to "are we closer?" and, separately, "how comfortable am I?"; `createdId` is the reflection’s id. Members of the team only (NOT_A_PARTICIPANT).' })
  async recordReflection(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey, your answers, an optional note and the step reflected on.' }) input: RecordReflectionInput): Promise<JourneyPayload> {
    const command = new RecordReflectionCommand(
      { journeyId: input.journeyId, closer: input.closer, comfort: input.comfort, note: input.note ?? null, stepId: input.stepId ?? null },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }
}
