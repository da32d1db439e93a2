import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CLOCK } from '@stepwise/command-handling';
import { JOURNEY_HISTORY_READER, JOURNEYS_READ_MODEL, type JourneyHistoryReader, type JourneysReadModel } from '@stepwise/journeys-application/read';
import type { Clock } from '@stepwise/kernel';
import { TeamNotFoundError } from '@stepwise/tenancy-domain';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { PageArgs, toConnection, toPageRequest, type ConnectionShape } from '../graphql/connection';
import { CommitmentStatusEnum } from '../graphql/enums';
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
    @Inject(JOURNEY_HISTORY_READER) private readonly history: JourneyHistoryReader,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly viewers: JourneyViewerResolver,
  ) {}

  @Query(() => JourneyModel, {
    description: 'One journey. Staff see their own teams’ journeys, admins every team’s; otherwise JOURNEY_NOT_FOUND, as for an id that does not exist.',
  })
  async journey(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID, description: 'The journey’s id.' }) id: string,
    @Args('asOf', {
      type: () => Date,
      nullable: true,
      description:
        'A past instant (business time): the journey as it stood then — vision, direction, status, steps and reflections so far, an event at exactly that instant included — under today’s visibility rule. ' +
        'Omit for now. After now: VALIDATION_FAILED; before the journey started: JOURNEY_NOT_STARTED_AS_OF.',
    })
    asOf?: Date | null,
  ): Promise<JourneyModel> {
    const seen = await this.journeys.journeyAsSeenBy(caller.organisationId, id, caller.memberId);
    const notFound = () => new JourneyNotFoundError(id, 'id');
    if (!seen) throw notFound();
    const viewer = this.viewers.withRole(caller, seen, notFound);
    if (!asOf) return toJourneyModel(seen.journey, viewer);
    const past = await this.history.asOf(caller.organisationId, id, asOf, this.clock.now());
    return { ...toJourneyModel(past.journey, viewer, asOf), history: { steps: past.steps, tally: past.tally } };
  }

  @Query(() => JourneyConnection, {
    description:
      'A team’s journeys, newest first, with their current vision, direction, last step and last reflection. ' +
      'Members of the team and admins only; otherwise TEAM_NOT_FOUND.',
  })
  async teamJourneys(
    @CurrentCaller() caller: Caller,
    @Args('teamId', { type: () => ID, description: 'The team whose journeys to list.' }) teamId: string,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<JourneyModel>> {
    const notFound = () => new TeamNotFoundError(teamId);
    const request = toPageRequest(page);
    // The page and the caller's role on the team in one read; the access policy decides before anything is shown.
    const seen = await this.journeys.teamJourneysAsSeenBy(caller.organisationId, teamId, caller.memberId, request);
    if (!seen) throw notFound();
    const viewer = this.viewers.withRole(caller, seen, notFound);
    return toConnection(seen.page, request, (summary) => toJourneyModel(summary, viewer));
  }

  @Query(() => JourneyConnection, { description: 'Journeys of the teams you belong to, newest first.' })
  async myJourneys(@CurrentCaller() caller: Caller, @Args() page: PageArgs): Promise<ConnectionShape<JourneyModel>> {
    const request = toPageRequest(page);
    const found = await this.journeys.memberJourneys(caller.organisationId, caller.memberId, request);
    const viewers = new Map<string, Awaited<ReturnType<JourneyViewerResolver['forTeam']>>>();
    for (const { node } of found.page.items) {
      if (!viewers.has(node.teamId)) viewers.set(node.teamId, await this.viewers.forTeam(caller, node.teamId, found));
    }
    return toConnection(found.page, request, (summary) => toJourneyModel(summary, viewers.get(summary.teamId)!));
  }

  @Query(() => StepConnection, {
    description:
      'Steps you own on the teams you belong to that are planned and not yet taken or dropped, soonest due first (undated last). ' +
      'Steps of a completed or abandoned journey, which can no longer be taken or dropped, are left out; a paused journey’s stay.',
  })
  async myOpenSteps(@CurrentCaller() caller: Caller, @Args() page: PageArgs): Promise<ConnectionShape<StepModel>> {
    const request = toPageRequest(page);
    return toConnection(await this.journeys.openSteps(caller.organisationId, caller.memberId, request), request, toStepModel);
  }

  @Query(() => StepConnection, {
    description:
      'Steps you took on the teams you belong to that still await your reflection (a reflection naming the step), oldest taken first. ' +
      'Steps of a completed or abandoned journey, which takes no further reflection, are left out; a paused journey’s stay.',
  })
  async stepsAwaitingMyReflection(@CurrentCaller() caller: Caller, @Args() page: PageArgs): Promise<ConnectionShape<StepModel>> {
    const request = toPageRequest(page);
    return toConnection(await this.journeys.stepsAwaitingReflection(caller.organisationId, caller.memberId, request), request, toStepModel);
  }

  @Query(() => CommitmentConnection, {
    description:
      'Your commitments across the journeys of the teams you belong to, soonest due first, then oldest made. The order is on what a ' +
      'commitment keeps, so paging on while some are kept or missed neither skips nor repeats one; ask with `status: OPEN` for the open ones alone.',
  })
  async myCommitments(
    @CurrentCaller() caller: Caller,
    @Args() page: PageArgs,
    @Args('status', { type: () => CommitmentStatusEnum, nullable: true, description: 'Only commitments in this status; omit for all.' })
    status?: CommitmentStatusEnum | null,
  ): Promise<ConnectionShape<CommitmentModel>> {
    const request = toPageRequest(page);
    return toConnection(await this.journeys.commitments(caller.organisationId, caller.memberId, request, status ?? undefined), request, toCommitmentModel);
  }

  @Query(() => TimelineConnection, {
    description:
      'Every event of a journey, rendered for people, oldest first. Same visibility as `journey`; reflection notes show ' +
      'only to the team’s leaders and to their author.',
  })
  async journeyTimeline(
    @CurrentCaller() caller: Caller,
    @Args('journeyId', { type: () => ID, description: 'The journey whose events to list.' }) journeyId: string,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<TimelineEntryModel>> {
    const viewer = await this.viewerOf(caller, journeyId);
    const request = toPageRequest(page);
    const found = await this.journeys.timeline(caller.organisationId, journeyId, request);
    return toConnection(found, request, (entry) => toTimelineEntryModel(entry, viewer));
  }

  @Query(() => [VisionVersionModel], { description: 'Every version of the journey’s vision, oldest first (version 1 is the articulation). Same visibility as `journey`.' })
  async visionHistory(
    @CurrentCaller() caller: Caller,
    @Args('journeyId', { type: () => ID, description: 'The journey whose vision history to list.' }) journeyId: string,
  ): Promise<VisionVersionModel[]> {
    await this.viewerOf(caller, journeyId);
    return (await this.journeys.visionHistory(caller.organisationId, journeyId)).map(toVisionModel);
  }

  private async viewerOf(caller: Caller, journeyId: string) {
    const seen = await this.journeys.journeyAsSeenBy(caller.organisationId, journeyId, caller.memberId);
    if (!seen) throw new JourneyNotFoundError(journeyId);
    return this.viewers.withRole(caller, seen);
  }
}
