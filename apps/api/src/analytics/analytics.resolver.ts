import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, ID, Query, Resolver } from '@nestjs/graphql';
import {
  ANALYTICS_READ_MODEL,
  canReadOrganisationAnalytics,
  ORGANISATION_ANALYTICS_DETAIL,
  teamAnalyticsAccess,
  type AnalyticsAccess,
  type AnalyticsDetail,
  type AnalyticsReadModel,
  type AnalyticsScope,
} from '@stepwise/analytics-application/read';
import { analyticsWindow, wholeWeeksWindow } from '@stepwise/analytics-domain';
import { CLOCK } from '@stepwise/command-handling';
import { JOURNEYS_READ_MODEL, type JourneysReadModel } from '@stepwise/journeys-application/read';
import { AnswerCache } from '@stepwise/projections';
import { atOnce, bothAtOnce, CodedError, type AtOnce, type Clock } from '@stepwise/kernel';
import { TeamNotFoundError } from '@stepwise/tenancy-domain';
import { TENANCY_READ_MODEL, type OrganisationSettingsView, type TeamView, type TenancyReadModel } from '@stepwise/tenancy-application/read';
import { ANALYTICS_ANSWER_CACHE } from './analytics-answer-cache';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { JourneyNotFoundError } from '../journeys/journey-viewer';
import { AnalyticsModel } from './analytics.models';
import { KeptAnalyticsModels } from './kept-analytics-models';

@ArgsType()
class AnalyticsWindowArgs {
  @Field(() => Date, { nullable: true, description: 'Start of the window (inclusive); default 12 weeks before `to`.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of the window (exclusive); default now. At most 104 weeks after `from`.' })
  to?: Date | null;
}


/** Change analytics for leaders. Who may read what is the application's policy; the figures are the domain's definitions. */
@Resolver(() => AnalyticsModel)
export class AnalyticsResolver {
  constructor(
    @Inject(ANALYTICS_READ_MODEL) private readonly analytics: AnalyticsReadModel,
    @Inject(TENANCY_READ_MODEL) private readonly tenancy: TenancyReadModel,
    @Inject(JOURNEYS_READ_MODEL) private readonly journeys: JourneysReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ANALYTICS_ANSWER_CACHE) private readonly cache: AnswerCache,
    @Inject(KeptAnalyticsModels) private readonly reports: KeptAnalyticsModels,
  ) {}

  @Query(() => AnalyticsModel, {
    description:
      'A journey’s analytics, for its team’s leaders and organisation admins; for an admin who does not lead the team, comfort and direction are withheld where fewer people than the minimum group size answered.',
  })
  journeyAnalytics(
    @CurrentCaller() caller: Caller,
    @Args('journeyId', { type: () => ID, description: 'The journey.' }) journeyId: string,
    @Args() window: AnalyticsWindowArgs,
  ): AtOnce<AnalyticsModel> {
    return bothAtOnce(this.journeys.journeyAsSeenBy(caller.organisationId, journeyId, caller.memberId), this.settings(caller), (seen, settings) => {
      if (!seen) throw new JourneyNotFoundError(journeyId);
      const detail = this.allow(teamAnalyticsAccess({ orgRole: caller.orgRole, teamRole: seen.viewerTeamRole }), () => new JourneyNotFoundError(journeyId));
      return this.answer(caller, { kind: 'journey', journeyId, teamId: seen.journey.teamId }, detail, window, settings);
    });
  }

  @Query(() => AnalyticsModel, {
    description:
      'A team’s analytics, for its leaders and organisation admins; for an admin who does not lead the team, comfort and direction are withheld where fewer people than the minimum group size answered.',
  })
  teamAnalytics(
    @CurrentCaller() caller: Caller,
    @Args('teamId', { type: () => ID, description: 'The team.' }) teamId: string,
    @Args() window: AnalyticsWindowArgs,
  ): AtOnce<AnalyticsModel> {
    return bothAtOnce(this.teamRole(caller, teamId), this.settings(caller), (team, settings) => {
      if (!team) throw new TeamNotFoundError(teamId);
      const detail = this.allow(teamAnalyticsAccess({ orgRole: caller.orgRole, teamRole: team.myRole }), () => new TeamNotFoundError(teamId));
      return this.answer(caller, { kind: 'team', teamId }, detail, window, settings);
    });
  }

  @Query(() => AnalyticsModel, {
    description: 'The whole organisation’s analytics, for admins; cells where fewer people than the minimum group size answered are withheld.',
  })
  organisationAnalytics(@CurrentCaller() caller: Caller, @Args() window: AnalyticsWindowArgs): AtOnce<AnalyticsModel> {
    if (!canReadOrganisationAnalytics(caller.orgRole)) throw new CodedError('FORBIDDEN', 'Only an organisation ADMIN may read organisation analytics');
    return atOnce(this.settings(caller), (settings) => this.answer(caller, { kind: 'organisation' }, ORGANISATION_ANALYTICS_DETAIL, window, settings));
  }

  /** What the caller may see of a team's or journey's analytics, or the refusal. */
  private allow(access: AnalyticsAccess, notFound: () => Error): AnalyticsDetail {
    if (access === 'NOT_FOUND') throw notFound();
    if (access === 'LEADER_REQUIRED') throw new CodedError('LEADER_REQUIRED', 'Only the team’s leaders and organisation admins may read its analytics');
    return access;
  }

  /**
   * Whether the team exists and the caller's role on it, kept until the tenant's teams change (the
   * caller's organisation role comes fresh from the edge).
   */
  private teamRole(caller: Caller, teamId: string): AtOnce<{ readonly myRole: TeamView['myRole'] } | null> {
    return this.cache.keptOrAnswer(caller.organisationId, `team\n${teamId}\n${caller.memberId}`, 0, async () => {
      const team = await this.tenancy.team(caller.organisationId, teamId, caller.memberId);
      return { value: team ? { myRole: team.myRole } : null, weight: 200 };
    });
  }

  /** Read beside the access check (one round trip apart from it, not after it): nothing of it is shown unless access is allowed. */
  private settings(caller: Caller): AtOnce<OrganisationSettingsView> {
    const kept = this.cache.keptOrAnswer(caller.organisationId, 'settings', 0, async () => ({ value: await this.tenancy.settings(caller.organisationId), weight: 300 }));
    return atOnce(kept, (settings) => {
      if (!settings) throw new Error('The organisation has no read-model row');
      return settings;
    });
  }

  /**
   * The figures: the facts are kept by scope, the window as asked (absent bounds follow the clock)
   * and the settings they read, for as long as they hold (`stableUntil`); the report made from them
   * is kept beside them for the instants it holds and given with the clock-following bounds of this
   * instant, so what reads the clock stays exact. The facts' weight counts the report kept with them.
   * The facts are the same whoever reads them; the report is kept per detail the reader may see.
   */
  private answer(
    caller: Caller,
    scope: AnalyticsScope,
    detail: AnalyticsDetail,
    args: AnalyticsWindowArgs,
    settings: OrganisationSettingsView,
  ): AtOnce<AnalyticsModel> {
    const now = this.clock.now();
    const asked = analyticsWindow(now, args.from, args.to);
    // A reader who sees aggregates only gets whole weeks (see finished-weeks.suppression).
    const window = detail === 'AGGREGATE' ? wholeWeeksWindow(asked, settings.timezone) : asked;
    const scopeKey = scope.kind === 'organisation' ? 'organisation' : scope.kind === 'team' ? `team ${scope.teamId}` : `journey ${scope.journeyId} ${scope.teamId}`;
    const key = [
      'facts',
      scopeKey,
      args.from?.getTime() ?? 'now',
      args.to?.getTime() ?? 'now',
      settings.timezone,
      settings.stalledAfterDays,
      settings.reflectionWindowHours,
      // Whole weeks move only when a Monday passes: the bounds themselves tell facts of two weeks apart.
      detail === 'AGGREGATE' ? `weeks ${window.from.getTime()} ${window.to.getTime()}` : 'as asked',
    ].join('\n');
    const facts = this.cache.keptOrAnswer(caller.organisationId, key, now.getTime(), async () => {
      const read = await this.analytics.facts(caller.organisationId, scope, window, settings, now);
      return { value: read, weight: 4 * JSON.stringify(read).length, until: read.stableUntil?.getTime() };
    });
    const clock = { toFollowsClock: !args.to, fromFollowsClock: !args.from && !args.to };
    return atOnce(facts, (kept) => this.reports.modelAt(kept, scope, detail, window, clock, settings, now));
  }
}
