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

  @Mutation(() => JourneyPayload, { description: 'The first statement of the vision; later changes are revisions.' })
  async articulateVision(@CurrentCaller() caller: Caller, @Args('input') input: VisionInput): Promise<JourneyPayload> {
    const command = new ArticulateVisionCommand(
      { journeyId: input.journeyId, statement: input.statement, expectations: input.expectations, successSignals: input.successSignals },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { description: 'A new version of the vision, with the reason for it.' })
  async reviseVision(@CurrentCaller() caller: Caller, @Args('input') input: ReviseVisionInput): Promise<JourneyPayload> {
    const command = new ReviseVisionCommand(
      { journeyId: input.journeyId, statement: input.statement, expectations: input.expectations, successSignals: input.successSignals, reason: input.reason },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload)
  async setDirection(@CurrentCaller() caller: Caller, @Args('input') input: SetDirectionInput): Promise<JourneyPayload> {
    const command = new SetDirectionCommand({ journeyId: input.journeyId, direction: input.direction }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { description: 'A slightly different direction, usually after "not closer" reflections.' })
  async makePivot(@CurrentCaller() caller: Caller, @Args('input') input: MakePivotInput): Promise<JourneyPayload> {
    const command = new MakePivotCommand(
      { journeyId: input.journeyId, toDirection: input.toDirection, reason: input.reason, reflectionIds: input.reflectionIds },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }
}
