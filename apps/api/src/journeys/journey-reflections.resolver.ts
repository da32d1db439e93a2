import { Inject } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { JOURNEYS_READ_MODEL, type JourneysReadModel } from '@stepwise/journeys-application/read';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CloserEnum } from '../graphql/enums';
import { PageArgs, toConnection, toPageRequest, type ConnectionShape } from '../graphql/connection';
import { toReflectionModel } from './journeys.mappers';
import { JourneyModel, ReflectionConnection, ReflectionModel } from './journeys.models';

/**
 * A journey's reflections, newest first: where a leader finds the ids `makePivot` takes (the run of
 * "not closer" that prompted it). Seen by whoever may see the journey, each reflection's comfort and
 * note as `lastReflection` shows them: to its author and the team's leaders only.
 */
@Resolver(() => JourneyModel)
export class JourneyReflectionsResolver {
  constructor(@Inject(JOURNEYS_READ_MODEL) private readonly journeys: JourneysReadModel) {}

  @ResolveField(() => ReflectionConnection, {
    description:
      'Reflections on the journey, newest first (by `at`, then id: keys a reflection keeps), each answer to "are we closer?" with its ' +
      'comfort and note shown to its author and the team’s leaders only (null for anyone else, see comfortHiddenBecause). `makePivot` ' +
      'cites these ids: those recorded since the current direction was set or last pivoted to (older ones are REFLECTION_ON_EARLIER_DIRECTION). ' +
      'For a journey as of a past instant, those recorded by then.',
  })
  async reflections(
    @CurrentCaller() caller: Caller,
    @Parent() journey: JourneyModel,
    @Args() page: PageArgs,
    @Args('closer', { type: () => CloserEnum, nullable: true, description: 'Only reflections with this answer (NO: the "not closer" a pivot cites); omit for all.' })
    closer?: CloserEnum | null,
  ): Promise<ConnectionShape<ReflectionModel>> {
    const request = toPageRequest(page);
    const found = await this.journeys.journeyReflections(caller.organisationId, journey.id, request, closer ?? undefined, journey.asOf ?? undefined);
    return toConnection(found, request, (view) => toReflectionModel(view, journey.viewer));
  }
}
