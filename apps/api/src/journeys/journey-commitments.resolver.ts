import { Inject } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { JOURNEYS_READ_MODEL, type JourneysReadModel } from '@stepwise/journeys-application/read';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { PageArgs, toConnection, toPageRequest, type ConnectionShape } from '../graphql/connection';
import { toCommitmentModel } from './journeys.mappers';
import { CommitmentStatusEnum } from '../graphql/enums';
import { CommitmentConnection, CommitmentModel, JourneyModel } from './journeys.models';

/**
 * A journey's commitments, whoever made them: what its leaders hold people accountable for, and
 * where they find the ids `keepCommitment` and `missCommitment` take. Seen by whoever may see the
 * journey, as `node(id:)` shows each commitment and the timeline tells of it.
 */
@Resolver(() => JourneyModel)
export class JourneyCommitmentsResolver {
  constructor(@Inject(JOURNEYS_READ_MODEL) private readonly journeys: JourneysReadModel) {}

  @ResolveField(() => CommitmentConnection, {
    description:
      'Commitments made on the journey by anyone on the team, soonest due first, then oldest made (keys a commitment keeps, so paging on while ' +
      'commitments are kept or missed neither skips nor repeats one). Everyone who may see the journey sees them, as `node(id:)` does. For a ' +
      'journey as of a past instant, those made by then, each OPEN unless it was kept or missed by then.',
  })
  async commitments(
    @CurrentCaller() caller: Caller,
    @Parent() journey: JourneyModel,
    @Args() page: PageArgs,
    @Args('status', { type: () => CommitmentStatusEnum, nullable: true, description: 'Only commitments in this status (as of `asOf`, for a past journey); omit for all.' })
    status?: CommitmentStatusEnum | null,
  ): Promise<ConnectionShape<CommitmentModel>> {
    const request = toPageRequest(page);
    const found = await this.journeys.journeyCommitments(caller.organisationId, journey.id, request, status ?? undefined, journey.asOf ?? undefined);
    return toConnection(found, request, toCommitmentModel);
  }
}
