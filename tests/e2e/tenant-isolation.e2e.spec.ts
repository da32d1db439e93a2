/**
 * Tenant isolation, operation by operation: a second organisation's people, holding every id of the
 * first one's objects, get a NOT_FOUND-family code for every query and mutation that takes an id,
 * and nothing is written anywhere (the global event log does not move; the victim's views are
 * exactly as they were).
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import type { MutationName, QueryName } from './support/graphql-documents';
import { MUTATIONS, QUERIES } from './support/graphql-documents';
import { buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Input, type Person, type StepwiseApi } from './support/stepwise-api';

const inAWeek = (): string => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/** The ids of everything the victim organisation holds. */
interface VictimIds {
  readonly teamId: string;
  readonly journeyId: string;
  readonly takenStepId: string;
  readonly plannedStepId: string;
  readonly reflectionId: string;
  readonly requestId: string;
  readonly commitmentId: string;
  readonly staffId: string;
  readonly leaderId: string;
  readonly adminId: string;
  readonly endpointId: string;
}

interface World {
  readonly victim: OrgFixture;
  readonly attacker: OrgFixture;
  readonly ids: VictimIds;
  /** The attacker's own journey, into which the victim's child ids are smuggled. */
  readonly ownJourneyId: string;
}

type Role = 'admin' | 'leader' | 'staff';
type Case =
  | { readonly kind: 'query'; readonly name: QueryName; readonly as: Role; readonly variables: (w: World) => Input; readonly code: string }
  | { readonly kind: 'mutation'; readonly name: MutationName; readonly as: Role; readonly input: (w: World) => Input; readonly code: string };

const query = (name: QueryName, variables: (w: World) => Input, code: string, as: Role = 'leader'): Case => ({ kind: 'query', name, as, variables, code });
const mutation = (name: MutationName, input: (w: World) => Input, code: string, as: Role = 'leader'): Case => ({ kind: 'mutation', name, as, input, code });

/** Every operation that takes an id, with the victim's ids, as the attacker in their own organisation. */
const CASES: readonly [string, Case][] = [
  // Queries
  ['team(id)', query('team', (w) => ({ id: w.ids.teamId }), 'TEAM_NOT_FOUND', 'admin')],
  ['teamJourneys(teamId)', query('teamJourneys', (w) => ({ teamId: w.ids.teamId }), 'TEAM_NOT_FOUND', 'admin')],
  ['journey(id)', query('journey', (w) => ({ id: w.ids.journeyId }), 'JOURNEY_NOT_FOUND', 'admin')],
  // An instant before the journey started: the answer must not tell the journey exists (JOURNEY_NOT_STARTED_AS_OF would).
  ['journey(id, asOf)', query('journeyInFull', (w) => ({ id: w.ids.journeyId, asOf: '2020-01-01T00:00:00.000Z' }), 'JOURNEY_NOT_FOUND', 'admin')],
  ['journey(id) { supportRequests }', query('journeySupportRequests', (w) => ({ id: w.ids.journeyId }), 'JOURNEY_NOT_FOUND', 'admin')],
  ['journey(id) { commitments }', query('journeyCommitments', (w) => ({ id: w.ids.journeyId }), 'JOURNEY_NOT_FOUND', 'admin')],
  ['journeyTimeline(journeyId)', query('journeyTimeline', (w) => ({ journeyId: w.ids.journeyId }), 'JOURNEY_NOT_FOUND', 'admin')],
  ['visionHistory(journeyId)', query('visionHistory', (w) => ({ journeyId: w.ids.journeyId }), 'JOURNEY_NOT_FOUND', 'admin')],
  ['journeyAnalytics(journeyId)', query('journeyAnalytics', (w) => ({ journeyId: w.ids.journeyId }), 'JOURNEY_NOT_FOUND', 'admin')],
  ['teamAnalytics(teamId)', query('teamAnalytics', (w) => ({ teamId: w.ids.teamId }), 'TEAM_NOT_FOUND', 'admin')],
  // Members
  ['changeMemberRole(memberId)', mutation('changeMemberRole', (w) => ({ memberId: w.ids.staffId, orgRole: 'ADMIN' }), 'MEMBER_NOT_FOUND', 'admin')],
  ['updateMemberPreferences(memberId)', mutation('updateMemberPreferences', (w) => ({ memberId: w.ids.staffId, timezone: 'Asia/Tokyo' }), 'MEMBER_NOT_FOUND', 'admin')],
  ['removeMember(memberId)', mutation('removeMember', (w) => ({ memberId: w.ids.adminId }), 'MEMBER_NOT_FOUND', 'admin')],
  ['changeMemberEmail(memberId)', mutation('changeMemberEmail', (w) => ({ memberId: w.ids.staffId, email: 'mole@example.com' }), 'MEMBER_NOT_FOUND', 'admin')],
  // Nudge preferences and webhook endpoints
  ['notificationPreferences(memberId)', query('notificationPreferences', (w) => ({ memberId: w.ids.staffId }), 'MEMBER_NOT_FOUND', 'admin')],
  ['updateNotificationPreferences(memberId)', mutation('updateNotificationPreferences', (w) => ({ memberId: w.ids.staffId, dailyCap: 1 }), 'MEMBER_NOT_FOUND', 'admin')],
  ['updateWebhookEndpoint(endpointId)', mutation('updateWebhookEndpoint', (w) => ({ endpointId: w.ids.endpointId, url: 'https://mole.example.com/' }), 'WEBHOOK_ENDPOINT_NOT_FOUND', 'admin')],
  ['rotateWebhookSecret(endpointId)', mutation('rotateWebhookSecret', (w) => ({ endpointId: w.ids.endpointId }), 'WEBHOOK_ENDPOINT_NOT_FOUND', 'admin')],
  ['expirePreviousWebhookSecret(endpointId)', mutation('expirePreviousWebhookSecret', (w) => ({ endpointId: w.ids.endpointId }), 'WEBHOOK_ENDPOINT_NOT_FOUND', 'admin')],
  ['disableWebhookEndpoint(endpointId)', mutation('disableWebhookEndpoint', (w) => ({ endpointId: w.ids.endpointId }), 'WEBHOOK_ENDPOINT_NOT_FOUND', 'admin')],
  ['enableWebhookEndpoint(endpointId)', mutation('enableWebhookEndpoint', (w) => ({ endpointId: w.ids.endpointId }), 'WEBHOOK_ENDPOINT_NOT_FOUND', 'admin')],
  ['removeWebhookEndpoint(endpointId)', mutation('removeWebhookEndpoint', (w) => ({ endpointId: w.ids.endpointId }), 'WEBHOOK_ENDPOINT_NOT_FOUND', 'admin')],
  // Slack, Teams and email integrations, and test messages
  ['teamIntegrations(teamId)', query('teamIntegrations', (w) => ({ teamId: w.ids.teamId }), 'TEAM_NOT_FOUND', 'admin')],
  ['setSlackIntegration(teamId)', mutation('setSlackIntegration', (w) => ({ teamId: w.ids.teamId, botToken: 'xoxb-1-mole' }), 'TEAM_NOT_FOUND', 'admin')],
  ['setTeamsIntegration(teamId)', mutation('setTeamsIntegration', (w) => ({ teamId: w.ids.teamId, webhookUrl: 'https://prod-1.logic.azure.com/workflows/mole' }), 'TEAM_NOT_FOUND', 'admin')],
  ['clearSlackIntegration(teamId)', mutation('clearSlackIntegration', (w) => ({ teamId: w.ids.teamId }), 'TEAM_NOT_FOUND', 'admin')],
  ['clearTeamsIntegration(teamId)', mutation('clearTeamsIntegration', (w) => ({ teamId: w.ids.teamId }), 'TEAM_NOT_FOUND', 'admin')],
  ['sendTestMessage(SLACK, teamId)', mutation('sendTestMessage', (w) => ({ channel: 'SLACK', teamId: w.ids.teamId }), 'TEAM_NOT_FOUND', 'admin')],
  ['sendTestMessage(TEAMS, teamId)', mutation('sendTestMessage', (w) => ({ channel: 'TEAMS', teamId: w.ids.teamId }), 'TEAM_NOT_FOUND', 'admin')],
  ['sendTestMessage(EMAIL, memberId)', mutation('sendTestMessage', (w) => ({ channel: 'EMAIL', memberId: w.ids.staffId }), 'MEMBER_NOT_FOUND', 'admin')],
  ['sendTestMessage(WEBHOOK, endpointId)', mutation('sendTestMessage', (w) => ({ channel: 'WEBHOOK', endpointId: w.ids.endpointId }), 'WEBHOOK_ENDPOINT_NOT_FOUND', 'admin')],
  // Teams and subscriptions
  ['subscribeTeam(teamId)', mutation('subscribeTeam', (w) => ({ teamId: w.ids.teamId, plan: 'UNLIMITED', status: 'ACTIVE' }), 'TEAM_NOT_FOUND', 'admin')],
  ['changeSubscription(teamId)', mutation('changeSubscription', (w) => ({ teamId: w.ids.teamId, status: 'PAST_DUE' }), 'TEAM_NOT_FOUND', 'admin')],
  ['cancelSubscription(teamId)', mutation('cancelSubscription', (w) => ({ teamId: w.ids.teamId }), 'TEAM_NOT_FOUND', 'admin')],
  ['addTeamMember(their teamId)', mutation('addTeamMember', (w) => ({ teamId: w.ids.teamId, memberId: w.attacker.bystander.memberId, role: 'LEADER' }), 'TEAM_NOT_FOUND', 'admin')],
  ['addTeamMember(their memberId)', mutation('addTeamMember', (w) => ({ teamId: w.attacker.teamId, memberId: w.ids.staffId, role: 'STAFF' }), 'MEMBER_NOT_FOUND', 'admin')],
  ['changeTeamRole(their teamId)', mutation('changeTeamRole', (w) => ({ teamId: w.ids.teamId, memberId: w.ids.staffId, role: 'LEADER' }), 'TEAM_NOT_FOUND', 'admin')],
  ['changeTeamRole(their memberId)', mutation('changeTeamRole', (w) => ({ teamId: w.attacker.teamId, memberId: w.ids.staffId, role: 'LEADER' }), 'TEAM_MEMBER_NOT_FOUND', 'admin')],
  ['removeTeamMember(their teamId)', mutation('removeTeamMember', (w) => ({ teamId: w.ids.teamId, memberId: w.ids.leaderId }), 'TEAM_NOT_FOUND', 'admin')],
  ['removeTeamMember(their memberId)', mutation('removeTeamMember', (w) => ({ teamId: w.attacker.teamId, memberId: w.ids.leaderId }), 'TEAM_MEMBER_NOT_FOUND', 'admin')],
  // Journeys, by the victim's journey id
  ['startJourney(teamId)', mutation('startJourney', (w) => ({ teamId: w.ids.teamId, title: 'Hijack' }), 'TEAM_NOT_FOUND')],
  ['pauseJourney(journeyId)', mutation('pauseJourney', (w) => ({ journeyId: w.ids.journeyId, reason: 'x' }), 'JOURNEY_NOT_FOUND')],
  ['resumeJourney(journeyId)', mutation('resumeJourney', (w) => ({ journeyId: w.ids.journeyId }), 'JOURNEY_NOT_FOUND')],
  ['completeJourney(journeyId)', mutation('completeJourney', (w) => ({ journeyId: w.ids.journeyId }), 'JOURNEY_NOT_FOUND')],
  ['abandonJourney(journeyId)', mutation('abandonJourney', (w) => ({ journeyId: w.ids.journeyId, reason: 'x' }), 'JOURNEY_NOT_FOUND')],
  ['articulateVision(journeyId)', mutation('articulateVision', (w) => ({ journeyId: w.ids.journeyId, statement: 'x' }), 'JOURNEY_NOT_FOUND')],
  ['reviseVision(journeyId)', mutation('reviseVision', (w) => ({ journeyId: w.ids.journeyId, statement: 'x', reason: 'x' }), 'JOURNEY_NOT_FOUND')],
  ['setDirection(journeyId)', mutation('setDirection', (w) => ({ journeyId: w.ids.journeyId, direction: 'x' }), 'JOURNEY_NOT_FOUND')],
  [
    'makePivot(journeyId, reflectionIds)',
    mutation('makePivot', (w) => ({ journeyId: w.ids.journeyId, toDirection: 'x', reason: 'x', reflectionIds: [w.ids.reflectionId] }), 'JOURNEY_NOT_FOUND'),
  ],
  ['planStep(journeyId)', mutation('planStep', (w) => ({ journeyId: w.ids.journeyId, title: 'x' }), 'JOURNEY_NOT_FOUND', 'staff')],
  ['takeStep(journeyId, stepId)', mutation('takeStep', (w) => ({ journeyId: w.ids.journeyId, stepId: w.ids.plannedStepId }), 'JOURNEY_NOT_FOUND', 'staff')],
  ['dropStep(journeyId, stepId)', mutation('dropStep', (w) => ({ journeyId: w.ids.journeyId, stepId: w.ids.plannedStepId, reason: 'x' }), 'JOURNEY_NOT_FOUND')],
  [
    'recordReflection(journeyId, stepId)',
    mutation('recordReflection', (w) => ({ journeyId: w.ids.journeyId, closer: 'NO', comfort: 1, stepId: w.ids.takenStepId }), 'JOURNEY_NOT_FOUND', 'staff'),
  ],
  ['requestSupport(journeyId)', mutation('requestSupport', (w) => ({ journeyId: w.ids.journeyId, need: 'x' }), 'JOURNEY_NOT_FOUND', 'staff')],
  ['offerSupport(journeyId, requestId)', mutation('offerSupport', (w) => ({ journeyId: w.ids.journeyId, requestId: w.ids.requestId, message: 'x' }), 'JOURNEY_NOT_FOUND')],
  ['makeCommitment(journeyId)', mutation('makeCommitment', (w) => ({ journeyId: w.ids.journeyId, description: 'x', dueOn: inAWeek() }), 'JOURNEY_NOT_FOUND', 'staff')],
  ['keepCommitment(journeyId, commitmentId)', mutation('keepCommitment', (w) => ({ journeyId: w.ids.journeyId, commitmentId: w.ids.commitmentId }), 'JOURNEY_NOT_FOUND')],
  ['missCommitment(journeyId, commitmentId)', mutation('missCommitment', (w) => ({ journeyId: w.ids.journeyId, commitmentId: w.ids.commitmentId }), 'JOURNEY_NOT_FOUND')],
  // The victim's child ids, smuggled into the attacker's own journey
  ['takeStep(own journey, their stepId)', mutation('takeStep', (w) => ({ journeyId: w.ownJourneyId, stepId: w.ids.plannedStepId }), 'STEP_NOT_FOUND')],
  ['dropStep(own journey, their stepId)', mutation('dropStep', (w) => ({ journeyId: w.ownJourneyId, stepId: w.ids.plannedStepId, reason: 'x' }), 'STEP_NOT_FOUND')],
  [
    'recordReflection(own journey, their stepId)',
    mutation('recordReflection', (w) => ({ journeyId: w.ownJourneyId, closer: 'YES', comfort: 3, stepId: w.ids.takenStepId }), 'STEP_NOT_FOUND'),
  ],
  [
    'makePivot(own journey, their reflectionIds)',
    mutation('makePivot', (w) => ({ journeyId: w.ownJourneyId, toDirection: 'Elsewhere', reason: 'x', reflectionIds: [w.ids.reflectionId] }), 'REFLECTION_NOT_FOUND'),
  ],
  [
    'offerSupport(own journey, their requestId)',
    mutation('offerSupport', (w) => ({ journeyId: w.ownJourneyId, requestId: w.ids.requestId, message: 'x' }), 'SUPPORT_REQUEST_NOT_FOUND'),
  ],
  [
    'keepCommitment(own journey, their commitmentId)',
    mutation('keepCommitment', (w) => ({ journeyId: w.ownJourneyId, commitmentId: w.ids.commitmentId }), 'COMMITMENT_NOT_FOUND'),
  ],
  [
    'missCommitment(own journey, their commitmentId)',
    mutation('missCommitment', (w) => ({ journeyId: w.ownJourneyId, commitmentId: w.ids.commitmentId }), 'COMMITMENT_NOT_FOUND'),
  ],
  ['planStep(own journey, their ownerId)', mutation('planStep', (w) => ({ journeyId: w.ownJourneyId, title: 'x', ownerId: w.ids.staffId }), 'TEAM_MEMBER_NOT_FOUND')],
  [
    'makeCommitment(own journey, their memberId)',
    mutation('makeCommitment', (w) => ({ journeyId: w.ownJourneyId, description: 'x', dueOn: inAWeek(), memberId: w.ids.staffId }), 'TEAM_MEMBER_NOT_FOUND'),
  ],
];

describe('tenant isolation', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let world: World;
  /** What the victim's people saw before the attack. */
  let victimViews: () => Promise<unknown>;
  let viewsBefore: unknown;
  let logHeadBefore: unknown;

  const person = (org: OrgFixture, role: Role): Person => (role === 'admin' ? org.admin : role === 'leader' ? org.leader : org.staff[0]);

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    const [victim, attacker] = [await buildOrg(api, { label: 'victim' }), await buildOrg(api, { label: 'attacker' })];
    const journeyId = await startJourney(api, victim);
    const staff = victim.staff[0];
    const takenStepId = await takenStep(api, staff, journeyId, 'Taken step');
    const plannedStepId = (await api.mutate(staff, 'planStep', { journeyId, title: 'Planned step' })).createdId!;
    const reflectionId = (await api.mutate(staff, 'recordReflection', { journeyId, closer: 'NO', comfort: 2, note: 'Private', stepId: takenStepId })).createdId!;
    const requestId = (await api.mutate(staff, 'requestSupport', { journeyId, need: 'Help' })).createdId!;
    const commitmentId = (await api.mutate(staff, 'makeCommitment', { journeyId, description: 'Do it', dueOn: inAWeek() })).createdId!;
    const ownJourneyId = await startJourney(api, attacker, { title: 'Attacker journey' });
    const { endpointId } = await api.mutate(victim.admin, 'registerWebhookEndpoint', { url: 'https://victim.example.com/hooks', subscriptions: ['nudge'] });
    world = {
      victim,
      attacker,
      ownJourneyId,
      ids: {
        teamId: victim.teamId,
        journeyId,
        takenStepId,
        plannedStepId,
        reflectionId,
        requestId,
        commitmentId,
        staffId: staff.memberId,
        leaderId: victim.leader.memberId,
        adminId: victim.admin.memberId,
        endpointId,
      },
    };
    victimViews = async () => ({
      journey: await api.query(victim.leader, 'journey', { id: journeyId }),
      timeline: await api.query(victim.leader, 'journeyTimeline', { journeyId, first: 100 }),
      visions: await api.query(victim.leader, 'visionHistory', { journeyId }),
      supportRequests: await api.query(victim.leader, 'journeySupportRequests', { id: journeyId }),
      journeyCommitments: await api.query(victim.leader, 'journeyCommitments', { id: journeyId }),
      team: await api.query(victim.admin, 'team', { id: victim.teamId }),
      teamMembers: (await api.query(victim.staff[0], 'myTeams'))[0].members,
      members: await api.query(victim.admin, 'members'),
      openSteps: await api.query(staff, 'myOpenSteps'),
      commitments: await api.query(staff, 'myCommitments'),
      attackerJourney: await api.query(attacker.leader, 'journey', { id: ownJourneyId }),
      attackerTeam: await api.query(attacker.admin, 'team', { id: attacker.teamId }),
      webhookEndpoints: await api.query(victim.admin, 'webhookEndpoints', { first: 10 }),
      preferences: await api.query(victim.admin, 'membersWithPreferences'),
      nudgeSettings: await api.query(victim.staff[0], 'nudgeSettings'),
    });
    viewsBefore = await victimViews();
    logHeadBefore = await stepwise.runtime.eventStore.logHead();
  }, 60_000);

  afterAll(() => stepwise?.close());

  const send = (c: Case, as: Person) =>
    c.kind === 'query' ? api.attemptQuery(as, c.name, c.variables(world)) : api.attempt(as, c.name, c.input(world));

  describe('from their own organisation, with the other one’s ids', () => {
    it.each(CASES)('%s', async (_label, c) => {
      const response = await send(c, person(world.attacker, c.as));
      expect(response.errors).toHaveLength(1);
      expect(errorCode(response)).toBe(c.code);
      expect(response.data?.[c.name] ?? null).toBeNull();
      // The message names nothing of the other organisation's.
      expect(JSON.stringify(response.errors)).not.toContain(world.victim.organisationId);
    });
  });

  describe('with the other organisation’s header', () => {
    const everyOperation: [string, Case][] = [
      ...CASES,
      ...(
        [
          'myTeams', 'teams', 'members', 'me', 'organisationSettings', 'organisationAnalytics', 'myJourneys', 'myOpenSteps', 'stepsAwaitingMyReflection', 'myCommitments',
          'nudgeSettings', 'membersWithPreferences', 'webhookEndpoints', 'webhookSubscriptionTypes', 'smtpIntegration',
        ] as const
      ).map(
        (name): [string, Case] => [name, query(name, () => ({}), 'ORGANISATION_NOT_FOUND')],
      ),
      ['node(id)', query('node', (w) => ({ id: w.ids.journeyId }), 'ORGANISATION_NOT_FOUND')],
      ['createTeam', mutation('createTeam', () => ({ name: 'Inside job' }), 'ORGANISATION_NOT_FOUND', 'admin')],
      ['addMember', mutation('addMember', () => ({ subject: 'mole', displayName: 'Mole', orgRole: 'ADMIN' }), 'ORGANISATION_NOT_FOUND', 'admin')],
      ['updateOrganisationSettings', mutation('updateOrganisationSettings', () => ({ minimumGroupSize: 2 }), 'ORGANISATION_NOT_FOUND', 'admin')],
      ['updateNudgeSettings', mutation('updateNudgeSettings', () => ({ rules: [{ rule: 'REFLECT', enabled: false }] }), 'ORGANISATION_NOT_FOUND', 'admin')],
      ['registerWebhookEndpoint', mutation('registerWebhookEndpoint', () => ({ url: 'https://mole.example.com/', subscriptions: ['nudge'] }), 'ORGANISATION_NOT_FOUND', 'admin')],
      ['setSmtpIntegration', mutation('setSmtpIntegration', () => ({ host: 'smtp.mole.example.com', port: 587, secure: false, fromAddress: 'mole@example.com' }), 'ORGANISATION_NOT_FOUND', 'admin')],
      ['clearSmtpIntegration', mutation('clearSmtpIntegration', () => ({}), 'ORGANISATION_NOT_FOUND', 'admin')],
    ];

    it('covers every organisation-scoped operation of the schema', () => {
      const covered = new Set<string>(everyOperation.map(([, c]) => c.name));
      const scoped = [...Object.keys(QUERIES), ...Object.keys(MUTATIONS)].filter((name) => !['myOrganisations', 'createOrganisation'].includes(name));
      expect(scoped.filter((name) => !covered.has(name))).toEqual([]);
    });

    it.each(everyOperation)('%s: ORGANISATION_NOT_FOUND', async (_label, c) => {
      const caller = person(world.attacker, c.as);
      const response = await send({ ...c, code: 'ORGANISATION_NOT_FOUND' }, { ...caller, organisationId: world.victim.organisationId });
      expect(errorCode(response)).toBe('ORGANISATION_NOT_FOUND');
      expect(response.data?.[c.name] ?? null).toBeNull();
    });
  });

  // node(id:) answers null, not NOT_FOUND, for what does not exist; another organisation's ids must look the same.
  it('node(id) answers null for every id of the other organisation, whatever the role', async () => {
    for (const id of Object.values(world.ids)) {
      for (const role of ['admin', 'leader', 'staff'] as const) {
        const response = await api.attemptQuery(person(world.attacker, role), 'node', { id });
        expect(response).toMatchObject({ data: { node: null } });
        expect(response.errors).toBeUndefined();
      }
    }
  });

  it('lists show only their own organisation', async () => {
    const { attacker, victim } = world;
    expect((await api.query(attacker.admin, 'teams')).map(({ id }) => id)).toEqual([attacker.teamId]);
    const members = (await api.query(attacker.admin, 'members')).map(({ id }) => id);
    expect(members).toHaveLength(5);
    expect(members).not.toContain(world.ids.staffId);
    expect((await api.query(attacker.staff[0], 'myJourneys')).edges.map(({ node }) => node.id)).toEqual([world.ownJourneyId]);
    expect((await api.query(attacker.staff[0], 'myOpenSteps')).edges).toEqual([]);
    expect((await api.query(attacker.admin, 'myOrganisations')).map(({ id }) => id)).toEqual([attacker.organisationId]);
    expect((await api.query(victim.admin, 'myOrganisations')).map(({ id }) => id)).toEqual([victim.organisationId]);
  });

  it('after all of it, nothing was written anywhere and both organisations look exactly as before', async () => {
    expect(await stepwise.runtime.eventStore.logHead()).toEqual(logHeadBefore);
    expect(await victimViews()).toEqual(viewsBefore);
    const stream = await stepwise.runtime.eventStore.readStream(world.victim.organisationId, `journey-${world.ids.journeyId}`);
    expect(stream).toHaveLength(9);
    expect(await stepwise.runtime.eventStore.readStream(world.attacker.organisationId, `journey-${world.ids.journeyId}`)).toEqual([]);
  });
});
