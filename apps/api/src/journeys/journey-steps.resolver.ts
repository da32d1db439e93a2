import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ValidationError } from '@stepwise/kernel';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { JourneyMutations } from './journey-mutations';
import { DropStepInput, PlanStepInput, RecordReflectionInput, TakeStepInput } from './journeys.inputs';
import { JourneyPayload } from './journeys.models';

/** The loop: plan a small step, take it, then ask "are we closer?" apart from "how comfortable am I?". */
@Resolver()
export class JourneyStepsResolver {
  constructor(private readonly mutations: JourneyMutations) {}

  @Mutation(() => JourneyPayload, { description: 'Needs a vision first. createdId is the step id.' })
  planStep(@CurrentCaller() caller: Caller, @Args('input') input: PlanStepInput): Promise<JourneyPayload> {
    return this.mutations.run(
      caller,
      input.clientMutationId,
      ({ newId }) => ({
        type: 'PlanStep',
        data: {
          journeyId: input.journeyId,
          stepId: newId('step'),
          title: input.title,
          ...(input.ownerId && { ownerId: input.ownerId }),
          dueOn: input.dueOn ?? null,
        },
      }),
      'stepId',
    );
  }

  @Mutation(() => JourneyPayload, { description: 'A step is taken once; staff take their own steps.' })
  takeStep(@CurrentCaller() caller: Caller, @Args('input') input: TakeStepInput): Promise<JourneyPayload> {
    // The DateTime scalar turns an unparseable string into an Invalid Date rather than refusing it.
    if (input.takenAt && Number.isNaN(input.takenAt.getTime())) {
      return Promise.reject(new ValidationError('takenAt must be an ISO 8601 date-time', { field: 'takenAt' }));
    }
    return this.mutations.run(caller, input.clientMutationId, () => ({
      type: 'TakeStep',
      data: { journeyId: input.journeyId, stepId: input.stepId, ...(input.takenAt && { takenAt: input.takenAt.toISOString() }) },
    }));
  }

  @Mutation(() => JourneyPayload)
  dropStep(@CurrentCaller() caller: Caller, @Args('input') input: DropStepInput): Promise<JourneyPayload> {
    return this.mutations.run(caller, input.clientMutationId, () => ({
      type: 'DropStep',
      data: { journeyId: input.journeyId, stepId: input.stepId, reason: input.reason },
    }));
  }

  @Mutation(() => JourneyPayload, { description: 'createdId is the reflection id.' })
  recordReflection(@CurrentCaller() caller: Caller, @Args('input') input: RecordReflectionInput): Promise<JourneyPayload> {
    return this.mutations.run(
      caller,
      input.clientMutationId,
      ({ newId }) => ({
        type: 'RecordReflection',
        data: {
          journeyId: input.journeyId,
          reflectionId: newId('reflection'),
          closer: input.closer,
          comfort: input.comfort,
          note: input.note ?? null,
          stepId: input.stepId ?? null,
        },
      }),
      'reflectionId',
    );
  }
}
