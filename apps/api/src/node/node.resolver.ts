import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { JOURNEYS_READ_MODEL, type JourneysReadModel } from '@stepwise/journeys-application/read';
import { NotFoundError } from '@stepwise/kernel';
import { canSeeTeam, TENANCY_READ_MODEL, type TenancyReadModel } from '@stepwise/tenancy-application/read';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { JourneyNotFoundError, JourneyViewerResolver } from '../journeys/journey-viewer';
import { toCommitmentModel, toJourneyModel, toStepModel } from '../journeys/journeys.mappers';
import { CommitmentModel, JourneyModel, StepModel } from '../journeys/journeys.models';
import { toMemberModel, toTeamModel } from '../tenancy/tenancy.mappers';
import { MemberModel, TeamModel } from '../tenancy/tenancy.models';
import { asNode, NodeInterface, type FoundNode } from './node.interface';

/** A visibility rule said no: for `node` that is the same answer as an id that does not exist. */
const hiddenAsNull = async <T>(find: () => Promise<T | null>): Promise<T | null> => {
  try {
    return await find();
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
};

/**
 * `node(id:)`: refetches any Node by its id. Each type is looked up in turn, in the caller's tenant,
 * under the same rule as its own query (journey, team, members; a step or commitment under its
 * journey's), so an id from another organisation or one the caller may not see answers null, exactly
 * like an id that never existed.
 */
@Resolver(() => NodeInterface)
export class NodeResolver {
  constructor(
    @Inject(JOURNEYS_READ_MODEL) private readonly journeys: JourneysReadModel,
    @Inject(TENANCY_READ_MODEL) private readonly tenancy: TenancyReadModel,
    private readonly viewers: JourneyViewerResolver,
  ) {}

  @Query(() => NodeInterface, {
    nullable: true,
    description:
      'Fetches a Journey, Team, Member, Step or Commitment by id, as the object’s own query would show it. Null when no ' +
      'such object exists in this organisation or you may not see it: staff see their own teams and those teams’ journeys, ' +
      'steps and commitments; admins see every team and journey; every member sees the organisation’s current members.',
  })
  async node(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID, description: 'The id of a Journey, Team, Member, Step or Commitment.' }) id: string,
  ): Promise<FoundNode | null> {
    return (
      (await this.journey(caller, id)) ??
      (await this.team(caller, id)) ??
      (await this.member(caller, id)) ??
      (await this.step(caller, id)) ??
      (await this.commitment(caller, id))
    );
  }

  private journey(caller: Caller, id: string): Promise<FoundNode | null> {
    return hiddenAsNull(async () => {
      const seen = await this.journeys.journeyAsSeenBy(caller.organisationId, id, caller.memberId);
      return seen ? asNode(JourneyModel, toJourneyModel(seen.journey, this.viewers.withRole(caller, seen))) : null;
    });
  }

  private async team(caller: Caller, id: string): Promise<FoundNode | null> {
    const view = await this.tenancy.team(caller.organisationId, id, caller.memberId);
    return view && canSeeTeam({ orgRole: caller.orgRole, teamRole: view.myRole }) ? asNode(TeamModel, toTeamModel(view)) : null;
  }

  private async member(caller: Caller, id: string): Promise<FoundNode | null> {
    const view = await this.tenancy.member(caller.organisationId, id);
    return view ? asNode(MemberModel, toMemberModel(view)) : null;
  }

  private step(caller: Caller, id: string): Promise<FoundNode | null> {
    return hiddenAsNull(async () => {
      const view = await this.journeys.step(caller.organisationId, id);
      if (!view) return null;
      await this.seeJourney(caller, view.journeyId);
      return asNode(StepModel, toStepModel(view));
    });
  }

  private commitment(caller: Caller, id: string): Promise<FoundNode | null> {
    return hiddenAsNull(async () => {
      const view = await this.journeys.commitment(caller.organisationId, id);
      if (!view) return null;
      await this.seeJourney(caller, view.journeyId);
      return asNode(CommitmentModel, toCommitmentModel(view));
    });
  }

  /** Throws NOT_FOUND unless the caller may see the journey (what journey(id:) checks). */
  private async seeJourney(caller: Caller, journeyId: string): Promise<void> {
    const seen = await this.journeys.journeyAsSeenBy(caller.organisationId, journeyId, caller.memberId);
    if (!seen) throw new JourneyNotFoundError(journeyId);
    this.viewers.withRole(caller, seen);
  }
}
