/**
 * The rules a paying organisation's admin leans on, over GraphQL: seats hold under concurrent
 * requests, a team whose subscription lapsed refuses every write to it and its journeys (a table
 * checked against the whole mutation list, so a new mutation must say where it stands), and member
 * email addresses have one stored form and one owner. Every refusal changes nothing.
 */
import { foldEvents } from '@stepwise/kernel';
import { teamDecider, type TeamEvent } from '@stepwise/tenancy-domain';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { addPerson, buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { MUTATIONS, type MutationName } from './support/graphql-documents';
import { errorCode, stepwiseApi, type Input, type Person, type StepwiseApi } from './support/stepwise-api';

const inAWeek = (): string => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

describe('tenancy rules', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  const logHead = () => stepwise.runtime.eventStore.logHead();

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
  });

  afterAll(() => stepwise?.close());

  describe('seats', () => {
    it('ten admins racing for the last seat: exactly one wins, the rest are SEAT_LIMIT_REACHED, and the team stays at its limit', async () => {
      const org = await buildOrg(api, { label: 'race', staff: 2 });
      for (let seat = 4; seat <= 9; seat += 1) {
        const person = await addPerson(api, org.admin, `race-${org.organisationId}-${seat}`, `Seat ${seat}`);
        await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: person.memberId, role: 'STAFF' });
      }
      const racers: Person[] = [];
      for (let index = 0; index < 10; index += 1) racers.push(await addPerson(api, org.admin, `racer-${org.organisationId}-${index}`, `Racer ${index}`));
      const answers = await Promise.all(racers.map((person) => api.attempt(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: person.memberId, role: 'STAFF' })));
      const codes = answers.map((answer) => errorCode(answer) ?? 'ADDED');
      expect(codes.filter((code) => code === 'ADDED')).toHaveLength(1);
      expect(codes.filter((code) => code === 'SEAT_LIMIT_REACHED')).toHaveLength(9);
      const team = await api.query(org.admin, 'team', { id: org.teamId });
      expect(team).toMatchObject({ memberCount: 10 });
      const onTeam = await Promise.all(racers.map(async (person) => (await api.query(person, 'myTeams')).length));
      expect(onTeam.reduce((sum, count) => sum + count, 0)).toBe(1);
    });

    it('a plan with fewer seats than members is SEAT_LIMIT_REACHED and writes nothing; a member on two teams holds a seat on each', async () => {
      const org = await buildOrg(api, { label: 'downgrade', staff: 9, plan: 'GROWTH' });
      await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: org.bystander.memberId, role: 'STAFF' });
      const head = await logHead();
      const refused = await api.attempt(org.admin, 'changeSubscription', { teamId: org.teamId, plan: 'STARTER' });
      expect(errorCode(refused)).toBe('SEAT_LIMIT_REACHED');
      expect(refused.errors?.[0].extensions?.details).toEqual({ field: 'plan', plan: 'STARTER', seatLimit: 10, seatsNeeded: 11 });
      expect(await logHead()).toEqual(head);
      expect(await api.query(org.admin, 'team', { id: org.teamId })).toMatchObject({ plan: 'GROWTH', memberCount: 11 });

      const { teamId: second } = await api.mutate(org.admin, 'createTeam', { name: 'Second team' });
      await api.mutate(org.admin, 'subscribeTeam', { teamId: second, plan: 'STARTER', status: 'TRIALING' });
      const added = await api.mutate(org.admin, 'addTeamMember', { teamId: second, memberId: org.staff[0].memberId, role: 'LEADER' });
      expect(added.team).toMatchObject({ memberCount: 1 });
      expect(await api.query(org.admin, 'team', { id: org.teamId })).toMatchObject({ memberCount: 11 });
      expect((await api.query(org.staff[0], 'myTeams')).map(({ id }) => id).sort()).toEqual([org.teamId, second].sort());
    });
  });

  describe('leaving the organisation', () => {
    it('someone removed while an admin puts them on a team ends up on no team, holding no seat, as the next read shows', async () => {
      for (let round = 0; round < 10; round += 1) {
        const org = await buildOrg(api, { label: `leave-race-${round}`, staff: 1 });
        const leaver = org.bystander;
        const [added, removed] = await Promise.all([
          api.attempt(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: leaver.memberId, role: 'STAFF' }),
          api.attempt(org.admin, 'removeMember', { memberId: leaver.memberId }),
        ]);
        expect(errorCode(removed)).toBeUndefined();
        expect([undefined, 'MEMBER_NOT_FOUND']).toContain(errorCode(added));
        const stream = await stepwise.runtime.eventStore.readStream(org.organisationId, `team-${org.teamId}`);
        const state = foldEvents(teamDecider, stream.map(({ type, data }) => ({ type, data }) as TeamEvent));
        const onTeam = [org.leader.memberId, org.staff[0].memberId].sort();
        expect(state.status === 'CREATED' && Object.keys(state.members).sort()).toEqual(onTeam);
        // Both answered: the read models hold what both wrote, a refused add's join and its undo too.
        const [team] = await api.query(org.leader, 'myTeams');
        expect({ round, added: errorCode(added), members: team.members?.map(({ memberId }) => memberId).sort(), count: team.memberCount }).toEqual({
          round,
          added: errorCode(added),
          members: onTeam,
          count: 2,
        });
      }
    });

    it('someone removed while an admin makes them the first LEADER of a new team ends up on no team', async () => {
      for (let round = 0; round < 4; round += 1) {
        const org = await buildOrg(api, { label: `leave-race-leader-${round}`, staff: 0 });
        const leaver = org.bystander;
        const { teamId } = await api.mutate(org.admin, 'createTeam', { name: `New team ${round}` });
        await api.mutate(org.admin, 'subscribeTeam', { teamId, plan: 'STARTER', status: 'TRIALING' });
        const [added, removed] = await Promise.all([
          api.attempt(org.admin, 'addTeamMember', { teamId, memberId: leaver.memberId, role: 'LEADER' }),
          api.attempt(org.admin, 'removeMember', { memberId: leaver.memberId }),
        ]);
        expect(errorCode(removed)).toBeUndefined();
        expect([undefined, 'MEMBER_NOT_FOUND']).toContain(errorCode(added));
        const stream = await stepwise.runtime.eventStore.readStream(org.organisationId, `team-${teamId}`);
        const state = foldEvents(teamDecider, stream.map(({ type, data }) => ({ type, data }) as TeamEvent));
        expect(state.status === 'CREATED' && Object.keys(state.members)).toEqual([]);
      }
    });
  });

  describe('a team whose subscription lapsed is read-only', () => {
    type Actor = 'admin' | 'leader' | 'staff';
    interface World {
      readonly org: OrgFixture;
      readonly journeyId: string;
      readonly pausedJourneyId: string;
      readonly stepId: string;
      readonly plannedId: string;
      readonly reflectionId: string;
      readonly requestId: string;
      readonly commitmentId: string;
    }

    /** Every write to a team or its journeys, as who, with what: each is SUBSCRIPTION_INACTIVE. */
    const refused = (w: World): Record<string, [Actor, Input]> => ({
      startJourney: ['leader', { teamId: w.org.teamId, title: 'Another' }],
      articulateVision: ['leader', { journeyId: w.journeyId, statement: 'Another vision' }],
      reviseVision: ['leader', { journeyId: w.journeyId, statement: 'Cheaper', reason: 'Budget' }],
      setDirection: ['leader', { journeyId: w.journeyId, direction: 'Another direction' }],
      makePivot: ['leader', { journeyId: w.journeyId, toDirection: 'Go slower', reason: 'Not closer', reflectionIds: [w.reflectionId] }],
      planStep: ['staff', { journeyId: w.journeyId, title: 'After the lapse' }],
      takeStep: ['staff', { journeyId: w.journeyId, stepId: w.plannedId }],
      dropStep: ['staff', { journeyId: w.journeyId, stepId: w.plannedId, reason: 'Budget' }],
      recordReflection: ['staff', { journeyId: w.journeyId, closer: 'YES', comfort: 3, stepId: w.stepId }],
      requestSupport: ['staff', { journeyId: w.journeyId, need: 'Budget' }],
      offerSupport: ['leader', { journeyId: w.journeyId, requestId: w.requestId, message: 'Talk on Friday?' }],
      makeCommitment: ['staff', { journeyId: w.journeyId, description: 'Write it up', dueOn: inAWeek() }],
      keepCommitment: ['staff', { journeyId: w.journeyId, commitmentId: w.commitmentId }],
      missCommitment: ['leader', { journeyId: w.journeyId, commitmentId: w.commitmentId }],
      pauseJourney: ['leader', { journeyId: w.journeyId, reason: 'Budget' }],
      resumeJourney: ['leader', { journeyId: w.pausedJourneyId }],
      completeJourney: ['leader', { journeyId: w.journeyId }],
      abandonJourney: ['leader', { journeyId: w.journeyId, reason: 'Budget' }],
      addTeamMember: ['admin', { teamId: w.org.teamId, memberId: w.org.bystander.memberId, role: 'STAFF' }],
      changeTeamRole: ['admin', { teamId: w.org.teamId, memberId: w.org.staff[0].memberId, role: 'LEADER' }],
    });

    /** Mutations a lapsed team does not refuse, and why. */
    const allowed: Partial<Record<MutationName, string>> = {
      subscribeTeam: 'subscribing again is how a cancelled team comes back',
      changeSubscription: 'paying up (PAST_DUE to ACTIVE) is how a past-due team comes back',
      cancelSubscription: 'a past-due team may be cancelled',
      removeTeamMember: 'taking someone’s access away never waits on billing',
      setSlackIntegration: 'channel settings are organisation administration, not the team’s work',
      setTeamsIntegration: 'channel settings are organisation administration, not the team’s work',
      clearSlackIntegration: 'channel settings are organisation administration, not the team’s work',
      clearTeamsIntegration: 'channel settings are organisation administration, not the team’s work',
    };
    /** Mutations of the organisation, its members and its settings: no team is involved. */
    const organisationWide: MutationName[] = [
      'createOrganisation', 'addMember', 'changeMemberRole', 'updateMemberPreferences', 'removeMember', 'changeMemberEmail',
      'updateNudgeSettings', 'updateNotificationPreferences', 'registerWebhookEndpoint', 'updateWebhookEndpoint',
      'rotateWebhookSecret', 'expirePreviousWebhookSecret', 'disableWebhookEndpoint', 'enableWebhookEndpoint',
      'removeWebhookEndpoint', 'setSmtpIntegration', 'clearSmtpIntegration', 'sendTestMessage', 'updateOrganisationSettings', 'createTeam',
    ];

    const buildWorld = async (label: string): Promise<World> => {
      const org = await buildOrg(api, { label, staff: 1 });
      const journeyId = await startJourney(api, org);
      const pausedJourneyId = await startJourney(api, org, { title: 'Paused before the lapse' });
      await api.mutate(org.leader, 'pauseJourney', { journeyId: pausedJourneyId, reason: 'Summer' });
      const stepId = await takenStep(api, org.staff[0], journeyId, 'Before the lapse');
      const reflectionId = (await api.mutate(org.staff[0], 'recordReflection', { journeyId, closer: 'NO', comfort: 2, stepId })).createdId!;
      const plannedId = (await api.mutate(org.staff[0], 'planStep', { journeyId, title: 'Planned before the lapse' })).createdId!;
      const requestId = (await api.mutate(org.staff[0], 'requestSupport', { journeyId, need: 'Time' })).createdId!;
      const commitmentId = (await api.mutate(org.staff[0], 'makeCommitment', { journeyId, description: 'Daily board', dueOn: inAWeek() })).createdId!;
      return { org, journeyId, pausedJourneyId, stepId, plannedId, reflectionId, requestId, commitmentId };
    };

    it('the table names every mutation once: refused, allowed with a reason, or organisation-wide', () => {
      const placeholder = {} as World;
      const named = [...Object.keys(refused({ ...placeholder, org: { teamId: '', staff: [{}], bystander: {} } as unknown as OrgFixture })), ...Object.keys(allowed), ...organisationWide];
      expect([...named].sort()).toEqual(Object.keys(MUTATIONS).sort());
      expect(new Set(named).size).toBe(named.length);
    });

    it.each([
      ['cancelled', (o: OrgFixture) => api.mutate(o.admin, 'cancelSubscription', { teamId: o.teamId, reason: 'Budget cut' }), 'CANCELLED'],
      ['past due', (o: OrgFixture) => api.mutate(o.admin, 'changeSubscription', { teamId: o.teamId, status: 'PAST_DUE' }), 'PAST_DUE'],
    ] as const)('%s: every write to the team and its journeys is SUBSCRIPTION_INACTIVE and changes nothing; reads work; paying again reopens it', async (_how, lapse, status) => {
      const world = await buildWorld(`lapse-${status.toLowerCase()}`);
      const { org, journeyId } = world;
      expect((await lapse(org)).team?.subscriptionStatus).toBe(status);
      const journeyBefore = await api.query(org.leader, 'journey', { id: journeyId });
      const head = await logHead();

      const people: Record<Actor, Person> = { admin: org.admin, leader: org.leader, staff: org.staff[0] };
      const table = refused(world);
      const codes: Record<string, string | undefined> = {};
      const details: Record<string, unknown> = {};
      for (const [name, [who, input]] of Object.entries(table)) {
        const answer = await api.attempt(people[who], name as MutationName, input);
        codes[name] = errorCode(answer);
        details[name] = answer.errors?.[0].extensions?.details;
      }
      expect(codes).toEqual(Object.fromEntries(Object.keys(table).map((name) => [name, 'SUBSCRIPTION_INACTIVE'])));
      // Each refusal names the team and where its subscription stands, a journey's as the team's own do.
      expect(details).toEqual(Object.fromEntries(Object.keys(table).map((name) => [name, { teamId: org.teamId, status }])));
      expect(await logHead()).toEqual(head);

      expect(await api.query(org.leader, 'journey', { id: journeyId })).toEqual(journeyBefore);
      expect((await api.query(org.staff[0], 'myOpenSteps')).edges.map(({ node }) => node.id)).toEqual([world.plannedId]);
      expect((await api.query(org.leader, 'teamJourneys', { teamId: org.teamId })).edges).toHaveLength(2);
      expect((await api.query(org.staff[0], 'myCommitments')).edges).toHaveLength(1);
      expect(await api.query(org.staff[0], 'myTeams')).toEqual([expect.objectContaining({ id: org.teamId, subscriptionStatus: status })]);

      if (status === 'CANCELLED') await api.mutate(org.admin, 'subscribeTeam', { teamId: org.teamId, plan: 'STARTER', status: 'ACTIVE' });
      else await api.mutate(org.admin, 'changeSubscription', { teamId: org.teamId, status: 'ACTIVE' });
      const taken = await api.mutate(org.staff[0], 'takeStep', { journeyId, stepId: world.plannedId });
      expect(taken.journey?.lastStep).toMatchObject({ id: world.plannedId, status: 'TAKEN' });
    });

    it('a team never subscribed takes no members: SUBSCRIPTION_INACTIVE', async () => {
      const org = await buildOrg(api, { label: 'unsubscribed', staff: 0 });
      const { teamId } = await api.mutate(org.admin, 'createTeam', { name: 'Not yet paid for' });
      const head = await logHead();
      const answer = await api.attempt(org.admin, 'addTeamMember', { teamId, memberId: org.leader.memberId, role: 'LEADER' });
      expect(errorCode(answer)).toBe('SUBSCRIPTION_INACTIVE');
      expect(await logHead()).toEqual(head);
    });
  });

  describe('member email addresses', () => {
    it('are stored trimmed with the domain in lower-case ASCII, and belong to one current member: MEMBER_EMAIL_TAKEN names email and writes nothing', async () => {
      const org = await buildOrg(api, { label: 'emails', staff: 1 });
      const add = (suffix: string, email: string) =>
        api.attempt(org.admin, 'addMember', { subject: `${org.organisationId}-${suffix}`, displayName: `Person ${suffix}`, email, orgRole: 'MEMBER' });

      const mixed = await add('mixed', '  Ben.Ng@Example.COM ');
      expect(errorCode(mixed)).toBeUndefined();
      const idn = await add('idn', 'ana@Bücher.de');
      expect(errorCode(idn)).toBeUndefined();
      const emails = (await api.query(org.admin, 'membersWithPreferences')).map(({ email }) => email);
      expect(emails).toEqual(expect.arrayContaining(['Ben.Ng@example.com', 'ana@xn--bcher-kva.de']));

      const head = await logHead();
      for (const [suffix, email] of [['again', 'ben.ng@example.com'], ['upper', 'BEN.NG@EXAMPLE.COM'], ['ascii', 'ana@xn--bcher-kva.de'], ['unicode', 'Ana@BÜCHER.de']]) {
        const answer = await add(suffix, email);
        expect([email, errorCode(answer), answer.errors?.[0].extensions?.details]).toEqual([email, 'MEMBER_EMAIL_TAKEN', { field: 'email' }]);
      }
      const change = await api.attempt(org.admin, 'changeMemberEmail', { memberId: org.staff[0].memberId, email: 'BEN.NG@example.com' });
      expect(errorCode(change)).toBe('MEMBER_EMAIL_TAKEN');
      expect(await logHead()).toEqual(head);
    });

    it('are cleared by email: null only: a change that leaves email out is VALIDATION_FAILED (REQUIRED) and keeps the address', async () => {
      const org = await buildOrg(api, { label: 'email-kept', staff: 1 });
      const memberId = org.staff[0].memberId;
      const emailOf = async () => (await api.query(org.admin, 'membersWithPreferences')).find((member) => member.id === memberId)?.email;
      await api.mutate(org.admin, 'changeMemberEmail', { memberId, email: 'kept@example.com' });

      const head = await logHead();
      for (const caller of [org.admin, org.staff[0]]) {
        const omitted = await api.attempt(caller, 'changeMemberEmail', { memberId });
        expect([errorCode(omitted), omitted.errors?.[0].extensions?.details]).toEqual(['VALIDATION_FAILED', expect.objectContaining({ field: 'email', reason: 'REQUIRED' })]);
      }
      expect(await logHead()).toEqual(head);
      expect(await emailOf()).toBe('kept@example.com');

      await api.mutate(org.staff[0], 'changeMemberEmail', { memberId, email: null });
      expect(await emailOf()).toBeNull();
    });
  });
});
