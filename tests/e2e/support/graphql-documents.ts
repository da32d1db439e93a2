/**
 * The GraphQL documents the end-to-end specs send: one table of every mutation (its input type and
 * what it selects) and the queries staff and leaders read with. Specs name an operation; they never
 * paste documents of their own, so one change of the schema is one change here.
 */

export const OUTCOME = 'outcome { streamId version globalPosition projected replayed }';

export const JOURNEY_FIELDS = `id teamId title status startedBy version direction
  vision { version statement expectations successSignals reason by }
  lastStep { id title status ownerId takenAt }
  lastReflection { id memberId closer comfort comfortHiddenBecause note stepId }`;

const JOURNEY_PAYLOAD = `journeyId createdId journey { ${JOURNEY_FIELDS} } ${OUTCOME}`;
const TEAM_PAYLOAD = `teamId team { id name plan subscriptionStatus seatLimit memberCount myRole } ${OUTCOME}`;
const MEMBER_PAYLOAD = `memberId member { id displayName orgRole timezone } ${OUTCOME}`;
const ORGANISATION_PAYLOAD = `organisation { id name slug myMemberId myRole } ${OUTCOME}`;
const SETTINGS_FIELDS = 'timezone minimumGroupSize stalledAfterDays reflectionWindowHours updatedAt';
const SETTINGS_PAYLOAD = `settings { ${SETTINGS_FIELDS} } ${OUTCOME}`;
const MEMBER_EMAIL_PAYLOAD = `memberId member { id displayName orgRole timezone email } ${OUTCOME}`;
export const NUDGE_SETTINGS_FIELDS = 'rules { rule enabled delayMinutes threshold delayMinutesRange { min max } thresholdRange { min max } } updatedAt';
export const NOTIFICATION_PREFERENCES_FIELDS = 'memberId channels { channel address } optedOut dailyCap updatedAt';
export const WEBHOOK_ENDPOINT_FIELDS = `id url description subscriptions status disabledReason disabledStatusCode disabledAt secretRotatedAt
  previousSecretExpiresAt createdAt updatedAt`;
const WEBHOOK_ENDPOINT_PAYLOAD = `endpointId endpoint { ${WEBHOOK_ENDPOINT_FIELDS} } ${OUTCOME}`;
const WEBHOOK_SECRET_PAYLOAD = `endpointId signingSecret endpoint { ${WEBHOOK_ENDPOINT_FIELDS} } ${OUTCOME}`;

const TEAM_INTEGRATIONS_FIELDS = 'teamId slack { configured kind webhookHost updatedAt } teams { configured host updatedAt }';
const SMTP_INTEGRATION_FIELDS = 'configured host port secure username passwordSet fromAddress fromName updatedAt';
const TEAM_INTEGRATIONS_PAYLOAD = `integrations { ${TEAM_INTEGRATIONS_FIELDS} } ${OUTCOME}`;
const SMTP_INTEGRATION_PAYLOAD = `smtp { ${SMTP_INTEGRATION_FIELDS} } ${OUTCOME}`;

interface MutationDocument {
  readonly input: string;
  readonly payload: string;
}

export const MUTATIONS = {
  createOrganisation: { input: 'CreateOrganisationInput', payload: ORGANISATION_PAYLOAD },
  addMember: { input: 'AddMemberInput', payload: MEMBER_PAYLOAD },
  changeMemberRole: { input: 'ChangeMemberRoleInput', payload: MEMBER_PAYLOAD },
  updateMemberPreferences: { input: 'UpdateMemberPreferencesInput', payload: MEMBER_PAYLOAD },
  removeMember: { input: 'RemoveMemberInput', payload: MEMBER_PAYLOAD },
  changeMemberEmail: { input: 'ChangeMemberEmailInput', payload: MEMBER_EMAIL_PAYLOAD },
  updateNudgeSettings: { input: 'UpdateNudgeSettingsInput', payload: `settings { ${NUDGE_SETTINGS_FIELDS} } ${OUTCOME}` },
  updateNotificationPreferences: { input: 'UpdateNotificationPreferencesInput', payload: `memberId preferences { ${NOTIFICATION_PREFERENCES_FIELDS} } ${OUTCOME}` },
  registerWebhookEndpoint: { input: 'RegisterWebhookEndpointInput', payload: WEBHOOK_SECRET_PAYLOAD },
  updateWebhookEndpoint: { input: 'UpdateWebhookEndpointInput', payload: WEBHOOK_ENDPOINT_PAYLOAD },
  rotateWebhookSecret: { input: 'RotateWebhookSecretInput', payload: WEBHOOK_SECRET_PAYLOAD },
  expirePreviousWebhookSecret: { input: 'WebhookEndpointInput', payload: WEBHOOK_ENDPOINT_PAYLOAD },
  disableWebhookEndpoint: { input: 'WebhookEndpointInput', payload: WEBHOOK_ENDPOINT_PAYLOAD },
  enableWebhookEndpoint: { input: 'WebhookEndpointInput', payload: WEBHOOK_ENDPOINT_PAYLOAD },
  removeWebhookEndpoint: { input: 'WebhookEndpointInput', payload: WEBHOOK_ENDPOINT_PAYLOAD },
  setSlackIntegration: { input: 'SetSlackIntegrationInput', payload: TEAM_INTEGRATIONS_PAYLOAD },
  setTeamsIntegration: { input: 'SetTeamsIntegrationInput', payload: TEAM_INTEGRATIONS_PAYLOAD },
  clearSlackIntegration: { input: 'TeamIntegrationInput', payload: TEAM_INTEGRATIONS_PAYLOAD },
  clearTeamsIntegration: { input: 'TeamIntegrationInput', payload: TEAM_INTEGRATIONS_PAYLOAD },
  setSmtpIntegration: { input: 'SetSmtpIntegrationInput', payload: SMTP_INTEGRATION_PAYLOAD },
  clearSmtpIntegration: { input: 'ClearSmtpIntegrationInput', payload: SMTP_INTEGRATION_PAYLOAD },
  sendTestMessage: { input: 'SendTestMessageInput', payload: 'kind statusCode detail reason' },
  updateOrganisationSettings: { input: 'UpdateOrganisationSettingsInput', payload: SETTINGS_PAYLOAD },
  createTeam: { input: 'CreateTeamInput', payload: TEAM_PAYLOAD },
  subscribeTeam: { input: 'SubscribeTeamInput', payload: TEAM_PAYLOAD },
  changeSubscription: { input: 'ChangeSubscriptionInput', payload: TEAM_PAYLOAD },
  cancelSubscription: { input: 'CancelSubscriptionInput', payload: TEAM_PAYLOAD },
  addTeamMember: { input: 'TeamMemberRoleInput', payload: TEAM_PAYLOAD },
  changeTeamRole: { input: 'TeamMemberRoleInput', payload: TEAM_PAYLOAD },
  removeTeamMember: { input: 'TeamMemberInput', payload: TEAM_PAYLOAD },
  startJourney: { input: 'StartJourneyInput', payload: JOURNEY_PAYLOAD },
  pauseJourney: { input: 'ReasonInput', payload: JOURNEY_PAYLOAD },
  resumeJourney: { input: 'ResumeJourneyInput', payload: JOURNEY_PAYLOAD },
  completeJourney: { input: 'CompleteJourneyInput', payload: JOURNEY_PAYLOAD },
  abandonJourney: { input: 'ReasonInput', payload: JOURNEY_PAYLOAD },
  articulateVision: { input: 'VisionInput', payload: JOURNEY_PAYLOAD },
  reviseVision: { input: 'ReviseVisionInput', payload: JOURNEY_PAYLOAD },
  setDirection: { input: 'SetDirectionInput', payload: JOURNEY_PAYLOAD },
  makePivot: { input: 'MakePivotInput', payload: JOURNEY_PAYLOAD },
  planStep: { input: 'PlanStepInput', payload: JOURNEY_PAYLOAD },
  takeStep: { input: 'TakeStepInput', payload: JOURNEY_PAYLOAD },
  dropStep: { input: 'DropStepInput', payload: JOURNEY_PAYLOAD },
  recordReflection: { input: 'RecordReflectionInput', payload: JOURNEY_PAYLOAD },
  requestSupport: { input: 'RequestSupportInput', payload: JOURNEY_PAYLOAD },
  offerSupport: { input: 'OfferSupportInput', payload: JOURNEY_PAYLOAD },
  makeCommitment: { input: 'MakeCommitmentInput', payload: JOURNEY_PAYLOAD },
  keepCommitment: { input: 'CommitmentInput', payload: JOURNEY_PAYLOAD },
  missCommitment: { input: 'CommitmentInput', payload: JOURNEY_PAYLOAD },
} as const satisfies Record<string, MutationDocument>;

export type MutationName = keyof typeof MUTATIONS;

export const mutationDocument = (name: MutationName): string =>
  `mutation ${name}($input: ${MUTATIONS[name].input}!) { ${name}(input: $input) { ${MUTATIONS[name].payload} } }`;

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const STEP_FIELDS = 'id journeyId teamId title ownerId dueOn status takenAt';

const DIRECTION_FIELDS = `yes no unsure closerRate comfortMean comfortDistribution quadrants { flowing stretching stuck coasting } people weeksWithheld
  suppression { suppressed reason }`;
const ANALYTICS_FIELDS = `from to timezone
  direction { ${DIRECTION_FIELDS} }
  weeks { week start end stepsTaken direction { ${DIRECTION_FIELDS} } }
  momentum { stepsTaken openSteps overdueSteps }
  loopDiscipline { stepsTaken reflectedInWindow share medianHoursToReflection windowHours }
  pivots { count medianHoursFromFirstNo suppression { suppressed reason } pivots { pivotId journeyId at hoursFromFirstNo reflectionsCompared closerRateBefore closerRateAfter } }
  transitionDips { journeyId visionVersion revisedAt baseline trough weeksToRecover recovered weeksSince }
  participation { from to members reflected share suppression { suppressed reason } }
  stalled { count stalledAfterDays journeys { journeyId title quietSince daysWithoutStep } }
  support { open oldestAgeHours requests { journeyId requestId requestedAt ageHours } }
  commitments { kept missed open overdue }
  attention { code journeyId message figures { name value } }
  attentionSuppression { suppressed reason }
  quadrantsSuppression { suppressed reason }
  teams { teamId name direction { ${DIRECTION_FIELDS} } }`;

export const QUERIES = {
  myOrganisations: 'query { myOrganisations { id name slug myMemberId myRole } }',
  members: 'query { members { id displayName orgRole } }',
  me: 'query { me { id displayName orgRole } }',
  organisationSettings: `query { organisationSettings { ${SETTINGS_FIELDS} } }`,
  nudgeSettings: `query { nudgeSettings { ${NUDGE_SETTINGS_FIELDS} } }`,
  notificationPreferences: `query($memberId: ID!) { notificationPreferences(memberId: $memberId) { ${NOTIFICATION_PREFERENCES_FIELDS} } }`,
  membersWithPreferences: `query { membersWithPreferences: members { id email notificationPreferences { ${NOTIFICATION_PREFERENCES_FIELDS} } } }`,
  teamIntegrations: `query($teamId: ID!) { teamIntegrations(teamId: $teamId) { ${TEAM_INTEGRATIONS_FIELDS} } }`,
  smtpIntegration: `query { smtpIntegration { ${SMTP_INTEGRATION_FIELDS} } }`,
  webhookEndpoints: `query($first: Int, $after: String) { webhookEndpoints(first: $first, after: $after) { edges { cursor node { ${WEBHOOK_ENDPOINT_FIELDS} } } ${PAGE_INFO} } }`,
  webhookSubscriptionTypes: 'query { webhookSubscriptionTypes }',
  teams: 'query { teams { id name myRole } }',
  myTeams: 'query { myTeams { id name plan subscriptionStatus seatLimit memberCount myRole members { memberId displayName role } } }',
  team: 'query($id: ID!) { team(id: $id) { id name plan subscriptionStatus memberCount myRole } }',
  journey: `query($id: ID!) { journey(id: $id) { ${JOURNEY_FIELDS} } }`,
  // A journey with everything it answers for, now or (with asOf) as it stood at a past instant.
  journeyInFull: `query($id: ID!, $asOf: DateTime) { journeyInFull: journey(id: $id, asOf: $asOf) { ${JOURNEY_FIELDS} asOf startedAt updatedAt
    vision { version statement expectations successSignals reason by at }
    steps { ${STEP_FIELDS} plannedAt droppedAt } reflectionCount
    comfort { reflections people meanComfort meanOverReflections minimumGroupSize hiddenBecause } } }`,
  // A journey's requests for support with their offers, as the caller may read them. The page size
  // is written out: a variable `first` is costed at the largest page, times each request's offers.
  journeySupportRequests: `query($id: ID!, $asOf: DateTime, $after: String) {
    journeySupportRequests: journey(id: $id, asOf: $asOf) { id supportRequests(first: 20, after: $after) {
      edges { cursor node { id journeyId requesterId requesterName text textHiddenBecause status requestedAt
        offers { leaderId leaderName message messageHiddenBecause offeredAt } } } ${PAGE_INFO} } } }`,
  journeyCommitments: `query($id: ID!, $asOf: DateTime, $after: String, $status: CommitmentStatus) {
    journeyCommitments: journey(id: $id, asOf: $asOf) { id commitments(first: 20, after: $after, status: $status) {
      edges { cursor node { id journeyId teamId memberId description dueOn status resolvedAt } } ${PAGE_INFO} } } }`,
  teamJourneys: `query($teamId: ID!, $first: Int, $after: String) {
    teamJourneys(teamId: $teamId, first: $first, after: $after) { edges { cursor node { ${JOURNEY_FIELDS} } } ${PAGE_INFO} } }`,
  myJourneys: `query($first: Int, $after: String) { myJourneys(first: $first, after: $after) { edges { node { ${JOURNEY_FIELDS} } } ${PAGE_INFO} } }`,
  myOpenSteps: `query($first: Int, $after: String) { myOpenSteps(first: $first, after: $after) { edges { node { ${STEP_FIELDS} } } ${PAGE_INFO} } }`,
  stepsAwaitingMyReflection: `query($first: Int, $after: String) {
    stepsAwaitingMyReflection(first: $first, after: $after) { edges { node { ${STEP_FIELDS} } } ${PAGE_INFO} } }`,
  myCommitments: `query($first: Int, $after: String, $status: CommitmentStatus) {
    myCommitments(first: $first, after: $after, status: $status) { edges { node { id journeyId teamId memberId description dueOn status resolvedAt } } ${PAGE_INFO} } }`,
  journeyTimeline: `query($journeyId: ID!, $first: Int, $after: String) {
    journeyTimeline(journeyId: $journeyId, first: $first, after: $after) {
      edges { cursor node { sequence eventType actorId actorName summary note comfortHiddenBecause at } } ${PAGE_INFO} } }`,
  journeyAnalytics: `query($journeyId: ID!, $from: DateTime, $to: DateTime) { journeyAnalytics(journeyId: $journeyId, from: $from, to: $to) { ${ANALYTICS_FIELDS} } }`,
  teamAnalytics: `query($teamId: ID!, $from: DateTime, $to: DateTime) { teamAnalytics(teamId: $teamId, from: $from, to: $to) { ${ANALYTICS_FIELDS} } }`,
  organisationAnalytics: `query($from: DateTime, $to: DateTime) { organisationAnalytics(from: $from, to: $to) { ${ANALYTICS_FIELDS} } }`,
  visionHistory: `query($journeyId: ID!) { visionHistory(journeyId: $journeyId) { version statement expectations successSignals reason by } }`,
  node: `query($id: ID!) {
    node(id: $id) {
      __typename id
      ... on Journey { title teamId } ... on Team { name myRole } ... on Member { displayName orgRole }
      ... on Step { title journeyId ownerId stepStatus: status } ... on Commitment { description journeyId memberId commitmentStatus: status } } }`,
} as const;

export type QueryName = keyof typeof QUERIES;
