import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { JourneyMutations } from './journey-mutations';
import { CompleteJourneyInput, ReasonInput, ResumeJourneyInput, StartJourneyInput } from './journeys.inputs';
import { JourneyPayload } from './journeys.models';

/** Starting, pausing, resuming, completing and abandoning journeys: team leaders only. */
@Resolver()
export class JourneyLifecycleResolver {
  constructor(private readonly mutations: JourneyMutations) {}

  @Mutation(() => JourneyPayload, { description: 'A team leader starts a change journey for their team.' })
  startJourney(@CurrentCaller() caller: Caller, @Args('input') input: StartJourneyInput): Promise<JourneyPayload> {
    return this.mutations.run(
      caller,
      input.clientMutationId,
      ({ newId }) => ({ type: 'StartJourney', data: { journeyId: newId('journey'), teamId: input.teamId, title: input.title } }),
      'journeyId',
    );
  }

  @Mutation(() => JourneyPayload)
  pauseJourney(@CurrentCaller() caller: Caller, @Args('input') input: ReasonInput): Promise<JourneyPayload> {
    return this.mutations.run(caller, input.clientMutationId, () => ({ type: 'PauseJourney', data: { journeyId: input.journeyId, reason: input.reason } }));
  }

  @Mutation(() => JourneyPayload)
  resumeJourney(@CurrentCaller() caller: Caller, @Args('input') input: ResumeJourneyInput): Promise<JourneyPayload> {
    return this.mutations.run(caller, input.clientMutationId, () => ({ type: 'ResumeJourney', data: { journeyId: input.journeyId } }));
  }

  @Mutation(() => JourneyPayload)
  completeJourney(@CurrentCaller() caller: Caller, @Args('input') input: CompleteJourneyInput): Promise<JourneyPayload> {
    return this.mutations.run(caller, input.clientMutationId, () => ({
      type: 'CompleteJourney',
      data: { journeyId: input.journeyId, summary: input.summary ?? null },
    }));
  }

  @Mutation(() => JourneyPayload)
  abandonJourney(@CurrentCaller() caller: Caller, @Args('input') input: ReasonInput): Promise<JourneyPayload> {
    return this.mutations.run(caller, input.clientMutationId, () => ({ type: 'AbandonJourney', data: { journeyId: input.journeyId, reason: input.reason } }));
  }
}
