import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ArticulateVisionCommand, MakePivotCommand, ReviseVisionCommand, SetDirectionCommand } from '@stepwise/journeys-application';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { JourneyPayloads } from './journey-payloads';
import { MakePivotInput, ReviseVisionInput, SetDirectionInput, VisionInput } from './journeys.inputs';
import { JourneyPayload } from './journeys.models';

/** The vision (where we are going) and the direction (how we get there): team leaders only. */
@Resolver()
export class JourneyVisionResolver {
  constructor(
    private readonly commands: CommandSender,
    private readonly payloads: JourneyPayloads,
  ) {}

  @Mutation(() => JourneyPayload, { nullable: true, description: 'States the vision for the first time (version 1); later changes are revisions (else VISION_ALREADY_ARTICULATED). The team’s leaders only.' })
  async articulateVision(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey and its vision.' }) input: VisionInput): Promise<JourneyPayload> {
    const command = new ArticulateVisionCommand(
      { journeyId: input.journeyId, statement: input.statement, expectations: input.expectations, successSignals: input.successSignals },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Adds a new version of the vision, with the reason for it; earlier versions stay in visionHistory. The team’s leaders only.' })
  async reviseVision(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey, its new vision and why it changes.' }) input: ReviseVisionInput): Promise<JourneyPayload> {
    const command = new ReviseVisionCommand(
      { journeyId: input.journeyId, statement: input.statement, expectations: input.expectations, successSignals: input.successSignals, reason: input.reason },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Sets the journey’s first direction (else DIRECTION_ALREADY_SET; change it later with makePivot). The team’s leaders only.' })
  async setDirection(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey and its direction.' }) input: SetDirectionInput): Promise<JourneyPayload> {
    const command = new SetDirectionCommand({ journeyId: input.journeyId, direction: input.direction }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Changes the direction (not the vision), usually after "not closer" reflections; `createdId` is the pivot’s id. The team’s leaders only.' })
  async makePivot(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey, the new direction, why, and the reflections behind it.' }) input: MakePivotInput): Promise<JourneyPayload> {
    const command = new MakePivotCommand(
      { journeyId: input.journeyId, toDirection: input.toDirection, reason: input.reason, reflectionIds: input.reflectionIds },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }
}
