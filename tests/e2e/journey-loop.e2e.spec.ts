/**
 * A whole change journey driven over GraphQL the way a team lives it: the admin sets up the team, the
 * leader sets a vision and direction, staff take small steps and answer "are we closer?" apart from
 * "how comfortable am I?", the leader revises, pivots on the "not closer" answers, supports and holds
 * to account, then pauses, resumes and completes. Then: what staff see, and what the leader sees.
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Connection, type JourneyPayload, type Person, type StepNode, type StepwiseApi, type TimelineNode } from './support/stepwise-api';

const daysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const VISION_1 = 'Every team plans its week together on Monday';
const VISION_2 = 'Every team plans its week together, in the open, on Monday';
const DIRECTION_1 = 'Start with one pilot team';
const DIRECTION_2 = 'Start with the leads, then their teams';
const NOTE_1 = 'Felt exposed sharing half-done plans';
const NOTE_2 = 'Old habits win on busy weeks';
const NOTE_3 = 'Momentum at last';

describe('a journey over GraphQL, as its leader and its staff', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let leader: Person;
  let ada: Person;
  let bo: Person;
  const due = daysFromNow(7);
  const laterDue = daysFromNow(14);
  const ids: Record<string, string> = {};
  /** What people saw while the journey went on (asserted in the tests below). */
  const seen: Record<string, unknown> = {};
  const payloads: Record<string, JourneyPayload> = {};

  const stepIds = (steps: { edges: { node: StepNode }[] }) => steps.edges.map(({ node }) => node.id);

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'acme', staff: 2 });
    ({ leader } = org);
    [ada, bo] = org.staff;
    const journeyId = (ids.journey = (await api.mutate(leader, 'startJourney', { teamId: org.teamId, title: 'Weekly planning' })).journeyId);
    const j = { journeyId };

    payloads.articulated = await api.mutate(leader, 'articulateVision', {
      ...j,
      statement: VISION_1,
      expectations: ['Plans are shared by 10am'],
      successSignals: ['Nobody asks "what are we doing this week?"'],
    });
    payloads.directed = await api.mutate(leader, 'setDirection', { ...j, direction: DIRECTION_1 });

    ids.step1 = (await api.mutate(ada, 'planStep', { ...j, title: 'Share my plan in the channel', dueOn: due })).createdId!;
    ids.step2 = (await api.mutate(bo, 'planStep', { ...j, title: 'Pair on Monday' })).createdId!;
    seen.adaOpenAfterPlanning = await api.query(ada, 'myOpenSteps');
    seen.boOpenAfterPlanning = await api.query(bo, 'myOpenSteps');
    seen.adaAwaitingBeforeTaking = await api.query(ada, 'stepsAwaitingMyReflection');

    payloads.taken = await api.mutate(ada, 'takeStep', { ...j, stepId: ids.step1 });
    seen.adaOpenAfterTaking = await api.query(ada, 'myOpenSteps');
    seen.adaAwaitingAfterTaking = await api.query(ada, 'stepsAwaitingMyReflection');
    payloads.reflected = await api.mutate(ada, 'recordReflection', { ...j, closer: 'NO', comfort: 2, note: NOTE_1, stepId: ids.step1 });
    ids.reflection1 = payloads.reflected.createdId!;
    seen.adaAwaitingAfterReflecting = await api.query(ada, 'stepsAwaitingMyReflection');

    await api.mutate(bo, 'takeStep', { ...j, stepId: ids.step2 });
    ids.reflection2 = (await api.mutate(bo, 'recordReflection', { ...j, closer: 'NO', comfort: 4, note: NOTE_2, stepId: ids.step2 })).createdId!;

    ids.request = (await api.mutate(ada, 'requestSupport', { ...j, need: 'A 1:1 on how to phrase a half-done plan' })).createdId!;
    await api.mutate(leader, 'offerSupport', { ...j, requestId: ids.request, message: 'Thursday 2pm, my office' });
    payloads.revised = await api.mutate(leader, 'reviseVision', {
      ...j,
      statement: VISION_2,
      expectations: ['Plans are shared by 10am', 'Anyone may comment'],
      successSignals: ['Nobody asks "what are we doing this week?"'],
      reason: 'Plans hidden in drafts did not help',
    });
    payloads.pivoted = await api.mutate(leader, 'makePivot', {
      ...j,
      toDirection: DIRECTION_2,
      reason: 'Two "not closer" answers in a row',
      reflectionIds: [ids.reflection1, ids.reflection2],
    });

    ids.commitment1 = (await api.mutate(ada, 'makeCommitment', { ...j, description: 'Post my plan by 10am', dueOn: due })).createdId!;
    ids.commitment2 = (await api.mutate(leader, 'makeCommitment', { ...j, description: 'Pair with a newcomer', dueOn: due, memberId: bo.memberId }))
      .createdId!;
    ids.commitment3 = (await api.mutate(ada, 'makeCommitment', { ...j, description: 'Write a retro note', dueOn: laterDue })).createdId!;
    await api.mutate(ada, 'keepCommitment', { ...j, commitmentId: ids.commitment1 });
    await api.mutate(leader, 'missCommitment', { ...j, commitmentId: ids.commitment2 });

    ids.step4 = (await api.mutate(ada, 'planStep', { ...j, title: 'Draft a template' })).createdId!;
    await api.mutate(ada, 'dropStep', { ...j, stepId: ids.step4, reason: 'Not needed after the pivot' });
    ids.step3 = (await api.mutate(bo, 'planStep', { ...j, title: 'Plan with the pilot team' })).createdId!;
    await api.mutate(bo, 'takeStep', { ...j, stepId: ids.step3 });
    ids.reflection3 = (await api.mutate(bo, 'recordReflection', { ...j, closer: 'YES', comfort: 4, note: NOTE_3, stepId: ids.step3 })).createdId!;

    payloads.paused = await api.mutate(leader, 'pauseJourney', { ...j, reason: 'School holidays' });
    seen.planWhilePaused = errorCode(await api.attempt(ada, 'planStep', { ...j, title: 'Sneak one in' }));
    payloads.resumed = await api.mutate(leader, 'resumeJourney', j);
    payloads.completed = await api.mutate(leader, 'completeJourney', { ...j, summary: 'Every team plans on Monday now' });
    seen.planWhenCompleted = errorCode(await api.attempt(ada, 'planStep', { ...j, title: 'One more' }));

    // A second, later journey of the same team, abandoned: teamJourneys lists it first.
    ids.journey2 = (await api.mutate(leader, 'startJourney', { teamId: org.teamId, title: 'Quarterly OKRs' })).journeyId;
    await api.mutate(leader, 'articulateVision', { journeyId: ids.journey2, statement: 'Goals everyone can recite' });
    await api.mutate(leader, 'abandonJourney', { journeyId: ids.journey2, reason: 'Weekly planning is enough for now' });
  }, 60_000);

  afterAll(() => stepwise?.close());

  describe('each mutation answers with the journey as it now stands', () => {
    it('shows the vision, direction, pivot and status each wrote', () => {
      expect(payloads.articulated.journey).toMatchObject({ status: 'ACTIVE', vision: { version: 1, statement: VISION_1, reason: null, by: leader.memberId } });
      expect(payloads.directed.journey?.direction).toBe(DIRECTION_1);
      expect(payloads.revised.journey?.vision).toMatchObject({ version: 2, statement: VISION_2, reason: 'Plans hidden in drafts did not help' });
      expect(payloads.revised.journey?.direction).toBe(DIRECTION_1);
      expect(payloads.pivoted.journey?.direction).toBe(DIRECTION_2);
      expect(payloads.pivoted.journey?.vision?.version).toBe(2);
      expect(payloads.paused.journey?.status).toBe('PAUSED');
      expect(payloads.resumed.journey?.status).toBe('ACTIVE');
      expect(payloads.completed.journey?.status).toBe('COMPLETED');
      expect(payloads.completed.outcome.version).toBe(26);
      expect(payloads.completed.journey?.version).toBe(26);
    });

    it('shows a taken step and a reflection as the last ones, with the reflection apart from comfort', () => {
      expect(payloads.taken.journey?.lastStep).toMatchObject({ id: ids.step1, status: 'TAKEN', ownerId: ada.memberId });
      expect(payloads.reflected.journey?.lastReflection).toEqual({
        id: ids.reflection1,
        memberId: ada.memberId,
        closer: 'NO',
        comfort: 2,
        comfortHiddenBecause: null,
        note: NOTE_1,
        stepId: ids.step1,
      });
    });

    it('links the pivot to the "not closer" reflections that prompted it', async () => {
      const stream = await stepwise.runtime.eventStore.readStream(org.organisationId, `journey-${ids.journey}`);
      const pivot = stream.find((event) => event.type === 'PivotMade');
      expect(pivot?.data).toMatchObject({ fromDirection: DIRECTION_1, toDirection: DIRECTION_2, reflectionIds: [ids.reflection1, ids.reflection2] });
    });

    it('refuses new steps while paused and once completed', () => {
      expect(seen.planWhilePaused).toBe('JOURNEY_PAUSED');
      expect(seen.planWhenCompleted).toBe('JOURNEY_CLOSED');
    });
  });

  describe('what staff see', () => {
    it('myTeams: the team, their role and its people', async () => {
      const teams = await api.query(ada, 'myTeams');
      expect(teams).toHaveLength(1);
      expect(teams[0]).toMatchObject({ id: org.teamId, myRole: 'STAFF', plan: 'STARTER', subscriptionStatus: 'ACTIVE', seatLimit: 10, memberCount: 3 });
      expect(teams[0].members!.map(({ memberId, role }) => [memberId, role]).sort()).toEqual(
        [
          [leader.memberId, 'LEADER'],
          [ada.memberId, 'STAFF'],
          [bo.memberId, 'STAFF'],
        ].sort(),
      );
      expect(await api.query(org.bystander, 'myTeams')).toEqual([]);
    });

    it('myOpenSteps: a planned step until it is taken', () => {
      expect(stepIds(seen.adaOpenAfterPlanning as { edges: { node: StepNode }[] })).toEqual([ids.step1]);
      expect((seen.adaOpenAfterPlanning as { edges: { node: StepNode }[] }).edges[0].node).toMatchObject({
        title: 'Share my plan in the channel',
        dueOn: due,
        status: 'PLANNED',
        ownerId: ada.memberId,
        journeyId: ids.journey,
        teamId: org.teamId,
      });
      expect(stepIds(seen.boOpenAfterPlanning as { edges: { node: StepNode }[] })).toEqual([ids.step2]);
      expect(stepIds(seen.adaOpenAfterTaking as { edges: { node: StepNode }[] })).toEqual([]);
    });

    it('stepsAwaitingMyReflection: a taken step appears until reflected on, then disappears', () => {
      expect(stepIds(seen.adaAwaitingBeforeTaking as { edges: { node: StepNode }[] })).toEqual([]);
      const awaiting = seen.adaAwaitingAfterTaking as { edges: { node: StepNode }[] };
      expect(stepIds(awaiting)).toEqual([ids.step1]);
      expect(awaiting.edges[0].node.status).toBe('TAKEN');
      expect(awaiting.edges[0].node.takenAt).toEqual(expect.any(String));
      expect(stepIds(seen.adaAwaitingAfterReflecting as { edges: { node: StepNode }[] })).toEqual([]);
    });

    it('nothing is left open or awaiting at the end (the dropped step is gone too)', async () => {
      expect(stepIds(await api.query(ada, 'myOpenSteps'))).toEqual([]);
      expect(stepIds(await api.query(ada, 'stepsAwaitingMyReflection'))).toEqual([]);
      expect(stepIds(await api.query(bo, 'stepsAwaitingMyReflection'))).toEqual([]);
    });

    it('myCommitments: their own, soonest due first, kept and missed as marked; the open ones alone when asked', async () => {
      const adas = (await api.query(ada, 'myCommitments')).edges.map(({ node }) => node);
      expect(adas.map(({ id, status, description, dueOn }) => ({ id, status, description, dueOn }))).toEqual([
        { id: ids.commitment1, status: 'KEPT', description: 'Post my plan by 10am', dueOn: due },
        { id: ids.commitment3, status: 'OPEN', description: 'Write a retro note', dueOn: laterDue },
      ]);
      expect(adas[0].resolvedAt).toEqual(expect.any(String));
      expect(adas[1].resolvedAt).toBeNull();
      expect((await api.query(ada, 'myCommitments', { status: 'OPEN' })).edges.map(({ node }) => node.id)).toEqual([ids.commitment3]);
      const bos = (await api.query(bo, 'myCommitments')).edges.map(({ node }) => node);
      expect(bos).toEqual([expect.objectContaining({ id: ids.commitment2, memberId: bo.memberId, status: 'MISSED', journeyId: ids.journey })]);
      expect((await api.query(leader, 'myCommitments')).edges).toEqual([]);
    });

    it('myJourneys: both journeys, with another person’s note hidden and their own shown', async () => {
      const adas = (await api.query(ada, 'myJourneys')).edges.map(({ node }) => node);
      expect(adas.map(({ id, status }) => [id, status])).toEqual([
        [ids.journey2, 'ABANDONED'],
        [ids.journey, 'COMPLETED'],
      ]);
      expect(adas[1].lastReflection).toMatchObject({
        id: ids.reflection3,
        memberId: bo.memberId,
        closer: 'YES',
        comfort: null,
        comfortHiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE',
        note: null,
      });
      const bos = (await api.query(bo, 'myJourneys')).edges.map(({ node }) => node);
      expect(bos[1].lastReflection).toMatchObject({ id: ids.reflection3, note: NOTE_3 });
      expect((await api.query(org.bystander, 'myJourneys')).edges).toEqual([]);
    });
  });

  describe('what the leader sees', () => {
    it('teamJourneys: page by page, each with its current vision, direction, last step and last reflection', async () => {
      const first = await api.query(leader, 'teamJourneys', { teamId: org.teamId, first: 1 });
      expect(first.edges.map(({ node }) => node.id)).toEqual([ids.journey2]);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = await api.query(leader, 'teamJourneys', { teamId: org.teamId, first: 1, after: first.pageInfo.endCursor });
      expect(second.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: second.edges[0].cursor, endCursor: second.edges[0].cursor });
      expect(second.edges).toHaveLength(1);
      expect(second.edges[0].node).toEqual({
        id: ids.journey,
        teamId: org.teamId,
        title: 'Weekly planning',
        status: 'COMPLETED',
        startedBy: leader.memberId,
        version: 26,
        direction: DIRECTION_2,
        vision: {
          version: 2,
          statement: VISION_2,
          expectations: ['Plans are shared by 10am', 'Anyone may comment'],
          successSignals: ['Nobody asks "what are we doing this week?"'],
          reason: 'Plans hidden in drafts did not help',
          by: leader.memberId,
        },
        lastStep: { id: ids.step3, title: 'Plan with the pilot team', status: 'TAKEN', ownerId: bo.memberId, takenAt: expect.any(String) },
        lastReflection: { id: ids.reflection3, memberId: bo.memberId, closer: 'YES', comfort: 4, comfortHiddenBecause: null, note: NOTE_3, stepId: ids.step3 },
      });
    });

    it('visionHistory: every version, oldest first', async () => {
      expect(await api.query(leader, 'visionHistory', { journeyId: ids.journey })).toEqual([
        {
          version: 1,
          statement: VISION_1,
          expectations: ['Plans are shared by 10am'],
          successSignals: ['Nobody asks "what are we doing this week?"'],
          reason: null,
          by: leader.memberId,
        },
        {
          version: 2,
          statement: VISION_2,
          expectations: ['Plans are shared by 10am', 'Anyone may comment'],
          successSignals: ['Nobody asks "what are we doing this week?"'],
          reason: 'Plans hidden in drafts did not help',
          by: leader.memberId,
        },
      ]);
    });

    const readTimeline = async (as: Person, pageSize: number): Promise<{ pages: number; entries: TimelineNode[] }> => {
      const entries: TimelineNode[] = [];
      let after: string | null = null;
      for (let pages = 1; ; pages += 1) {
        const page: Connection<TimelineNode> = await api.query(as, 'journeyTimeline', { journeyId: ids.journey, first: pageSize, after });
        expect(page.edges.length).toBeLessThanOrEqual(pageSize);
        entries.push(...page.edges.map(({ node }) => node));
        if (!page.pageInfo.hasNextPage) return { pages, entries };
        expect(page.edges).toHaveLength(pageSize);
        after = page.pageInfo.endCursor;
      }
    };

    it('journeyTimeline: every event rendered, in order, across cursor pages', async () => {
      const { pages, entries } = await readTimeline(leader, 10);
      expect(pages).toBe(3);
      const L = leader.name;
      const A = ada.name;
      const B = bo.name;
      expect(entries.map(({ sequence, eventType, summary }) => [sequence, eventType, summary])).toEqual([
        [1, 'JourneyStarted', `${L} started the journey "Weekly planning"`],
        [2, 'VisionArticulated', `${L} articulated the vision: "${VISION_1}"`],
        [3, 'DirectionSet', `${L} set the direction "${DIRECTION_1}"`],
        [4, 'StepPlanned', `${A} planned the step "Share my plan in the channel", due ${due}`],
        [5, 'StepPlanned', `${B} planned the step "Pair on Monday"`],
        [6, 'StepTaken', `${A} took the step "Share my plan in the channel"`],
        [7, 'ReflectionRecorded', `${A} reflected on the step "Share my plan in the channel": closer? NO, comfort 2/5`],
        [8, 'StepTaken', `${B} took the step "Pair on Monday"`],
        [9, 'ReflectionRecorded', `${B} reflected on the step "Pair on Monday": closer? NO, comfort 4/5`],
        [10, 'SupportRequested', `${A} asked for support`],
        [11, 'SupportOffered', `${L} offered support to ${A}`],
        [12, 'VisionRevised', `${L} revised the vision (version 2) to "${VISION_2}": Plans hidden in drafts did not help`],
        [13, 'PivotMade', `${L} pivoted from "${DIRECTION_1}" to "${DIRECTION_2}": Two "not closer" answers in a row`],
        [14, 'CommitmentMade', `${A} committed to "Post my plan by 10am" by ${due}`],
        [15, 'CommitmentMade', `${L} recorded a commitment for ${B}: "Pair with a newcomer" by ${due}`],
        [16, 'CommitmentMade', `${A} committed to "Write a retro note" by ${laterDue}`],
        [17, 'CommitmentKept', `${A} kept the commitment "Post my plan by 10am"`],
        [18, 'CommitmentMissed', `${L} marked ${B}'s commitment "Pair with a newcomer" as missed`],
        [19, 'StepPlanned', `${A} planned the step "Draft a template"`],
        [20, 'StepDropped', `${A} dropped the step "Draft a template": Not needed after the pivot`],
        [21, 'StepPlanned', `${B} planned the step "Plan with the pilot team"`],
        [22, 'StepTaken', `${B} took the step "Plan with the pilot team"`],
        [23, 'ReflectionRecorded', `${B} reflected on the step "Plan with the pilot team": closer? YES, comfort 4/5`],
        [24, 'JourneyPaused', `${L} paused the journey: School holidays`],
        [25, 'JourneyResumed', `${L} resumed the journey`],
        [26, 'JourneyCompleted', `${L} completed the journey: Every team plans on Monday now`],
      ]);
      expect(entries[6]).toMatchObject({ actorId: ada.memberId, actorName: A });
      // Support needs and offers are personal: they never reach the timeline.
      expect(entries.map(({ summary }) => summary).join('\n')).not.toMatch(/phrase a half-done plan|Thursday 2pm/);
    });

    it('journeyTimeline: the last page of the abandoned journey says so', async () => {
      const timeline = await api.query(leader, 'journeyTimeline', { journeyId: ids.journey2, first: 100 });
      expect(timeline.edges.map(({ node }) => [node.eventType, node.summary])).toEqual([
        ['JourneyStarted', `${leader.name} started the journey "Quarterly OKRs"`],
        ['VisionArticulated', `${leader.name} articulated the vision: "Goals everyone can recite"`],
        ['JourneyAbandoned', `${leader.name} abandoned the journey: Weekly planning is enough for now`],
      ]);
    });
  });

  describe('reflection notes: leaders see everyone’s, staff only their own', () => {
    const notesBySequence = (entries: TimelineNode[]) =>
      Object.fromEntries(entries.filter(({ eventType }) => eventType === 'ReflectionRecorded').map(({ sequence, note }) => [sequence, note]));

    it('in the timeline', async () => {
      const read = async (as: Person) => notesBySequence((await api.query(as, 'journeyTimeline', { journeyId: ids.journey, first: 100 })).edges.map(({ node }) => node));
      expect(await read(leader)).toEqual({ 7: NOTE_1, 9: NOTE_2, 23: NOTE_3 });
      expect(await read(ada)).toEqual({ 7: NOTE_1, 9: null, 23: null });
      expect(await read(bo)).toEqual({ 7: null, 9: NOTE_2, 23: NOTE_3 });
    });

    it('in lastReflection', async () => {
      expect((await api.query(leader, 'journey', { id: ids.journey })).lastReflection?.note).toBe(NOTE_3);
      expect((await api.query(bo, 'journey', { id: ids.journey })).lastReflection?.note).toBe(NOTE_3);
      expect((await api.query(ada, 'journey', { id: ids.journey })).lastReflection).toMatchObject({ id: ids.reflection3, comfort: null, note: null });
    });

    it('in the journey’s reflections, where the leader finds the "not closer" ids the pivot cited', async () => {
      const REFLECTIONS = `query($id: ID!, $closer: Closer) { journey(id: $id) { reflections(first: 10, closer: $closer) { edges { node { id memberId closer comfort note direction } } } } }`;
      type Node = { id: string; memberId: string; closer: string; comfort: number | null; note: string | null; direction: string | null };
      const read = async (as: Person, closer?: string): Promise<Node[]> => {
        const response = await api.send(as, REFLECTIONS, { id: ids.journey, ...(closer && { closer }) });
        expect(response.errors).toBeUndefined();
        return (response.data as { journey: { reflections: { edges: { node: Node }[] } } }).journey.reflections.edges.map(({ node }) => node);
      };
      // Each against the direction it answered: the two the pivot cited, the first one's.
      expect((await read(leader, 'NO')).map(({ id, memberId, direction }) => [id, memberId, direction])).toEqual([
        [ids.reflection2, bo.memberId, DIRECTION_1],
        [ids.reflection1, ada.memberId, DIRECTION_1],
      ]);
      expect((await read(bo, 'YES')).map(({ id, direction }) => [id, direction])).toEqual([[ids.reflection3, DIRECTION_2]]);
      const asSeen = (nodes: Node[]) => nodes.map(({ id, closer, comfort, note }) => [id, closer, comfort, note]);
      expect(asSeen(await read(leader))).toEqual([
        [ids.reflection3, 'YES', 4, NOTE_3],
        [ids.reflection2, 'NO', 4, NOTE_2],
        [ids.reflection1, 'NO', 2, NOTE_1],
      ]);
      expect(asSeen(await read(ada))).toEqual([
        [ids.reflection3, 'YES', null, null],
        [ids.reflection2, 'NO', null, null],
        [ids.reflection1, 'NO', 2, NOTE_1],
      ]);
    });

    it('no other event carries a note', async () => {
      const entries = (await api.query(leader, 'journeyTimeline', { journeyId: ids.journey, first: 100 })).edges.map(({ node }) => node);
      expect(entries.filter(({ note }) => note !== null).map(({ eventType }) => eventType)).toEqual([
        'ReflectionRecorded',
        'ReflectionRecorded',
        'ReflectionRecorded',
      ]);
    });
  });
});
