import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AbandonJourneyCommand, CompleteJourneyCommand, PauseJourneyCommand, ResumeJourneyCommand, StartJourneyCommand } from '@stepwise/journeys-application';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { JourneyPayloads } from './journey-payloads';
import { CompleteJourneyInput, ReasonInput, ResumeJourneyInput, StartJourneyInput } from './journeys.inputs';
import { JourneyPayload } from './journeys.models';

/** Starting, pausing, resuming, completing and abandoning journeys: team leaders only. */
@Resolver()
export class JourneyLifecycleResolver {
  constructor(
    private readonly commands: CommandSender,
    private readonly payloads: JourneyPayloads,
  ) {}

  @Mutation(() => JourneyPayload, { description: 'A team leader starts a change journey for their team.' })
  async startJourney(@CurrentCaller() caller: Caller, @Args('input') input: StartJourneyInput): Promise<JourneyPayload> {
    const command = new StartJourneyCommand({ teamId: input.teamId, title: input.title }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload)
  async pauseJourney(@CurrentCaller() caller: Caller, @Args('input') input: ReasonInput): Promise<JourneyPayload> {
    const command = new PauseJourneyCommand({ journeyId: input.journeyId, reason: input.reason }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload)
  async resumeJourney(@CurrentCaller() caller: Caller, @Args('input') input: ResumeJourneyInput): Promise<JourneyPayload> {
    const command = new ResumeJourneyCommand({ journeyId: input.journeyId }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload)
  async completeJourney(@CurrentCaller() caller: Caller, @Args('input') input: CompleteJourneyInput): Promise<JourneyPayload> {
    const command = new CompleteJourneyCommand({ journeyId: input.journeyId, summary: input.summary ?? null }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload)
  async abandonJourney(@CurrentCaller() caller: Caller, @Args('input') input: ReasonInput): Promise<JourneyPayload> {
    const command = new AbandonJourneyCommand({ journeyId: input.journeyId, reason: input.reason }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }
}
