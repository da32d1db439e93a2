import { Inject } from '@nestjs/common';
import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { teamAnalyticsAccess } from '@stepwise/analytics-application/read';
import { JOURNEYS_READ_MODEL, type JourneysReadModel, type ReflectionTally } from '@stepwise/journeys-application/read';
import { TENANCY_READ_MODEL, type TenancyReadModel } from '@stepwise/tenancy-application/read';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { toComfortAggregateModel, toStepModel } from './journeys.mappers';
import { ComfortAggregateModel, JourneyModel, StepModel } from './journeys.models';

/**
 * A journey's steps and reflection figures, read only when asked for: from the read tables for the
 * journey as it is now, from the fold for a journey as of a past instant (which brings them along).
 */
@Resolver(() => JourneyModel)
export class JourneyFieldsResolver {
  constructor(
    @Inject(JOURNEYS_READ_MODEL) private readonly journeys: JourneysReadModel,
    @Inject(TENANCY_READ_MODEL) private readonly tenancy: TenancyReadModel,
  ) {}

  @ResolveField(() => [StepModel], { description: 'Every step of the journey, in the order planned, with its state.' })
  async steps(@CurrentCaller() caller: Caller, @Parent() journey: JourneyModel): Promise<StepModel[]> {
    const steps = journey.history?.steps ?? (await this.journeys.journeySteps(caller.organisationId, journey.id));
    return steps.map(toStepModel);
  }

  @ResolveField(() => Int, { description: 'How many reflections the journey has had.' })
  async reflectionCount(@CurrentCaller() caller: Caller, @Parent() journey: JourneyModel): Promise<number> {
    return (await this.tally(caller, journey)).reflections;
  }

  @ResolveField(() => ComfortAggregateModel, {
    description:
      'Mean comfort over the journey’s reflections, for everyone who may see it: shown only over whole groups of reflections, each closed once as many distinct people had answered in it as the minimum group size in force when its last reflection was recorded. ' +
      'Not shown to an admin who does not lead the team (READ_IN_ANALYTICS): they read comfort in journeyAnalytics, summed by finished week, and the two cuts of the same answers together would tell one person’s comfort.',
  })
  async comfort(@CurrentCaller() caller: Caller, @Parent() journey: JourneyModel): Promise<ComfortAggregateModel> {
    // One cut per reader: whoever reads the journey's analytics as aggregates reads its comfort there only.
    const readsWeeklyCut = teamAnalyticsAccess(journey.viewer) === 'AGGREGATE';
    return toComfortAggregateModel(await this.tally(caller, journey), await this.tenancy.minimumGroupSizeChanges(caller.organisationId), readsWeeklyCut);
  }

  private async tally(caller: Caller, journey: JourneyModel): Promise<ReflectionTally> {
    return journey.history?.tally ?? this.journeys.reflectionTally(caller.organisationId, journey.id);
  }
}
