import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { JourneyMutations } from './journey-mutations';
import { MakePivotInput, ReviseVisionInput, SetDirectionInput, VisionInput } from './journeys.inputs';
import { JourneyPayload } from './journeys.models';

/** The vision (where we are going) and the direction (how we get there): team leaders only. */
@Resolver()
export class JourneyVisionResolver {
  constructor(private readonly mutations: JourneyMutations) {}

  @Mutation(() => JourneyPayload, { description: 'The first statement of the vision; later changes are revisions.' })
  articulateVision(@CurrentCaller() caller: Caller, @Args('input') input: VisionInput): Promise<JourneyPayload> {
    return this.mutations.run(caller, input.clientMutationId, () => ({
      type: 'ArticulateVision',
      data: { journeyId: input.journeyId, statement: input.statement, expectations: input.expectations, successSignals: input.successSignals },
    }));
  }

  @Mutation(() => JourneyPayload, { description: 'A new version of the vision, with the reason for it.' })
  reviseVision(@CurrentCaller() caller: Caller, @Args('input') input: ReviseVisionInput): Promise<JourneyPayload> {
    return this.mutations.run(caller, input.clientMutationId, () => ({
      type: 'ReviseVision',
      data: {
        journeyId: input.journeyId,
        statement: input.statement,
        expectations: input.expectations,
        successSignals: input.successSignals,
        reason: input.reason,
      },
    }));
  }

  @Mutation(() => JourneyPayload)
  setDirection(@CurrentCaller() caller: Caller, @Args('input') input: SetDirectionInput): Promise<JourneyPayload> {
    return this.mutations.run(caller, input.clientMutationId, () => ({ type: 'SetDirection', data: { journeyId: input.journeyId, direction: input.direction } }));
  }

  @Mutation(() => JourneyPayload, { description: 'A slightly different direction, usually after "not closer" reflections.' })
  makePivot(@CurrentCaller() caller: Caller, @Args('input') input: MakePivotInput): Promise<JourneyPayload> {
    return this.mutations.run(
      caller,
      input.clientMutationId,
      ({ newId }) => ({
        type: 'MakePivot',
        data: { journeyId: input.journeyId, pivotId: newId('pivot'), toDirection: input.toDirection, reason: input.reason, reflectionIds: input.reflectionIds },
      }),
      'pivotId',
    );
  }
}
