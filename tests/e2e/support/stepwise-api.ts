/**
 * A thin GraphQL client for end-to-end specs: call a mutation or query by name as a person, and get
 * its data (failing loudly with the errors) or, with `attempt…`, the raw response to assert an error.
 */
import type { GraphqlResponse, Stepwise } from '../../support/stepwise-harness';
import { mutationDocument, QUERIES, type MutationName, type QueryName } from './graphql-documents';

/** Who sends a request: a token, and the organisation it acts in (the `x-organisation-id` header). */
export interface Session {
  readonly token?: string;
  readonly organisationId?: string;
}

/** A person in one organisation, as the builders set them up. */
export interface Person extends Session {
  readonly subject: string;
  readonly name: string;
  readonly token: string;
  readonly organisationId: string;
  readonly memberId: string;
}

export interface Outcome {
  readonly streamId: string;
  readonly version: number;
  readonly globalPosition: string | null;
  readonly projected: boolean;
  readonly replayed: boolean;
}

export interface VisionView {
  readonly version: number;
  readonly statement: string;
  readonly expectations: string[];
  readonly successSignals: string[];
  readonly reason: string | null;
  readonly by: string;
}

export interface StepNode {
  readonly id: string;
  readonly journeyId: string;
  readonly teamId: string;
  readonly title: string;
  readonly ownerId: string;
  readonly dueOn: string | null;
  readonly status: 'PLANNED' | 'TAKEN' | 'DROPPED';
  readonly takenAt: string | null;
}

export interface ReflectionNode {
  readonly id: string;
  readonly memberId: string;
  readonly closer: 'YES' | 'NO' | 'UNSURE';
  readonly comfort: number | null;
  readonly comfortHiddenBecause: ComfortHiddenReason | null;
  readonly note: string | null;
  readonly stepId: string | null;
}

export interface JourneyView {
  readonly id: string;
  readonly teamId: string;
  readonly title: string;
  readonly status: 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'ABANDONED';
  readonly startedBy: string;
  readonly version: number;
  readonly direction: string | null;
  readonly vision: VisionView | null;
  readonly lastStep: Pick<StepNode, 'id' | 'title' | 'status' | 'ownerId' | 'takenAt'> | null;
  readonly lastReflection: ReflectionNode | null;
}

export interface JourneyPayload {
  readonly journeyId: string;
  readonly createdId: string | null;
  readonly journey: JourneyView | null;
  readonly outcome: Outcome;
}

export interface TeamView {
  readonly id: string;
  readonly name: string;
  readonly plan: string | null;
  readonly subscriptionStatus: string | null;
  readonly seatLimit: number | null;
  readonly memberCount: number;
  readonly myRole: 'LEADER' | 'STAFF' | null;
  readonly members?: { memberId: string; displayName: string; role: string }[];
}

export interface TeamPayload {
  readonly teamId: string;
  readonly team: TeamView | null;
  readonly outcome: Outcome;
}

export interface MemberPayload {
  readonly memberId: string;
  readonly member: { id: string; displayName: string; orgRole: string; timezone: string; email?: string | null } | null;
  readonly outcome: Outcome;
}

export interface OrganisationPayload {
  readonly organisation: { id: string; name: string; slug: string; myMemberId: string; myRole: string } | null;
  readonly outcome: Outcome;
}

export interface OrganisationSettingsView {
  readonly timezone: string;
  readonly minimumGroupSize: number;
  readonly stalledAfterDays: number;
  readonly reflectionWindowHours: number;
  readonly updatedAt: string | null;
}

export interface OrganisationSettingsPayload {
  readonly settings: OrganisationSettingsView | null;
  readonly outcome: Outcome;
}

export interface NudgeRuleSettingView {
  readonly rule: string;
  readonly enabled: boolean;
  readonly delayMinutes: number | null;
  readonly threshold: number | null;
  readonly delayMinutesRange: { min: number; max: number } | null;
  readonly thresholdRange: { min: number; max: number } | null;
}

export interface NudgeSettingsView {
  readonly rules: NudgeRuleSettingView[];
  readonly updatedAt: string | null;
}

export interface NotificationPreferencesView {
  readonly memberId: string;
  readonly channels: { channel: string; address: string | null }[];
  readonly optedOut: string[];
  readonly dailyCap: number;
  readonly updatedAt: string | null;
}

export interface WebhookEndpointView {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  readonly subscriptions: string[];
  readonly status: 'ACTIVE' | 'DISABLED';
  readonly disabledReason: 'ADMIN' | 'GONE' | null;
  readonly disabledStatusCode: number | null;
  readonly disabledAt: string | null;
  readonly secretRotatedAt: string | null;
  readonly previousSecretExpiresAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface WebhookEndpointPayload {
  readonly endpointId: string;
  readonly endpoint: WebhookEndpointView | null;
  readonly outcome: Outcome;
}

export interface WebhookSecretPayload extends WebhookEndpointPayload {
  readonly signingSecret: string | null;
}

export interface Connection<Node> {
  readonly edges: { node: Node; cursor?: string }[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export interface TimelineNode {
  readonly sequence: number;
  readonly eventType: string;
  readonly actorId: string;
  readonly actorName: string;
  readonly summary: string;
  readonly note: string | null;
  readonly comfortHiddenBecause: ComfortHiddenReason | null;
  readonly at: string;
}

export interface SupportOfferNode {
  readonly leaderId: string;
  readonly leaderName: string;
  readonly message: string | null;
  readonly messageHiddenBecause: 'SUPPORT_IS_PRIVATE' | null;
  readonly offeredAt: string;
}

export interface SupportRequestNode {
  readonly id: string;
  readonly journeyId: string;
  readonly requesterId: string;
  readonly requesterName: string;
  readonly text: string | null;
  readonly textHiddenBecause: 'SUPPORT_IS_PRIVATE' | null;
  readonly status: 'OPEN' | 'ANSWERED';
  readonly requestedAt: string;
  readonly offers: SupportOfferNode[];
}

export type ComfortHiddenReason = 'INDIVIDUAL_COMFORT_IS_PRIVATE' | 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' | 'READ_IN_ANALYTICS';

export interface ComfortAggregateView {
  readonly reflections: number;
  readonly people: number;
  readonly meanComfort: number | null;
  readonly meanOverReflections: number;
  readonly minimumGroupSize: number;
  readonly hiddenBecause: ComfortHiddenReason | null;
}

/** A journey with everything time travel answers for: what `journeyInFull` selects. */
export interface JourneyInFull extends Omit<JourneyView, 'vision'> {
  readonly asOf: string | null;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly vision: (VisionView & { at: string }) | null;
  readonly steps: (StepNode & { plannedAt: string; droppedAt: string | null })[];
  readonly reflectionCount: number;
  readonly comfort: ComfortAggregateView;
}

export interface CommitmentNode {
  readonly id: string;
  readonly journeyId: string;
  readonly teamId: string;
  readonly memberId: string;
  readonly description: string;
  readonly dueOn: string;
  readonly status: 'OPEN' | 'KEPT' | 'MISSED';
  readonly resolvedAt: string | null;
}

export interface DirectionFigures {
  readonly yes: number;
  readonly no: number;
  readonly unsure: number;
  readonly closerRate: number | null;
  readonly comfortMean: number | null;
  readonly comfortDistribution: number[];
  readonly quadrants: { flowing: number; stretching: number; stuck: number; coasting: number };
  readonly people: number;
  readonly weeksWithheld: number;
  readonly suppression: { suppressed: boolean; reason: string | null };
}

/** The analytics queries' answer, as ANALYTICS_FIELDS selects it. */
export interface AnalyticsView {
  readonly from: string;
  readonly to: string;
  readonly timezone: string;
  readonly direction: DirectionFigures;
  readonly weeks: { week: string; start: string; end: string; stepsTaken: number; direction: DirectionFigures }[];
  readonly momentum: { stepsTaken: number; openSteps: number; overdueSteps: number };
  readonly loopDiscipline: { stepsTaken: number; reflectedInWindow: number; share: number | null; medianHoursToReflection: number | null; windowHours: number };
  readonly pivots: {
    count: number;
    medianHoursFromFirstNo: number | null;
    suppression: { suppressed: boolean; reason: string | null };
    pivots: { pivotId: string; journeyId: string; at: string; hoursFromFirstNo: number | null; reflectionsCompared: number; closerRateBefore: number | null; closerRateAfter: number | null }[];
  };
  readonly transitionDips: { journeyId: string; visionVersion: number; revisedAt: string; baseline: number | null; trough: number | null; weeksToRecover: number | null; recovered: boolean; weeksSince: number }[];
  readonly participation: { from: string; to: string; members: number; reflected: number | null; share: number | null; suppression: { suppressed: boolean; reason: string | null } };
  readonly stalled: { count: number; stalledAfterDays: number; journeys: { journeyId: string; title: string; quietSince: string; daysWithoutStep: number }[] };
  readonly support: { open: number; oldestAgeHours: number | null; requests: { journeyId: string; requestId: string; requestedAt: string; ageHours: number }[] };
  readonly commitments: { kept: number; missed: number; open: number; overdue: number };
  readonly attention: { code: string; journeyId: string; message: string; figures: { name: string; value: number }[] }[];
  readonly attentionSuppression: { suppressed: boolean; reason: string | null };
  readonly quadrantsSuppression: { suppressed: boolean; reason: string | null };
  readonly teams: { teamId: string; name: string; direction: DirectionFigures }[];
}

/** What each query answers with (only what the documents in QUERIES select). */
export interface QueryResults {
  myOrganisations: { id: string; name: string; slug: string; myMemberId: string; myRole: string }[];
  members: { id: string; displayName: string; orgRole: string }[];
  me: { id: string; displayName: string; orgRole: string };
  organisationSettings: OrganisationSettingsView;
  nudgeSettings: NudgeSettingsView;
  notificationPreferences: NotificationPreferencesView;
  membersWithPreferences: { id: string; email: string | null; notificationPreferences: NotificationPreferencesView | null }[];
  webhookEndpoints: Connection<WebhookEndpointView>;
  webhookSubscriptionTypes: string[];
  teamIntegrations: Record<string, unknown>;
  smtpIntegration: Record<string, unknown>;
  teams: Pick<TeamView, 'id' | 'name' | 'myRole'>[];
  myTeams: TeamView[];
  team: TeamView;
  journey: JourneyView;
  journeyInFull: JourneyInFull;
  journeySupportRequests: { id: string; supportRequests: Connection<SupportRequestNode> };
  journeyCommitments: { id: string; commitments: Connection<CommitmentNode> };
  teamJourneys: Connection<JourneyView>;
  myJourneys: Connection<JourneyView>;
  myOpenSteps: Connection<StepNode>;
  stepsAwaitingMyReflection: Connection<StepNode>;
  myCommitments: Connection<CommitmentNode>;
  journeyTimeline: Connection<TimelineNode>;
  visionHistory: VisionView[];
  node: NodeView | null;
  journeyAnalytics: AnalyticsView;
  teamAnalytics: AnalyticsView;
  organisationAnalytics: AnalyticsView;
}

/** What `node(id:)` answers, whichever type it found (only that type's fields are present). */
export interface NodeView {
  readonly __typename: 'Journey' | 'Team' | 'Member' | 'Step' | 'Commitment';
  readonly id: string;
  readonly title?: string;
  readonly teamId?: string;
  readonly journeyId?: string;
  readonly ownerId?: string;
  readonly memberId?: string;
  readonly description?: string;
  readonly stepStatus?: string;
  readonly commitmentStatus?: string;
  readonly name?: string;
  readonly myRole?: string | null;
  readonly displayName?: string;
  readonly orgRole?: string;
}

type PayloadOf<Name extends MutationName> = Name extends 'createOrganisation'
  ? OrganisationPayload
  : Name extends 'updateNudgeSettings'
  ? { readonly settings: NudgeSettingsView; readonly outcome: Outcome }
  : Name extends 'updateNotificationPreferences'
  ? { readonly memberId: string; readonly preferences: NotificationPreferencesView; readonly outcome: Outcome }
  : Name extends 'registerWebhookEndpoint' | 'rotateWebhookSecret'
  ? WebhookSecretPayload
  : Name extends 'setSlackIntegration' | 'setTeamsIntegration' | 'clearSlackIntegration' | 'clearTeamsIntegration' | 'setSmtpIntegration' | 'clearSmtpIntegration' | 'sendTestMessage'
  ? Record<string, unknown>
  : Name extends 'updateWebhookEndpoint' | 'expirePreviousWebhookSecret' | 'disableWebhookEndpoint' | 'enableWebhookEndpoint' | 'removeWebhookEndpoint'
  ? WebhookEndpointPayload
  : Name extends 'addMember' | 'changeMemberRole' | 'updateMemberPreferences' | 'removeMember' | 'changeMemberEmail'
    ? MemberPayload
    : Name extends 'updateOrganisationSettings'
      ? OrganisationSettingsPayload
      : Name extends 'createTeam' | 'subscribeTeam' | 'changeSubscription' | 'cancelSubscription' | 'addTeamMember' | 'changeTeamRole' | 'removeTeamMember'
      ? TeamPayload
      : JourneyPayload;

export type Input = Record<string, unknown>;

const describeErrors = (operation: string, response: GraphqlResponse): string =>
  `${operation} failed (HTTP ${response.status}): ${JSON.stringify(response.errors)}`;

/** The first error's `extensions.code` (undefined when the request succeeded). */
export const errorCode = (response: GraphqlResponse): string | undefined => response.errors?.[0]?.extensions?.code;

export interface StepwiseApi {
  readonly stepwise: StepwiseClient;
  /** Runs a mutation and returns its payload; throws with the errors if there were any. */
  mutate<Name extends MutationName>(as: Session, name: Name, input: Input): Promise<PayloadOf<Name>>;
  /** Runs a mutation and returns the raw response (to assert its errors). */
  attempt(as: Session, name: MutationName, input: Input): Promise<GraphqlResponse<Record<string, unknown>>>;
  query<Name extends QueryName>(as: Session, name: Name, variables?: Input): Promise<QueryResults[Name]>;
  attemptQuery(as: Session, name: QueryName, variables?: Input): Promise<GraphqlResponse<Record<string, unknown>>>;
  /** Any document, raw. */
  send(as: Session, query: string, variables?: Input): Promise<GraphqlResponse<Record<string, unknown>>>;
}

/** What the typed api needs of a running Stepwise: its GraphQL endpoint and tokens it accepts. */
export type StepwiseClient = Pick<Stepwise, 'graphql' | 'token'>;

export const stepwiseApi = (stepwise: StepwiseClient): StepwiseApi => {
  const send = (as: Session, query: string, variables?: Input) =>
    stepwise.graphql<Record<string, unknown>>({ query, variables, token: as.token, organisationId: as.organisationId });
  const attempt = (as: Session, name: MutationName, input: Input) => send(as, mutationDocument(name), { input });
  const attemptQuery = (as: Session, name: QueryName, variables?: Input) => send(as, QUERIES[name], variables);
  return {
    stepwise,
    send,
    attempt,
    attemptQuery,
    async mutate<Name extends MutationName>(as: Session, name: Name, input: Input) {
      const response = await attempt(as, name, input);
      if (response.errors?.length || !response.data) throw new Error(describeErrors(name, response));
      return response.data[name] as PayloadOf<Name>;
    },
    async query<Name extends QueryName>(as: Session, name: Name, variables?: Input) {
      const response = await attemptQuery(as, name, variables);
      if (response.errors?.length || !response.data) throw new Error(describeErrors(name, response));
      return response.data[name] as QueryResults[Name];
    },
  };
};
