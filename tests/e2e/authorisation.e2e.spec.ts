/**
 * Who may do what, over GraphQL: leaders lead, admins administer, people off a team cannot even see
 * its journeys, one person's comfort is theirs and their leaders' (peers see it only as aggregates over
 * enough people), requests must say who and where, a lapsed subscription makes a team read-only, and a
 * plan's seats hold. Every refusal is checked to have changed nothing.
 */
import { http, startStepwise, type Stepwise } from '../support/stepwise-harness';
import { addPerson, buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Input, type Person, type StepwiseApi } from './support/stepwise-api';
import type { MutationName } from './support/graphql-documents';

const inAWeek = (): string => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

describe('authorisation', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
  });

  afterAll(() => stepwise?.close());

  describe('inside one team', () => {
    let org: OrgFixture;
    let journeyId: string;
    let stepId: string;
    let reflectionId: string;
    let requestId: string;
    let commitmentId: string;

    beforeAll(async () => {
      org = await buildOrg(api, { label: 'auth' });
      journeyId = await startJourney(api, org);
      stepId = await takenStep(api, org.staff[0], journeyId, 'Try the new board');
      reflectionId = (await api.mutate(org.staff[0], 'recordReflection', { journeyId, closer: 'NO', comfort: 2, stepId })).createdId!;
      requestId = (await api.mutate(org.staff[0], 'requestSupport', { journeyId, need: 'Someone to talk it through with' })).createdId!;
      commitmentId = (await api.mutate(org.staff[0], 'makeCommitment', { journeyId, description: 'Update the board daily', dueOn: inAWeek() })).createdId!;
    });

    const leaderOnly = (): [MutationName, Input][] => [
      ['reviseVision', { journeyId, statement: 'A different future', reason: 'Staff think so' }],
      ['makePivot', { journeyId, toDirection: 'Go it alone', reason: 'Not closer', reflectionIds: [reflectionId] }],
      ['articulateVision', { journeyId, statement: 'Another vision' }],
      ['setDirection', { journeyId, direction: 'Another direction' }],
      ['offerSupport', { journeyId, requestId, message: 'I can help' }],
      ['missCommitment', { journeyId, commitmentId }],
      ['pauseJourney', { journeyId, reason: 'Tired' }],
      ['completeJourney', { journeyId }],
      ['abandonJourney', { journeyId, reason: 'Tired' }],
      ['startJourney', { teamId: org.teamId, title: 'My own journey' }],
    ];

    it('staff cannot do a leader’s part (LEADER_REQUIRED), and nothing is written', async () => {
      const before = await api.query(org.leader, 'journey', { id: journeyId });
      const codes: Record<string, string | undefined> = {};
      for (const [name, input] of leaderOnly()) codes[name] = errorCode(await api.attempt(org.staff[0], name, input));
      expect(codes).toEqual(Object.fromEntries(leaderOnly().map(([name]) => [name, 'LEADER_REQUIRED'])));
      const after = await api.query(org.leader, 'journey', { id: journeyId });
      expect(after.version).toBe(before.version);
      expect(after.vision?.statement).toBe(before.vision?.statement);
      expect(after.direction).toBe('Start with one pilot team');
      expect((await api.query(org.leader, 'teamJourneys', { teamId: org.teamId })).edges).toHaveLength(1);
    });

    it('staff cannot act on another member’s step or plan steps for others (LEADER_REQUIRED)', async () => {
      const planned = await api.mutate(org.staff[0], 'planStep', { journeyId, title: 'Mine to take' });
      expect(errorCode(await api.attempt(org.staff[1], 'takeStep', { journeyId, stepId: planned.createdId }))).toBe('LEADER_REQUIRED');
      expect(errorCode(await api.attempt(org.staff[1], 'planStep', { journeyId, title: 'Yours', ownerId: org.staff[0].memberId }))).toBe('LEADER_REQUIRED');
      const open = await api.query(org.staff[0], 'myOpenSteps');
      expect(open.edges.map(({ node }) => [node.id, node.status])).toEqual([[planned.createdId, 'PLANNED']]);
    });

    it('the leader can do what staff could not', async () => {
      const pivot = await api.mutate(org.leader, 'makePivot', { journeyId, toDirection: 'Two pilot teams', reason: 'Not closer', reflectionIds: [reflectionId] });
      expect(pivot.journey?.direction).toBe('Two pilot teams');
      const offered = await api.mutate(org.leader, 'offerSupport', { journeyId, requestId, message: 'Walk and talk on Friday?' });
      expect(offered.outcome.version).toBe(pivot.outcome.version + 1);
    });

    const adminOnly = (): [MutationName, Input][] => [
      ['createTeam', { name: 'Shadow team' }],
      ['subscribeTeam', { teamId: org.teamId, plan: 'GROWTH', status: 'ACTIVE' }],
      ['changeSubscription', { teamId: org.teamId, plan: 'GROWTH' }],
      ['cancelSubscription', { teamId: org.teamId, reason: 'Cost' }],
      ['addTeamMember', { teamId: org.teamId, memberId: org.bystander.memberId, role: 'STAFF' }],
      ['changeTeamRole', { teamId: org.teamId, memberId: org.staff[0].memberId, role: 'LEADER' }],
      ['removeTeamMember', { teamId: org.teamId, memberId: org.staff[1].memberId }],
      ['addMember', { subject: 'auth-intruder', displayName: 'Intruder' }],
      ['changeMemberRole', { memberId: org.staff[0].memberId, orgRole: 'ADMIN' }],
      ['removeMember', { memberId: org.staff[1].memberId }],
      ['updateMemberPreferences', { memberId: org.staff[1].memberId, timezone: 'Europe/Paris' }],
    ];

    it.each([
      ['a team LEADER', (o: OrgFixture) => o.leader],
      ['STAFF', (o: OrgFixture) => o.staff[0]],
      ['a member on no team', (o: OrgFixture) => o.bystander],
    ])('%s cannot manage teams, subscriptions or members (FORBIDDEN), and nothing changes', async (_who, pick) => {
      const caller = pick(org);
      const codes: Record<string, string | undefined> = {};
      for (const [name, input] of adminOnly()) codes[name] = errorCode(await api.attempt(caller, name, input));
      expect(codes).toEqual(Object.fromEntries(adminOnly().map(([name]) => [name, 'FORBIDDEN'])));
      const team = await api.query(org.admin, 'team', { id: org.teamId });
      expect(team).toMatchObject({ plan: 'STARTER', subscriptionStatus: 'ACTIVE', memberCount: 3 });
      expect((await api.query(org.admin, 'teams')).map(({ id }) => id)).toEqual([org.teamId]);
      const members = await api.query(org.admin, 'members');
      expect(members).toHaveLength(5);
      expect(members.filter(({ orgRole }) => orgRole === 'ADMIN').map(({ id }) => id)).toEqual([org.admin.memberId]);
    });

    it('a member sees and changes only their own preferences', async () => {
      const own = await api.mutate(org.staff[1], 'updateMemberPreferences', { memberId: org.staff[1].memberId, timezone: 'Europe/Paris' });
      expect(own.member).toMatchObject({ id: org.staff[1].memberId, timezone: 'Europe/Paris' });
      expect(await api.query(org.staff[1], 'me')).toMatchObject({ id: org.staff[1].memberId, orgRole: 'MEMBER' });
    });

    it('a member who is not on the team gets NOT_FOUND codes for its journeys and team', async () => {
      const outsider = org.bystander;
      const reads: [string, Promise<unknown>, string][] = [
        ['journey', api.attemptQuery(outsider, 'journey', { id: journeyId }), 'JOURNEY_NOT_FOUND'],
        ['journeyTimeline', api.attemptQuery(outsider, 'journeyTimeline', { journeyId }), 'JOURNEY_NOT_FOUND'],
        ['visionHistory', api.attemptQuery(outsider, 'visionHistory', { journeyId }), 'JOURNEY_NOT_FOUND'],
        ['teamJourneys', api.attemptQuery(outsider, 'teamJourneys', { teamId: org.teamId }), 'TEAM_NOT_FOUND'],
        ['team', api.attemptQuery(outsider, 'team', { id: org.teamId }), 'TEAM_NOT_FOUND'],
        ['journeyAnalytics', api.attemptQuery(outsider, 'journeyAnalytics', { journeyId }), 'JOURNEY_NOT_FOUND'],
        ['teamAnalytics', api.attemptQuery(outsider, 'teamAnalytics', { teamId: org.teamId }), 'TEAM_NOT_FOUND'],
      ];
      const writes: [MutationName, Input, string][] = [
        ['planStep', { journeyId, title: 'Gatecrash' }, 'JOURNEY_NOT_FOUND'],
        ['takeStep', { journeyId, stepId }, 'JOURNEY_NOT_FOUND'],
        ['recordReflection', { journeyId, closer: 'YES', comfort: 5, stepId }, 'JOURNEY_NOT_FOUND'],
        ['requestSupport', { journeyId, need: 'Let me in' }, 'JOURNEY_NOT_FOUND'],
        ['makeCommitment', { journeyId, description: 'Watch', dueOn: inAWeek() }, 'JOURNEY_NOT_FOUND'],
        ['keepCommitment', { journeyId, commitmentId }, 'JOURNEY_NOT_FOUND'],
        ['startJourney', { teamId: org.teamId, title: 'Outside in' }, 'TEAM_NOT_FOUND'],
      ];
      const before = await api.query(org.leader, 'journey', { id: journeyId });
      // Each names the id asked for, from queries and mutations alike.
      const refusal = (response: Awaited<ReturnType<StepwiseApi['send']>>) => ({ code: errorCode(response), details: response.errors?.[0]?.extensions?.details });
      // The input that named it: `id` for journey(id:) and team(id:), else teamId or journeyId.
      const expected = (code: string, name: string) => {
        const field = name === 'journey' || name === 'team' ? 'id' : code === 'TEAM_NOT_FOUND' ? 'teamId' : 'journeyId';
        return { code, details: code === 'TEAM_NOT_FOUND' ? { field, teamId: org.teamId } : { field, journeyId } };
      };
      const got: Record<string, unknown> = {};
      const want: Record<string, unknown> = {};
      for (const [name, response, code] of reads) {
        got[name] = refusal((await response) as Awaited<ReturnType<StepwiseApi['send']>>);
        want[name] = expected(code, name);
      }
      for (const [name, input, code] of writes) {
        got[name] = refusal(await api.attempt(outsider, name, input));
        want[name] = expected(code, name);
      }
      expect(got).toEqual(want);
      // Reads name the id asked for as writes do, and nothing more than was sent.
      const hidden = await api.attemptQuery(outsider, 'journey', { id: journeyId });
      const unknown = await api.attemptQuery(outsider, 'journey', { id: 'no-such-journey' });
      expect([hidden, unknown].map((response) => response.errors?.[0]?.extensions?.details)).toEqual([
        { field: 'id', journeyId },
        { field: 'id', journeyId: 'no-such-journey' },
      ]);
      expect((await api.query(org.leader, 'journey', { id: journeyId })).version).toBe(before.version);
      expect(await api.query(outsider, 'teams')).toEqual([]);
    });

    it('an org ADMIN off the team may read its journeys but not take part (NOT_A_PARTICIPANT)', async () => {
      expect((await api.query(org.admin, 'journey', { id: journeyId })).id).toBe(journeyId);
      expect(errorCode(await api.attempt(org.admin, 'planStep', { journeyId, title: 'Admin meddling' }))).toBe('NOT_A_PARTICIPANT');
    });
  });

  describe('a member who leaves a team', () => {
    it('no longer lists its steps and commitments, as the journey and node(id:) no longer show them; back on the team, they do again', async () => {
      const org = await buildOrg(api, { label: 'leaver', staff: 1 });
      const ada = org.staff[0];
      const journeyId = await startJourney(api, org);
      // A step a leader planned for Ada, one she took, and a commitment of hers.
      const openStepId = (await api.mutate(org.leader, 'planStep', { journeyId, title: 'Draft the reorg memo', ownerId: ada.memberId })).createdId!;
      const takenStepId = await takenStep(api, ada, journeyId, 'Pilot the board');
      const commitmentId = (await api.mutate(ada, 'makeCommitment', { journeyId, description: 'Brief the pilot team', dueOn: inAWeek() })).createdId!;
      const listed = async () => ({
        open: (await api.query(ada, 'myOpenSteps', { first: 10 })).edges.map(({ node }) => node.id),
        awaiting: (await api.query(ada, 'stepsAwaitingMyReflection', { first: 10 })).edges.map(({ node }) => node.id),
        commitments: (await api.query(ada, 'myCommitments', { first: 10 })).edges.map(({ node }) => node.id),
      });
      const nodes = async () => {
        const response = await api.send(ada, `query($a: ID!, $b: ID!, $c: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } c: node(id: $c) { id } }`, {
          a: openStepId,
          b: takenStepId,
          c: commitmentId,
        });
        return Object.values(response.data ?? {}).filter((node) => node !== null).length;
      };
      const onTheTeam = { open: [openStepId], awaiting: [takenStepId], commitments: [commitmentId] };
      expect(await listed()).toEqual(onTheTeam);
      expect(await nodes()).toBe(3);

      await api.mutate(org.admin, 'removeTeamMember', { teamId: org.teamId, memberId: ada.memberId });
      expect(errorCode(await api.attemptQuery(ada, 'journey', { id: journeyId }))).toBe('JOURNEY_NOT_FOUND');
      expect(await nodes()).toBe(0);
      expect(await listed()).toEqual({ open: [], awaiting: [], commitments: [] });

      await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: ada.memberId, role: 'STAFF' });
      expect(await listed()).toEqual(onTheTeam);
      expect(await nodes()).toBe(3);
    });
  });

  describe('comfort is personal: peers see it only as aggregates', () => {
    let org: OrgFixture;
    let journeyId: string;
    type Viewer = 'leader' | 'author' | 'peer' | 'admin off the team';
    const who = (viewer: Viewer): Person =>
      viewer === 'leader' ? org.leader : viewer === 'author' ? org.staff[0] : viewer === 'peer' ? org.staff[1] : org.admin;

    beforeAll(async () => {
      org = await buildOrg(api, { label: 'comfort', staff: 3 });
      journeyId = await startJourney(api, org);
      const stepId = await takenStep(api, org.staff[0], journeyId, 'Say it in the stand-up');
      await api.mutate(org.staff[0], 'recordReflection', { journeyId, closer: 'NO', comfort: 2, note: 'Felt exposed', stepId });
    });

    // What each viewer sees of one person's reflection: in lastReflection and in the timeline sentence.
    const individual: [Viewer, { comfort: number | null; comfortHiddenBecause: string | null; note: string | null; sentenceEnds: string }][] = [
      ['leader', { comfort: 2, comfortHiddenBecause: null, note: 'Felt exposed', sentenceEnds: 'closer? NO, comfort 2/5' }],
      ['author', { comfort: 2, comfortHiddenBecause: null, note: 'Felt exposed', sentenceEnds: 'closer? NO, comfort 2/5' }],
      ['peer', { comfort: null, comfortHiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE', note: null, sentenceEnds: 'closer? NO' }],
      ['admin off the team', { comfort: null, comfortHiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE', note: null, sentenceEnds: 'closer? NO' }],
    ];

    it.each(individual)('%s: one person’s comfort and note', async (viewer, sees) => {
      const journey = await api.query(who(viewer), 'journey', { id: journeyId });
      expect(journey.lastReflection).toMatchObject({ comfort: sees.comfort, comfortHiddenBecause: sees.comfortHiddenBecause, note: sees.note });
      const lines = (await api.query(who(viewer), 'journeyTimeline', { journeyId, first: 100 })).edges.map(({ node }) => node);
      const reflected = lines.filter(({ eventType }) => eventType === 'ReflectionRecorded');
      expect(reflected).toHaveLength(1);
      expect(reflected[0].summary.endsWith(sees.sentenceEnds)).toBe(true);
      expect(reflected[0]).toMatchObject({ comfortHiddenBecause: sees.comfortHiddenBecause, note: sees.note });
      expect(lines.filter(({ eventType }) => eventType !== 'ReflectionRecorded').every(({ comfortHiddenBecause }) => comfortHiddenBecause === null)).toBe(true);
    });

    it('a mean comfort is hidden from everyone until the minimum group size (3 by default) of distinct people answered, then shown to everyone but an admin off the team (who reads comfort in the analytics)', async () => {
      const aggregates = async () => {
        const seen: Record<string, unknown> = {};
        for (const [viewer] of individual) seen[viewer] = (await api.query(who(viewer), 'journeyInFull', { id: journeyId })).comfort;
        return seen;
      };
      // An admin off the team reads comfort in the analytics, summed by finished week; the mean, cut by
      // groups, beside them would tell one person's comfort (analytics-journey-comfort-differencing.e2e).
      const readInAnalytics = { meanComfort: null, meanOverReflections: 0, hiddenBecause: 'READ_IN_ANALYTICS' };
      const toEveryone = (figures: Record<string, unknown>) =>
        Object.fromEntries(individual.map(([viewer]) => [viewer, viewer === 'admin off the team' ? { ...figures, ...readInAnalytics } : figures]));
      const one = { reflections: 1, people: 1, meanComfort: null, meanOverReflections: 0, minimumGroupSize: 3, hiddenBecause: 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' };
      expect(await aggregates()).toEqual(toEveryone(one));

      // The same person again is still one person: two answers from one person are no group.
      await api.mutate(org.staff[0], 'recordReflection', { journeyId, closer: 'YES', comfort: 3 });
      await api.mutate(org.staff[1], 'recordReflection', { journeyId, closer: 'YES', comfort: 4 });
      const two = { reflections: 3, people: 2, meanComfort: null, meanOverReflections: 0, minimumGroupSize: 3, hiddenBecause: 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' };
      expect(await aggregates()).toEqual(toEveryone(two));

      await api.mutate(org.staff[2], 'recordReflection', { journeyId, closer: 'NO', comfort: 3 });
      const three = { reflections: 4, people: 3, meanComfort: 3, meanOverReflections: 4, minimumGroupSize: 3, hiddenBecause: null };
      expect(await aggregates()).toEqual(toEveryone(three));

      // The organisation's own minimum group size holds, once an admin sets it.
      await api.mutate(org.admin, 'updateOrganisationSettings', { minimumGroupSize: 4 });
      const belowFour = { ...three, meanComfort: null, meanOverReflections: 0, minimumGroupSize: 4, hiddenBecause: 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' };
      expect(await aggregates()).toEqual(toEveryone(belowFour));
    });
  });

  describe('who is calling, and where', () => {
    let org: OrgFixture;

    beforeAll(async () => {
      org = await buildOrg(api, { label: 'edge', staff: 1 });
    });

    it('no token: UNAUTHENTICATED, for queries and mutations alike', async () => {
      expect(errorCode(await api.attemptQuery({ organisationId: org.organisationId }, 'myTeams'))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.attemptQuery({}, 'myOrganisations'))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.attempt({}, 'createOrganisation', { name: 'Anonymous Ltd' }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.attempt({ organisationId: org.organisationId }, 'createTeam', { name: 'Ghost team' }))).toBe('UNAUTHENTICATED');
    });

    // Node keeps the first of several and drops the rest; a proxy in front reading the last would disagree on who calls.
    it('two Authorization headers: UNAUTHENTICATED, whichever token comes first', async () => {
      for (const first of [org.admin, org.staff[0]]) {
        const other = first === org.admin ? org.staff[0] : org.admin;
        const response = await http(`${stepwise.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: [`Bearer ${first.token}`, `Bearer ${other.token}`], 'x-organisation-id': org.organisationId },
          body: JSON.stringify({ query: '{ me { id } }' }),
        });
        expect(response.json()).toMatchObject({ data: null, errors: [{ message: 'Authentication failed: send one Authorization header, not several', extensions: { code: 'UNAUTHENTICATED' } }] });
      }
    });

    it('a malformed or forged token: UNAUTHENTICATED', async () => {
      const [header, payload] = org.admin.token.split('.');
      const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
      expect(errorCode(await api.attemptQuery({ token: forged, organisationId: org.organisationId }, 'myTeams'))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.attemptQuery({ token: 'garbage', organisationId: org.organisationId }, 'myTeams'))).toBe('UNAUTHENTICATED');
      expect((await api.query(org.admin, 'teams')).map(({ id }) => id)).toEqual([org.teamId]);
    });

    it('no organisation header: VALIDATION_FAILED; an unknown one: ORGANISATION_NOT_FOUND', async () => {
      const noHeader = await api.attemptQuery({ token: org.admin.token }, 'myTeams');
      expect(errorCode(noHeader)).toBe('VALIDATION_FAILED');
      expect(noHeader.errors?.[0].extensions?.details).toEqual({ header: 'x-organisation-id' });
      expect(errorCode(await api.attempt({ token: org.admin.token }, 'createTeam', { name: 'Headless' }))).toBe('VALIDATION_FAILED');
      expect(errorCode(await api.attemptQuery({ token: org.admin.token, organisationId: 'not-a-uuid' }, 'myTeams'))).toBe('ORGANISATION_NOT_FOUND');
      expect(errorCode(await api.attemptQuery({ token: org.admin.token, organisationId: '00000000-0000-4000-8000-000000000000' }, 'myTeams'))).toBe(
        'ORGANISATION_NOT_FOUND',
      );
      expect((await api.query(org.admin, 'teams')).map(({ id }) => id)).toEqual([org.teamId]);
    });

    it('a later field of one mutation document sees the caller as an earlier one left them: demoted, no admin-only send; removed, nothing written', async () => {
      const deputy = await addPerson(api, org.admin, `edge-deputy-${Date.now()}`, 'Deputy', 'ADMIN');
      const demoted = await api.send(
        deputy,
        `mutation($me: ID!, $team: ID!) {
          a: changeMemberRole(input: {memberId: $me, orgRole: MEMBER}) { member { orgRole } }
          b: sendTestMessage(input: {channel: TEAMS, teamId: $team}) { kind }
        }`,
        { me: deputy.memberId, team: org.teamId },
      );
      expect(demoted.data).toEqual({ a: { member: { orgRole: 'MEMBER' } }, b: null });
      expect(demoted.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['b'], 'FORBIDDEN']]);

      const leaver = await addPerson(api, org.admin, `edge-leaver-${Date.now()}`, 'Leaver', 'ADMIN');
      const removed = await api.send(
        leaver,
        `mutation($me: ID!) {
          a: removeMember(input: {memberId: $me}) { outcome { replayed } }
          b: dismissNudge(input: {nudgeId: "no-such-nudge"}) { outcome { replayed } }
        }`,
        { me: leaver.memberId },
      );
      expect(removed.data).toEqual({ a: { outcome: { replayed: false } }, b: null });
      expect(removed.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['b'], 'ORGANISATION_NOT_FOUND']]);
    });

    it('operations that need only an identity work without the header', async () => {
      const mine = await api.query({ token: org.staff[0].token }, 'myOrganisations');
      expect(mine).toEqual([expect.objectContaining({ id: org.organisationId, myMemberId: org.staff[0].memberId, myRole: 'MEMBER' })]);
    });
  });

  describe('a lapsed subscription makes the team read-only', () => {
    it.each([
      ['cancelled', (api: StepwiseApi, o: OrgFixture) => api.mutate(o.admin, 'cancelSubscription', { teamId: o.teamId, reason: 'Budget cut' }), 'CANCELLED'],
      ['past due', (api: StepwiseApi, o: OrgFixture) => api.mutate(o.admin, 'changeSubscription', { teamId: o.teamId, status: 'PAST_DUE' }), 'PAST_DUE'],
    ] as const)('%s: every write is SUBSCRIPTION_INACTIVE, reads still work', async (_how, lapse, status) => {
      const org = await buildOrg(api, { label: 'lapsed', staff: 1 });
      const journeyId = await startJourney(api, org);
      const stepId = await takenStep(api, org.staff[0], journeyId, 'Before the lapse');
      const planned = (await api.mutate(org.staff[0], 'planStep', { journeyId, title: 'Planned before the lapse' })).createdId!;
      const lapsed = await lapse(api, org);
      expect(lapsed.team?.subscriptionStatus).toBe(status);
      const before = await api.query(org.leader, 'journey', { id: journeyId });

      const writes: [keyof OrgFixture, MutationName, Input][] = [
        ['staff', 'takeStep', { journeyId, stepId: planned }],
        ['staff', 'planStep', { journeyId, title: 'After the lapse' }],
        ['staff', 'recordReflection', { journeyId, closer: 'YES', comfort: 3, stepId }],
        ['staff', 'requestSupport', { journeyId, need: 'Budget' }],
        ['leader', 'reviseVision', { journeyId, statement: 'Cheaper', reason: 'Budget' }],
        ['leader', 'pauseJourney', { journeyId, reason: 'Budget' }],
        ['leader', 'startJourney', { teamId: org.teamId, title: 'Another' }],
        ['admin', 'addTeamMember', { teamId: org.teamId, memberId: org.bystander.memberId, role: 'STAFF' }],
        ['admin', 'changeTeamRole', { teamId: org.teamId, memberId: org.staff[0].memberId, role: 'LEADER' }],
      ];
      const codes: Record<string, string | undefined> = {};
      for (const [who, name, input] of writes) {
        const person = who === 'staff' ? org.staff[0] : who === 'leader' ? org.leader : org.admin;
        codes[name] = errorCode(await api.attempt(person, name, input));
      }
      expect(codes).toEqual(Object.fromEntries(writes.map(([, name]) => [name, 'SUBSCRIPTION_INACTIVE'])));

      const after = await api.query(org.leader, 'journey', { id: journeyId });
      expect(after).toEqual(before);
      expect((await api.query(org.staff[0], 'myOpenSteps')).edges.map(({ node }) => node.id)).toEqual([planned]);
      expect((await api.query(org.leader, 'teamJourneys', { teamId: org.teamId })).edges).toHaveLength(1);
      expect((await api.query(org.leader, 'journeyTimeline', { journeyId, first: 100 })).edges).toHaveLength(after.version);
      expect(await api.query(org.staff[0], 'myTeams')).toEqual([expect.objectContaining({ id: org.teamId, subscriptionStatus: status, memberCount: 2 })]);
    });

    it('once the subscription is active again, the team takes writes again', async () => {
      const org = await buildOrg(api, { label: 'recovered', staff: 1 });
      const journeyId = await startJourney(api, org);
      await api.mutate(org.admin, 'changeSubscription', { teamId: org.teamId, status: 'PAST_DUE' });
      expect(errorCode(await api.attempt(org.staff[0], 'planStep', { journeyId, title: 'Blocked' }))).toBe('SUBSCRIPTION_INACTIVE');
      await api.mutate(org.admin, 'changeSubscription', { teamId: org.teamId, status: 'ACTIVE' });
      const planned = await api.mutate(org.staff[0], 'planStep', { journeyId, title: 'Allowed again' });
      expect(planned.journey?.lastStep).toMatchObject({ id: planned.createdId, status: 'PLANNED' });
    });
  });

  describe('seat limits', () => {
    it('a STARTER team holds 10 members; the 11th is SEAT_LIMIT_REACHED until the plan grows', async () => {
      const org = await buildOrg(api, { label: 'seats', staff: 2 });
      for (let seat = 4; seat <= 10; seat += 1) {
        const person = await addPerson(api, org.admin, `seats-${org.organisationId}-${seat}`, `Seat ${seat}`);
        await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: person.memberId, role: 'STAFF' });
      }
      expect(await api.query(org.admin, 'team', { id: org.teamId })).toMatchObject({ memberCount: 10, plan: 'STARTER' });

      const refused = await api.attempt(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: org.bystander.memberId, role: 'STAFF' });
      expect(errorCode(refused)).toBe('SEAT_LIMIT_REACHED');
      expect(refused.errors?.[0].extensions?.details).toEqual({ plan: 'STARTER', seatLimit: 10, seatsNeeded: 11 });
      expect(await api.query(org.admin, 'team', { id: org.teamId })).toMatchObject({ memberCount: 10 });
      expect(await api.query(org.bystander, 'myTeams')).toEqual([]);

      await api.mutate(org.admin, 'changeSubscription', { teamId: org.teamId, plan: 'GROWTH' });
      const added = await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: org.bystander.memberId, role: 'STAFF' });
      expect(added.team).toMatchObject({ memberCount: 11, seatLimit: 50, plan: 'GROWTH' });
    });

    it('someone who leaves the organisation leaves its teams too, and frees their seat', async () => {
      const org = await buildOrg(api, { label: 'leaver', staff: 2 });
      for (let seat = 4; seat <= 10; seat += 1) {
        const person = await addPerson(api, org.admin, `leaver-${org.organisationId}-${seat}`, `Seat ${seat}`);
        await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: person.memberId, role: 'STAFF' });
      }
      const leaver = org.staff[0];
      await api.mutate(org.admin, 'removeMember', { memberId: leaver.memberId });
      expect(await api.query(org.admin, 'team', { id: org.teamId })).toMatchObject({ memberCount: 9 });
      const added = await api.attempt(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: org.bystander.memberId, role: 'STAFF' });
      expect(added.errors).toBeUndefined();
      expect(await api.query(org.admin, 'team', { id: org.teamId })).toMatchObject({ memberCount: 10 });
      // And they can no longer act in it.
      expect(errorCode(await api.attemptQuery(leaver, 'myTeams'))).toBe('ORGANISATION_NOT_FOUND');
    });
  });

  describe('the last LEADER of a team', () => {
    it('is neither removed nor made STAFF by an admin until another LEADER is appointed: LAST_TEAM_LEADER, nothing changed', async () => {
      const org = await buildOrg(api, { label: 'lastleader', staff: 1 });
      const journeyId = await startJourney(api, org);
      const roster = () => api.query(org.leader, 'myTeams');
      const before = await roster();
      expect(before).toEqual([expect.objectContaining({ myRole: 'LEADER', memberCount: 2 })]);

      const removed = await api.attempt(org.admin, 'removeTeamMember', { teamId: org.teamId, memberId: org.leader.memberId });
      expect(errorCode(removed)).toBe('LAST_TEAM_LEADER');
      expect(removed.errors?.[0].extensions?.details).toEqual({ teamId: org.teamId, memberId: org.leader.memberId });
      expect(errorCode(await api.attempt(org.admin, 'changeTeamRole', { teamId: org.teamId, memberId: org.leader.memberId, role: 'STAFF' }))).toBe('LAST_TEAM_LEADER');
      expect(await roster()).toEqual(before);
      // The leader still leads the journey.
      await api.mutate(org.leader, 'makePivot', { journeyId, toDirection: 'Start with the leads', reason: 'The pilot team is too busy' });

      await api.mutate(org.admin, 'changeTeamRole', { teamId: org.teamId, memberId: org.staff[0].memberId, role: 'LEADER' });
      await api.mutate(org.admin, 'changeTeamRole', { teamId: org.teamId, memberId: org.leader.memberId, role: 'STAFF' });
      expect(await api.query(org.leader, 'myTeams')).toEqual([expect.objectContaining({ id: org.teamId, myRole: 'STAFF' })]);
    });

    it('who leaves the organisation leaves the team too: a person who left is kept nowhere, and an admin appoints the next', async () => {
      const org = await buildOrg(api, { label: 'leaderleaves', staff: 1 });
      await api.mutate(org.admin, 'removeMember', { memberId: org.leader.memberId });
      expect(await api.query(org.admin, 'team', { id: org.teamId })).toMatchObject({ memberCount: 1 });
      await api.mutate(org.admin, 'changeTeamRole', { teamId: org.teamId, memberId: org.staff[0].memberId, role: 'LEADER' });
      expect((await api.mutate(org.staff[0], 'startJourney', { teamId: org.teamId, title: 'Carry on' })).journeyId).toEqual(expect.any(String));
    });
  });
});
