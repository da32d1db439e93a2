import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { JOURNEYS_READ_MODEL, type JourneysReadModel } from '@stepwise/journeys-application/read';
import { NotFoundError } from '@stepwise/kernel';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { PageArgs, toConnection, toPageRequest, type ConnectionShape } from '../graphql/connection';
import { JourneyNotFoundError, JourneyViewerResolver } from './journey-viewer';
import { toCommitmentModel, toJourneyModel, toStepModel, toTimelineEntryModel, toVisionModel } from './journeys.mappers';
import {
  CommitmentConnection,
  CommitmentModel,
  JourneyConnection,
  JourneyModel,
  StepConnection,
  StepModel,
  TimelineConnection,
  TimelineEntryModel,
  VisionVersionModel,
} from './journeys.models';

/** What staff and leaders read. Every query answers from read tables, scoped to the caller's tenant. */
@Resolver()
export class JourneyQueriesResolver {
  constructor(
    @Inject(JOURNEYS_READ_MODEL) private readonly journeys: JourneysReadModel,
    private readonly viewers: JourneyViewerResolver,
  ) {}

  @Query(() => JourneyModel)
  async journey(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<JourneyModel> {
    const seen = await this.journeys.journeyAsSeenBy(caller.organisationId, id, caller.memberId);
    if (!seen) throw new JourneyNotFoundError();
    return toJourneyModel(seen.journey, this.viewers.withRole(caller, seen.viewerTeamRole));
  }

  @Query(() => JourneyConnection, { description: 'A team’s journeys with their current vision, direction, last step and last reflection.' })
  async teamJourneys(
    @CurrentCaller() caller: Caller,
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<JourneyModel>> {
    const viewer = await this.viewers.forTeam(caller, teamId, () => new NotFoundError('TEAM_NOT_FOUND', 'No such team'));
    const found = await this.journeys.teamJourneys(caller.organisationId, teamId, toPageRequest(page));
    return toConnection(found, (summary) => toJourneyModel(summary, viewer));
  }

  @Query(() => JourneyConnection, { description: 'Journeys of the teams you belong to.' })
  async myJourneys(@CurrentCaller() caller: Caller, @Args() page: PageArgs): Promise<ConnectionShape<JourneyModel>> {
    const found = await this.journeys.memberJourneys(caller.organisationId, caller.memberId, toPageRequest(page));
    const viewers = new Map<string, Awaited<ReturnType<JourneyViewerResolver['forTeam']>>>();
    for (const { node } of found.items) {
      if (!viewers.has(node.teamId)) viewers.set(node.teamId, await this.viewers.forTeam(caller, node.teamId));
    }
    return toConnection(found, (summary) => toJourneyModel(summary, viewers.get(summary.teamId)!));
  }

  @Query(() => StepConnection, { description: 'Steps you own that are planned and not yet taken.' })
  async myOpenSteps(@CurrentCaller() caller: Caller, @Args() page: PageArgs): Promise<ConnectionShape<StepModel>> {
    return toConnection(await this.journeys.openSteps(caller.organisationId, caller.memberId, toPageRequest(page)), toStepModel);
  }

  @Query(() => StepConnection, { description: 'Steps you took that still await your reflection.' })
  async stepsAwaitingMyReflection(@CurrentCaller() caller: Caller, @Args() page: PageArgs): Promise<ConnectionShape<StepModel>> {
    return toConnection(await this.journeys.stepsAwaitingReflection(caller.organisationId, caller.memberId, toPageRequest(page)), toStepModel);
  }

  @Query(() => CommitmentConnection, { description: 'Your commitments, open ones first.' })
  async myCommitments(@CurrentCaller() caller: Caller, @Args() page: PageArgs): Promise<ConnectionShape<CommitmentModel>> {
    return toConnection(await this.journeys.commitments(caller.organisationId, caller.memberId, toPageRequest(page)), toCommitmentModel);
  }

  @Query(() => TimelineConnection, { description: 'Every event of a journey, rendered for people, in order.' })
  async journeyTimeline(
    @CurrentCaller() caller: Caller,
    @Args('journeyId', { type: () => ID }) journeyId: string,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<TimelineEntryModel>> {
    const viewer = await this.viewerOf(caller, journeyId);
    const found = await this.journeys.timeline(caller.organisationId, journeyId, toPageRequest(page));
    return toConnection(found, (entry) => toTimelineEntryModel(entry, viewer));
  }

  @Query(() => [VisionVersionModel], { description: 'Every version of the journey’s vision, oldest first.' })
  async visionHistory(@CurrentCaller() caller: Caller, @Args('journeyId', { type: () => ID }) journeyId: string): Promise<VisionVersionModel[]> {
    await this.viewerOf(caller, journeyId);
    return (await this.journeys.visionHistory(caller.organisationId, journeyId)).map(toVisionModel);
  }

  private async viewerOf(caller: Caller, journeyId: string) {
    const seen = await this.journeys.journeyAsSeenBy(caller.organisationId, journeyId, caller.memberId);
    if (!seen) throw new JourneyNotFoundError();
    return this.viewers.withRole(caller, seen.viewerTeamRole);
  }
}
