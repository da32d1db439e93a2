import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { JourneyMutations } from './journey-mutations';
import { CommitmentInput, MakeCommitmentInput, OfferSupportInput, RequestSupportInput } from './journeys.inputs';
import { JourneyPayload } from './journeys.models';

/** Support through the uncomfortable transition, and accountability for moving forward. */
@Resolver()
export class JourneySupportResolver {
  constructor(private readonly mutations: JourneyMutations) {}

  @Mutation(() => JourneyPayload, { description: 'createdId is the request id.' })
  requestSupport(@CurrentCaller() caller: Caller, @Args('input') input: RequestSupportInput): Promise<JourneyPayload> {
    return this.mutations.run(
      caller,
      input.clientMutationId,
      ({ newId }) => ({ type: 'RequestSupport', data: { journeyId: input.journeyId, requestId: newId('support-request'), need: input.need } }),
      'requestId',
    );
  }

  @Mutation(() => JourneyPayload, { description: 'Team leaders only.' })
  offerSupport(@CurrentCaller() caller: Caller, @Args('input') input: OfferSupportInput): Promise<JourneyPayload> {
    return this.mutations.run(caller, input.clientMutationId, () => ({
      type: 'OfferSupport',
      data: { journeyId: input.journeyId, requestId: input.requestId, message: input.message },
    }));
  }

  @Mutation(() => JourneyPayload, { description: 'createdId is the commitment id.' })
  makeCommitment(@CurrentCaller() caller: Caller, @Args('input') input: MakeCommitmentInput): Promise<JourneyPayload> {
    return this.mutations.run(
      caller,
      input.clientMutationId,
      ({ newId }) => ({
        type: 'MakeCommitment',
        data: {
          journeyId: input.journeyId,
          commitmentId: newId('commitment'),
          description: input.description,
          dueOn: input.dueOn,
          ...(input.memberId && { memberId: input.memberId }),
        },
      }),
      'commitmentId',
    );
  }

  @Mutation(() => JourneyPayload, { description: 'The committing member or a leader.' })
  keepCommitment(@CurrentCaller() caller: Caller, @Args('input') input: CommitmentInput): Promise<JourneyPayload> {
    return this.mutations.run(caller, input.clientMutationId, () => ({ type: 'KeepCommitment', data: { journeyId: input.journeyId, commitmentId: input.commitmentId } }));
  }

  @Mutation(() => JourneyPayload, { description: 'Team leaders only.' })
  missCommitment(@CurrentCaller() caller: Caller, @Args('input') input: CommitmentInput): Promise<JourneyPayload> {
    return this.mutations.run(caller, input.clientMutationId, () => ({ type: 'MissCommitment', data: { journeyId: input.journeyId, commitmentId: input.commitmentId } }));
  }
}
