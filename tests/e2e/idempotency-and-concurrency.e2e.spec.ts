/**
 * Retries and races over HTTP. A mutation sent again with the same clientMutationId appends once and
 * answers as the first time did; commands racing on one journey never both win.
 */
import { randomUUID } from 'node:crypto';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { addPerson, buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Input, type JourneyPayload, type Person, type StepwiseApi } from './support/stepwise-api';
import type { MutationName } from './support/graphql-documents';

const inAWeek = (): string => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

describe('idempotency and concurrency', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let ada: Person;
  let bo: Person;
  let journeyId: string;

  const journeyEvents = async (id = journeyId) =>
    (await stepwise.runtime.eventStore.readStream(org.organisationId, `journey-${id}`)).map((event) => ({ type: event.type, data: event.data }));
  const count = async (type: string, id = journeyId) => (await journeyEvents(id)).filter((event) => event.type === type).length;

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'retry', staff: 2 });
    [ada, bo] = org.staff;
    journeyId = await startJourney(api, org);
  }, 30_000);

  afterAll(() => stepwise?.close());

  describe('the same clientMutationId twice appends once', () => {
    const creating = (): [string, () => Person, MutationName, () => Input, string][] => [
      ['planStep', () => ada, 'planStep', () => ({ journeyId, title: 'Only once' }), 'StepPlanned'],
      ['recordReflection', () => ada, 'recordReflection', () => ({ journeyId, closer: 'UNSURE', comfort: 3, note: 'Once' }), 'ReflectionRecorded'],
      ['requestSupport', () => bo, 'requestSupport', () => ({ journeyId, need: 'Once is enough' }), 'SupportRequested'],
      ['makeCommitment', () => bo, 'makeCommitment', () => ({ journeyId, description: 'Once', dueOn: inAWeek() }), 'CommitmentMade'],
      ['startJourney', () => org.leader, 'startJourney', () => ({ teamId: org.teamId, title: 'Started once' }), 'JourneyStarted'],
    ];

    it.each(creating())('%s: replayed the second time, with the same createdId and version', async (_name, who, name, input, eventType) => {
      const clientMutationId = `retry-${name}-1`;
      const first = (await api.mutate(who(), name, { ...input(), clientMutationId })) as JourneyPayload;
      const second = (await api.mutate(who(), name, { ...input(), clientMutationId })) as JourneyPayload;
      expect(first.outcome.replayed).toBe(false);
      expect(second.outcome).toEqual({ ...first.outcome, replayed: true });
      expect(second.createdId).toBe(first.createdId);
      expect(second.journeyId).toBe(first.journeyId);
      expect(first.createdId).toEqual(expect.any(String));
      expect(second.journey?.version).toBe(first.outcome.version);
      // Nothing was appended after the first: the stream ends at the first's version.
      expect(await journeyEvents(first.journeyId)).toHaveLength(first.outcome.version);
      const creations = (await journeyEvents(first.journeyId)).filter((event) => event.type === eventType);
      expect(creations.filter((event) => Object.values(event.data).includes(first.createdId))).toHaveLength(1);
    });

    it('a retried takeStep is not STEP_ALREADY_TAKEN: it answers as the first time', async () => {
      const stepId = (await api.mutate(ada, 'planStep', { journeyId, title: 'Take me once' })).createdId!;
      const first = await api.mutate(ada, 'takeStep', { journeyId, stepId, clientMutationId: 'take-1' });
      const second = await api.mutate(ada, 'takeStep', { journeyId, stepId, clientMutationId: 'take-1' });
      expect(second.outcome).toEqual({ ...first.outcome, replayed: true });
      expect((await journeyEvents()).filter((event) => event.type === 'StepTaken' && event.data.stepId === stepId)).toHaveLength(1);
      // Without the id, a second take is a new command, and the rule holds.
      expect(errorCode(await api.attempt(ada, 'takeStep', { journeyId, stepId }))).toBe('STEP_ALREADY_TAKEN');
    });

    it('organisations, members and teams too', async () => {
      const founder = await stepwise.token('retry-founder', 'Founder');
      const firstOrg = await api.mutate({ token: founder }, 'createOrganisation', { name: 'Retry Ltd', clientMutationId: 'org-1' });
      const secondOrg = await api.mutate({ token: founder }, 'createOrganisation', { name: 'Retry Ltd', clientMutationId: 'org-1' });
      expect(secondOrg.outcome.replayed).toBe(true);
      expect(secondOrg.organisation?.id).toBe(firstOrg.organisation?.id);
      expect(await api.query({ token: founder }, 'myOrganisations')).toHaveLength(1);

      const admin = { token: founder, organisationId: firstOrg.organisation!.id };
      const added = await api.mutate(admin, 'addMember', { subject: 'retry-new', displayName: 'New Person', clientMutationId: 'member-1' });
      const again = await api.mutate(admin, 'addMember', { subject: 'retry-new', displayName: 'New Person', clientMutationId: 'member-1' });
      expect(again).toEqual({ ...added, outcome: { ...added.outcome, replayed: true } });
      const team = await api.mutate(admin, 'createTeam', { name: 'Once', clientMutationId: 'team-1' });
      const teamAgain = await api.mutate(admin, 'createTeam', { name: 'Once', clientMutationId: 'team-1' });
      expect(teamAgain.teamId).toBe(team.teamId);
      expect(teamAgain.outcome.replayed).toBe(true);
      expect(await api.query(admin, 'members')).toHaveLength(2);
      expect(await api.query(admin, 'teams')).toHaveLength(1);
    });

    it('an addTeamMember repeated after its member left the organisation answers as the first time (replayed), not MEMBER_NOT_FOUND', async () => {
      const leaver = await addPerson(api, org.admin, `retry-leaver-${randomUUID().slice(0, 8)}`, 'Leaver');
      const input = { teamId: org.teamId, memberId: leaver.memberId, role: 'STAFF', clientMutationId: `join-${leaver.memberId}` };
      const joined = await api.mutate(org.admin, 'addTeamMember', input);
      expect(joined.outcome.replayed).toBe(false);
      await api.mutate(org.admin, 'removeMember', { memberId: leaver.memberId });
      const again = await api.attempt(org.admin, 'addTeamMember', input);
      expect({ errors: again.errors, outcome: (again.data?.addTeamMember as { outcome?: unknown } | null)?.outcome }).toEqual({
        errors: undefined,
        outcome: expect.objectContaining({ replayed: true, version: joined.outcome.version }),
      });
      // And nothing was written: they stay off the team, the head count as before they joined.
      const before = joined.team?.memberCount;
      expect((await api.query(org.admin, 'team', { id: org.teamId })).memberCount).toBe((before ?? 0) - 1);
    });

    it('a replay shows its records as the sender may see them now: an admin made MEMBER since reads neither the team nor another member’s preferences', async () => {
      const deputy = await addPerson(api, org.admin, `retry-deputy-${randomUUID().slice(0, 8)}`, 'Deputy', 'ADMIN');
      const team = await api.mutate(deputy, 'createTeam', { name: 'Deputy’s', clientMutationId: 'deputy-team' });
      expect(team.team).toMatchObject({ name: 'Deputy’s' });
      const preferences = await api.mutate(deputy, 'updateNotificationPreferences', { memberId: ada.memberId, dailyCap: 5, clientMutationId: 'deputy-prefs' });
      expect(preferences.preferences).toMatchObject({ dailyCap: 5 });
      const { endpointId } = await api.mutate(org.admin, 'registerWebhookEndpoint', { url: 'https://hooks.example.com/deputy', subscriptions: ['PivotMade'] });
      const disabled = await api.mutate(deputy, 'disableWebhookEndpoint', { endpointId, clientMutationId: 'deputy-disable' });
      expect(disabled.endpoint).toMatchObject({ status: 'DISABLED' });
      await api.mutate(org.admin, 'changeMemberRole', { memberId: deputy.memberId, orgRole: 'MEMBER' });

      const teamAgain = await api.mutate(deputy, 'createTeam', { name: 'Deputy’s', clientMutationId: 'deputy-team' });
      expect([teamAgain.outcome.replayed, teamAgain.teamId, teamAgain.team]).toEqual([true, team.teamId, null]);
      const preferencesAgain = await api.mutate(deputy, 'updateNotificationPreferences', { memberId: ada.memberId, dailyCap: 5, clientMutationId: 'deputy-prefs' });
      expect([preferencesAgain.outcome.replayed, preferencesAgain.preferences]).toEqual([true, null]);
      const disabledAgain = await api.mutate(deputy, 'disableWebhookEndpoint', { endpointId, clientMutationId: 'deputy-disable' });
      expect([disabledAgain.outcome.replayed, disabledAgain.endpoint]).toEqual([true, null]);
      // Asked directly, the same: not found, and forbidden.
      expect(errorCode(await api.attemptQuery(deputy, 'team', { id: team.teamId }))).toBe('TEAM_NOT_FOUND');
    });

    it('ids are scoped to the organisation too: one person reusing a key in two organisations creates a record with an id of its own in each', async () => {
      const founder = await stepwise.token('retry-two-orgs', 'Founder');
      const orgIds: string[] = [];
      for (const name of ['First Ltd', 'Second Ltd']) orgIds.push((await api.mutate({ token: founder }, 'createOrganisation', { name })).organisation!.id);
      const [first, second] = orgIds.map((organisationId) => ({ token: founder, organisationId }));
      const teamInFirst = await api.mutate(first, 'createTeam', { name: 'Same key', clientMutationId: 'team-1' });
      const teamInSecond = await api.mutate(second, 'createTeam', { name: 'Same key', clientMutationId: 'team-1' });
      expect([teamInFirst.outcome.replayed, teamInSecond.outcome.replayed]).toEqual([false, false]);
      expect(teamInSecond.teamId).not.toBe(teamInFirst.teamId);
      const memberInFirst = await api.mutate(first, 'addMember', { subject: 'retry-two-orgs-hal', displayName: 'Hal', clientMutationId: 'member-1' });
      const memberInSecond = await api.mutate(second, 'addMember', { subject: 'retry-two-orgs-hal', displayName: 'Hal', clientMutationId: 'member-1' });
      expect(memberInSecond.memberId).not.toBe(memberInFirst.memberId);
      // Within each organisation the key still replays.
      const again = await api.mutate(second, 'createTeam', { name: 'Same key', clientMutationId: 'team-1' });
      expect([again.outcome.replayed, again.teamId]).toEqual([true, teamInSecond.teamId]);
    });

    it('ids are scoped to their sender: another person reusing one creates their own', async () => {
      const adas = await api.mutate(ada, 'planStep', { journeyId, title: 'Same client id', clientMutationId: 'shared-id' });
      const bos = await api.mutate(bo, 'planStep', { journeyId, title: 'Same client id', clientMutationId: 'shared-id' });
      expect(bos.outcome.replayed).toBe(false);
      expect(bos.createdId).not.toBe(adas.createdId);
      expect(bos.outcome.version).toBe(adas.outcome.version + 1);
    });

    it('the same id sent several times at once appends once, and exactly one answer says replayed: false', async () => {
      const before = await count('StepPlanned');
      const input = { journeyId, title: 'Double click', clientMutationId: 'double-click' };
      const payloads = await Promise.all(Array.from({ length: 5 }, () => api.mutate(ada, 'planStep', input)));
      expect(new Set(payloads.map((payload) => payload.createdId)).size).toBe(1);
      // All answer with the one write: same version and log position.
      for (const payload of payloads) {
        expect(payload.outcome).toMatchObject({ version: payloads[0].outcome.version, globalPosition: payloads[0].outcome.globalPosition });
      }
      expect(payloads.map((payload) => payload.outcome.replayed).sort()).toEqual([false, true, true, true, true]);
      expect(await count('StepPlanned')).toBe(before + 1);
    });
  });

  describe('a clientMutationId reused for something else is refused, and nothing is written', () => {
    const refused = async (who: Person, name: MutationName, input: Input): Promise<void> => {
      const response = await api.attempt(who, name, input);
      expect(errorCode(response)).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(response.errors?.[0]?.extensions?.details).toEqual({ field: 'clientMutationId' });
      expect(response.data?.[name] ?? null).toBeNull();
    };

    it('on another mutation, with other input, or on another journey; an identical retry still replays', async () => {
      const other = await startJourney(api, org, { title: 'Another journey' });
      const clientMutationId = 'reused-key';
      const first = await api.mutate(ada, 'planStep', { journeyId, title: 'The first use', clientMutationId });
      const before = { here: (await journeyEvents()).length, there: (await journeyEvents(other)).length };

      await refused(ada, 'recordReflection', { journeyId, closer: 'YES', comfort: 4, clientMutationId });
      await refused(ada, 'planStep', { journeyId, title: 'Another title', clientMutationId });
      await refused(ada, 'planStep', { journeyId, title: 'The first use', dueOn: inAWeek(), clientMutationId });
      await refused(ada, 'planStep', { journeyId: other, title: 'The first use', clientMutationId });
      await refused(ada, 'requestSupport', { journeyId: other, need: 'Same key', clientMutationId });

      expect({ here: (await journeyEvents()).length, there: (await journeyEvents(other)).length }).toEqual(before);
      const retry = await api.mutate(ada, 'planStep', { journeyId, title: 'The first use', clientMutationId });
      expect(retry).toMatchObject({ createdId: first.createdId, outcome: { ...first.outcome, replayed: true } });
    });

    it('answers a bad input sent with a used key as it would without one, VALIDATION_FAILED naming the field; a refusal the command decides comes after the key', async () => {
      const clientMutationId = 'reused-for-a-bad-input';
      await api.mutate(ada, 'planStep', { journeyId, title: 'Keyed first', clientMutationId });
      const before = (await journeyEvents()).length;
      for (const [input, field] of [
        [{ journeyId, title: '   ', clientMutationId }, 'title'],
        [{ journeyId, title: 'Keyed first', dueOn: '2001-01-01', clientMutationId }, 'dueOn'],
      ] as const) {
        const response = await api.attempt(ada, 'planStep', input);
        expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
      }
      const reflection = await api.attempt(ada, 'recordReflection', { journeyId, closer: 'YES', comfort: 6, clientMutationId });
      expect(reflection.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'comfort' } });
      // Staff planning someone else's step would be LEADER_REQUIRED: the key's refusal comes first.
      await refused(ada, 'planStep', { journeyId, title: 'For Bo', ownerId: bo.memberId, clientMutationId });
      expect((await journeyEvents()).length).toBe(before);
    });

    it('for teams and members too', async () => {
      const admin = org.admin;
      const membersBefore = (await api.query(admin, 'members')).length;
      const team = await api.mutate(admin, 'createTeam', { name: 'Keyed', clientMutationId: 'team-key' });
      await refused(admin, 'createTeam', { name: 'Keyed differently', clientMutationId: 'team-key' });
      await refused(admin, 'addMember', { subject: 'keyed-person', displayName: 'Keyed Person', clientMutationId: 'team-key' });
      expect((await api.query(admin, 'teams')).filter((view: { name: string }) => view.name.startsWith('Keyed'))).toHaveLength(1);
      expect(await api.query(admin, 'members')).toHaveLength(membersBefore);
      expect((await api.mutate(admin, 'createTeam', { name: 'Keyed', clientMutationId: 'team-key' })).teamId).toBe(team.teamId);
    });
  });

  describe('a journey write racing a change to its team', () => {
    /** Where an event sits in the log: (transaction, position), the order readers see. */
    const logOrder = (event: { txId: number; globalPosition: number }) => [event.txId, event.globalPosition] as const;
    const before = (a: readonly [number, number], b: readonly [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

    it('never commits after the team’s cancellation: each write acknowledged lands before it in the log, the rest are SUBSCRIPTION_INACTIVE', async () => {
      for (let round = 1; round <= 6; round += 1) {
        const { teamId } = await api.mutate(org.admin, 'createTeam', { name: `Cancelled mid-write ${round}` });
        await api.mutate(org.admin, 'subscribeTeam', { teamId, plan: 'STARTER', status: 'ACTIVE' });
        await api.mutate(org.admin, 'addTeamMember', { teamId, memberId: org.leader.memberId, role: 'LEADER' });
        const journey = await startJourney(api, { ...org, teamId });
        const responses = await Promise.all([
          api.attempt(org.admin, 'cancelSubscription', { teamId }),
          ...Array.from({ length: 6 }, (_, index) => api.attempt(org.leader, 'planStep', { journeyId: journey, title: `Step ${index}` })),
        ]);
        expect(errorCode(responses[0])).toBeUndefined();
        const refusals = responses.slice(1).map((response) => errorCode(response)).filter((code) => code !== undefined);
        expect(new Set(refusals)).toEqual(new Set(refusals.length > 0 ? ['SUBSCRIPTION_INACTIVE'] : []));
        const cancelled = (await stepwise.runtime.eventStore.readStream(org.organisationId, `team-${teamId}`)).find((event) => event.type === 'SubscriptionCancelled')!;
        const planned = (await stepwise.runtime.eventStore.readStream(org.organisationId, `journey-${journey}`)).filter((event) => event.type === 'StepPlanned');
        expect({ round, planned: planned.length }).toEqual({ round, planned: 6 - refusals.length });
        for (const step of planned) expect({ round, beforeCancellation: before(logOrder(step), logOrder(cancelled)) }).toEqual({ round, beforeCancellation: true });
      }
    });
  });

  describe('racing commands on one journey', () => {
    it('two takeStep of the same step: exactly one wins, the other is STEP_ALREADY_TAKEN', async () => {
      for (let round = 1; round <= 5; round += 1) {
        const stepId = (await api.mutate(ada, 'planStep', { journeyId, title: `Race ${round}` })).createdId!;
        // The owner and the leader (who may take anyone's step) press at the same moment.
        const responses = await Promise.all([
          api.attempt(ada, 'takeStep', { journeyId, stepId }),
          api.attempt(org.leader, 'takeStep', { journeyId, stepId }),
        ]);
        const codes = responses.map((response) => errorCode(response) ?? 'OK').sort();
        expect({ round, codes }).toEqual({ round, codes: ['OK', 'STEP_ALREADY_TAKEN'] });
        const taken = (await journeyEvents()).filter((event) => event.type === 'StepTaken' && event.data.stepId === stepId);
        expect(taken).toHaveLength(1);
      }
    });

    it('two setDirection on a fresh journey: one direction, the other DIRECTION_ALREADY_SET', async () => {
      const fresh = await startJourney(api, org, { title: 'Racing directions', direction: null });
      const responses = await Promise.all([
        api.attempt(org.leader, 'setDirection', { journeyId: fresh, direction: 'North' }),
        api.attempt(org.leader, 'setDirection', { journeyId: fresh, direction: 'South' }),
      ]);
      expect(responses.map((response) => errorCode(response) ?? 'OK').sort()).toEqual(['DIRECTION_ALREADY_SET', 'OK']);
      const winner = responses.find((response) => !response.errors)!.data!.setDirection as { journey: { direction: string } };
      expect(await count('DirectionSet', fresh)).toBe(1);
      expect((await api.query(org.leader, 'journey', { id: fresh })).direction).toBe(winner.journey.direction);
    });

    it('commands that do not conflict all succeed, each at its own version', async () => {
      const before = (await api.query(org.leader, 'journey', { id: journeyId })).version;
      const payloads = await Promise.all([
        api.mutate(ada, 'recordReflection', { journeyId, closer: 'YES', comfort: 4 }),
        api.mutate(bo, 'recordReflection', { journeyId, closer: 'NO', comfort: 2 }),
        api.mutate(org.leader, 'recordReflection', { journeyId, closer: 'UNSURE', comfort: 3 }),
      ]);
      expect(payloads.map(({ outcome }) => outcome.version).sort()).toEqual([before + 1, before + 2, before + 3]);
      expect((await api.query(org.leader, 'journey', { id: journeyId })).version).toBe(before + 3);
    });
  });
});
