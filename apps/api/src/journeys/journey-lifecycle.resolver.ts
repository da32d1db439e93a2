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

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Starts a change journey for a team you lead; `createdId` is the new journey’s id. The team must be subscribed (else SUBSCRIPTION_INACTIVE).' })
  async startJourney(@CurrentCaller() caller: Caller, @Args('input', { description: 'The team and the journey’s title.' }) input: StartJourneyInput): Promise<JourneyPayload> {
    const command = new StartJourneyCommand({ teamId: input.teamId, title: input.title }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Pauses the journey: no step is planned or taken until it resumes. The team’s leaders only (LEADER_REQUIRED).' })
  async pauseJourney(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey and why it pauses.' }) input: ReasonInput): Promise<JourneyPayload> {
    const command = new PauseJourneyCommand({ journeyId: input.journeyId, reason: input.reason }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Resumes a paused journey (else JOURNEY_NOT_PAUSED). The team’s leaders only (LEADER_REQUIRED).' })
  async resumeJourney(@CurrentCaller() caller: Caller, @Args('input', { description: 'The paused journey.' }) input: ResumeJourneyInput): Promise<JourneyPayload> {
    const command = new ResumeJourneyCommand({ journeyId: input.journeyId }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Marks the journey done: it takes nothing further. The team’s leaders only (LEADER_REQUIRED).' })
  async completeJourney(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey and, optionally, what was achieved.' }) input: CompleteJourneyInput): Promise<JourneyPayload> {
    const command = new CompleteJourneyCommand({ journeyId: input.journeyId, summary: input.summary ?? null }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Gives the journey up: it takes nothing further. The team’s leaders only (LEADER_REQUIRED).' })
  async abandonJourney(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey and why it is abandoned.' }) input: ReasonInput): Promise<JourneyPayload> {
    const command = new AbandonJourneyCommand({ journeyId: input.journeyId, reason: input.reason }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }
}
