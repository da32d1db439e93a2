import { Inject } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { JOURNEYS_READ_MODEL, type JourneysReadModel } from '@stepwise/journeys-application/read';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { PageArgs, toConnection, toPageRequest, type ConnectionShape } from '../graphql/connection';
import { toSupportRequestModel } from './journeys.mappers';
import { JourneyModel, SupportRequestConnection, SupportRequestModel } from './journeys.models';

/**
 * A journey's requests for support and the offers on them. Who may read their words is the access
 * policy's (the viewer the journey was shown to); the team sees that support was asked for, as the
 * timeline says.
 */
@Resolver(() => JourneyModel)
export class JourneySupportRequestsResolver {
  constructor(@Inject(JOURNEYS_READ_MODEL) private readonly journeys: JourneysReadModel) {}

  @ResolveField(() => SupportRequestConnection, {
    description:
      'Requests for support made on the journey, oldest first, each with every offer a leader made on it. Everyone who may see the journey sees ' +
      'who asked and when; what they asked is shown to them and to the team’s leaders only, and an offer’s message to whoever asked, the leader ' +
      'who offered and the team’s leaders (see `textHiddenBecause`). For a journey as of a past instant, what was asked and offered by then.',
  })
  async supportRequests(@CurrentCaller() caller: Caller, @Parent() journey: JourneyModel, @Args() page: PageArgs): Promise<ConnectionShape<SupportRequestModel>> {
    const request = toPageRequest(page);
    const found = await this.journeys.supportRequests(caller.organisationId, journey.id, request, journey.asOf ?? undefined);
    return toConnection(found, request, (view) => toSupportRequestModel(view, journey.viewer));
  }
}
