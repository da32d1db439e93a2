/**
 * The journeys read model with its clock-free reads of one journey, or of a team's page, kept in
 * memory per organisation (an AnswerCache listening to JOURNEYS_CHANGES_CHANNEL and
 * TENANCY_CHANGES_CHANNEL) until the organisation's journeys, teams or team roles change. What a
 * caller may see is still decided on every request by the access policy, from the role kept with
 * the rows under that caller's own key. Lists of a member's own work (steps, commitments, their
 * journeys), the timeline and a journey's support requests are read each time.
 */
import type {
  JourneyAsSeen,
  JourneysReadModel,
  JourneySummary,
  MemberJourneysAsSeen,
  ReflectionTally,
  ReflectionView,
  StepView,
  SupportRequestView,
  TeamJourneysAsSeen,
  VisionVersionView,
  CommitmentView,
  TimelineEntry,
} from '@stepwise/journeys-application/read';
import { assertReadsOwnTenant, type SqlDatabase } from '@stepwise/database';
import { JOURNEYS_CHANGES_CHANNEL } from '@stepwise/journeys-infrastructure';
import type { Page, PageRequest } from '@stepwise/kernel';
import { ListeningAnswerCache, type AnswerCache, type AnswerCacheOptions } from '@stepwise/projections';
import { TENANCY_CHANGES_CHANNEL } from '@stepwise/tenancy-infrastructure';

export const JOURNEY_ANSWER_CACHE = Symbol('stepwise.journey-answer-cache');

export const openJourneyAnswerCache = (database: SqlDatabase, options: AnswerCacheOptions): Promise<ListeningAnswerCache> =>
  ListeningAnswerCache.open(database, [JOURNEYS_CHANGES_CHANNEL, TENANCY_CHANGES_CHANNEL], options);

/** About the memory a read takes: two bytes per character of its JSON, and a fixed overhead. */
const weightOf = (value: unknown): number => 256 + 2 * (JSON.stringify(value)?.length ?? 0);

export class KeptJourneysReadModel implements JourneysReadModel {
  constructor(
    private readonly read: JourneysReadModel,
    private readonly cache: AnswerCache,
  ) {}

  journey(tenantId: string, journeyId: string): Promise<JourneySummary | undefined> {
    return this.kept(tenantId, ['journey', journeyId], () => this.read.journey(tenantId, journeyId));
  }

  journeyAsSeenBy(tenantId: string, journeyId: string, memberId: string): Promise<JourneyAsSeen | undefined> {
    return this.kept(tenantId, ['journeyAsSeenBy', journeyId, memberId], () => this.read.journeyAsSeenBy(tenantId, journeyId, memberId));
  }

  teamJourneysAsSeenBy(tenantId: string, teamId: string, memberId: string, page: PageRequest): Promise<TeamJourneysAsSeen | undefined> {
    return this.kept(tenantId, ['teamJourneysAsSeenBy', teamId, memberId, page.first, page.after ?? null], () =>
      this.read.teamJourneysAsSeenBy(tenantId, teamId, memberId, page),
    );
  }

  journeySteps(tenantId: string, journeyId: string): Promise<StepView[]> {
    return this.kept(tenantId, ['journeySteps', journeyId], () => this.read.journeySteps(tenantId, journeyId));
  }

  reflectionTally(tenantId: string, journeyId: string): Promise<ReflectionTally> {
    return this.kept(tenantId, ['reflectionTally', journeyId], () => this.read.reflectionTally(tenantId, journeyId));
  }

  visionHistory(tenantId: string, journeyId: string): Promise<VisionVersionView[]> {
    return this.kept(tenantId, ['visionHistory', journeyId], () => this.read.visionHistory(tenantId, journeyId));
  }

  memberJourneys(tenantId: string, memberId: string, page: PageRequest): Promise<MemberJourneysAsSeen> {
    return this.read.memberJourneys(tenantId, memberId, page);
  }

  openSteps(tenantId: string, memberId: string, page: PageRequest): Promise<Page<StepView>> {
    return this.read.openSteps(tenantId, memberId, page);
  }

  stepsAwaitingReflection(tenantId: string, memberId: string, page: PageRequest): Promise<Page<StepView>> {
    return this.read.stepsAwaitingReflection(tenantId, memberId, page);
  }

  commitments(tenantId: string, memberId: string, page: PageRequest, status?: CommitmentView['status']): Promise<Page<CommitmentView>> {
    return this.read.commitments(tenantId, memberId, page, status);
  }

  timeline(tenantId: string, journeyId: string, page: PageRequest): Promise<Page<TimelineEntry>> {
    return this.read.timeline(tenantId, journeyId, page);
  }

  supportRequests(tenantId: string, journeyId: string, page: PageRequest, asOf?: Date): Promise<Page<SupportRequestView>> {
    return this.read.supportRequests(tenantId, journeyId, page, asOf);
  }

  journeyCommitments(tenantId: string, journeyId: string, page: PageRequest, status?: CommitmentView['status'], asOf?: Date): Promise<Page<CommitmentView>> {
    return this.read.journeyCommitments(tenantId, journeyId, page, status, asOf);
  }

  journeyReflections(tenantId: string, journeyId: string, page: PageRequest, closer?: ReflectionView['closer'], asOf?: Date): Promise<Page<ReflectionView>> {
    return this.read.journeyReflections(tenantId, journeyId, page, closer, asOf);
  }

  step(tenantId: string, stepId: string): Promise<StepView | undefined> {
    return this.read.step(tenantId, stepId);
  }

  commitment(tenantId: string, commitmentId: string): Promise<CommitmentView | undefined> {
    return this.read.commitment(tenantId, commitmentId);
  }

  /** Clock-free reads: kept for every instant (0) until the tenant's notice. */
  private async kept<Value>(tenantId: string, key: readonly unknown[], read: () => Promise<Value>): Promise<Value> {
    // A kept answer never reaches the tenant reader: the request's tenant is checked here as there.
    assertReadsOwnTenant(tenantId);
    return this.cache.answer(tenantId, JSON.stringify(key), 0, async () => {
      const value = await read();
      return { value, weight: weightOf(value) };
    });
  }
}
