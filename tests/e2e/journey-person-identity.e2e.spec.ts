/**
 * Someone removed from the organisation and added again acts under a new member id, and is still
 * the same person (their sign-in subject) in the journey's rules: a step they reflected on before is
 * answered (a second answer would count twice in the closer rate), and the steps and commitments
 * they owned before are theirs again to take, drop or mark kept, and listed as their own work; what
 * they wrote before (notes, comfort, support) is theirs to read, and nobody else's for it.
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { addPerson, buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Person, type StepwiseApi } from './support/stepwise-api';

describe('a member added again is the same person in the journey', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'rejoin-journey', staff: 2 });
  }, 60_000);

  afterAll(() => stepwise?.close());

  /** Removes the person from the organisation and adds them back onto the team as STAFF, under a new member id. */
  const removedAndAddedAgain = async (person: Person): Promise<Person> => {
    await api.mutate(org.admin, 'removeMember', { memberId: person.memberId });
    const again = await addPerson(api, org.admin, person.subject, person.name);
    expect(again.memberId).not.toBe(person.memberId);
    await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: again.memberId, role: 'STAFF' });
    return again;
  };

  const stateOf = async (journeyId: string) => {
    const journey = await api.query(org.leader, 'journeyInFull', { id: journeyId });
    return { version: journey.version, reflectionCount: journey.reflectionCount };
  };

  it('refuses a second answer on a step they answered before they left: STEP_ALREADY_REFLECTED, nothing written', async () => {
    const journeyId = await startJourney(api, org, { title: 'One answer per person' });
    const ann = org.staff[0];
    const stepId = await takenStep(api, ann, journeyId, 'Share the plan on Monday');
    await api.mutate(ann, 'recordReflection', { journeyId, stepId, closer: 'NO', comfort: 2 });
    const annAgain = await removedAndAddedAgain(ann);
    const before = await stateOf(journeyId);

    const again = await api.attempt(annAgain, 'recordReflection', { journeyId, stepId, closer: 'NO', comfort: 2 });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'STEP_ALREADY_REFLECTED', details: { field: 'stepId', stepId } });
    expect(await stateOf(journeyId)).toEqual(before);

    // She still reflects on the journey as a whole, as often as she likes.
    await api.mutate(annAgain, 'recordReflection', { journeyId, closer: 'YES', comfort: 3 });
    expect(await stateOf(journeyId)).toEqual({ version: before.version + 1, reflectionCount: before.reflectionCount + 1 });
  });

  it('lets them take and drop the steps and keep the commitments they owned before; another member of staff still may not', async () => {
    const journeyId = await startJourney(api, org, { title: 'Own work comes back' });
    const bob = org.staff[1];
    const toTake = (await api.mutate(bob, 'planStep', { journeyId, title: 'Ask the pilot team' })).createdId!;
    const toDrop = (await api.mutate(bob, 'planStep', { journeyId, title: 'Draft a survey' })).createdId!;
    const commitmentId = (await api.mutate(bob, 'makeCommitment', { journeyId, description: 'Run the pilot', dueOn: '2099-01-01' })).createdId!;
    const bobAgain = await removedAndAddedAgain(bob);
    const kim = await addPerson(api, org.admin, `${bob.subject}-kim`, 'Kim');
    await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: kim.memberId, role: 'STAFF' });
    const before = (await stateOf(journeyId)).version;

    expect(errorCode(await api.attempt(kim, 'takeStep', { journeyId, stepId: toTake }))).toBe('LEADER_REQUIRED');
    expect(errorCode(await api.attempt(kim, 'dropStep', { journeyId, stepId: toDrop, reason: 'Not mine' }))).toBe('LEADER_REQUIRED');
    expect(errorCode(await api.attempt(kim, 'keepCommitment', { journeyId, commitmentId }))).toBe('LEADER_REQUIRED');
    expect((await stateOf(journeyId)).version).toBe(before);

    await api.mutate(bobAgain, 'takeStep', { journeyId, stepId: toTake });
    await api.mutate(bobAgain, 'dropStep', { journeyId, stepId: toDrop, reason: 'The pilot answers it' });
    await api.mutate(bobAgain, 'keepCommitment', { journeyId, commitmentId });
    const steps = (await api.query(org.leader, 'journeyInFull', { id: journeyId })).steps;
    expect(Object.fromEntries(steps.map((step) => [step.id, step.status]))).toEqual({ [toTake]: 'TAKEN', [toDrop]: 'DROPPED' });
    expect((await stateOf(journeyId)).version).toBe(before + 3);
  });

  it('lists the steps and commitments they owned before in their own work lists, until done; nobody else sees them there', async () => {
    const journeyId = await startJourney(api, org, { title: 'Own work is listed' });
    const cy = await addPerson(api, org.admin, `${org.leader.subject}-cy`, 'Cy');
    await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: cy.memberId, role: 'STAFF' });
    const open = (await api.mutate(cy, 'planStep', { journeyId, title: 'Book the room' })).createdId!;
    const awaiting = await takenStep(api, cy, journeyId, 'Ask the pilot team');
    const toReflect = await takenStep(api, cy, journeyId, 'Share the notes');
    const commitmentId = (await api.mutate(cy, 'makeCommitment', { journeyId, description: 'Run the pilot', dueOn: '2099-01-01' })).createdId!;
    const cyAgain = await removedAndAddedAgain(cy);

    const lists = async (person: Person) => ({
      open: (await api.query(person, 'myOpenSteps', { first: 10 })).edges.map(({ node }) => node.id),
      awaiting: (await api.query(person, 'stepsAwaitingMyReflection', { first: 10 })).edges.map(({ node }) => node.id),
      commitments: (await api.query(person, 'myCommitments', { first: 10 })).edges.map(({ node }) => [node.id, node.status]),
    });
    expect(await lists(cyAgain)).toEqual({ open: [open], awaiting: [awaiting, toReflect], commitments: [[commitmentId, 'OPEN']] });

    // Answered under the new id, the step no longer awaits their reflection.
    await api.mutate(cyAgain, 'recordReflection', { journeyId, stepId: toReflect, closer: 'YES', comfort: 3 });
    await api.mutate(cyAgain, 'takeStep', { journeyId, stepId: open });
    await api.mutate(cyAgain, 'keepCommitment', { journeyId, commitmentId });
    expect(await lists(cyAgain)).toEqual({ open: [], awaiting: [awaiting, open], commitments: [[commitmentId, 'KEPT']] });
    expect(await lists(org.leader)).toEqual({ open: [], awaiting: [], commitments: [] });
  });

  it('shows them the note, comfort and support request they gave under their old member id; a peer and an admin still see none of it', async () => {
    const journeyId = await startJourney(api, org, { title: 'Own words come back' });
    const onTheTeam = async (subject: string, name: string): Promise<Person> => {
      const person = await addPerson(api, org.admin, subject, name);
      await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: person.memberId, role: 'STAFF' });
      return person;
    };
    const dee = await onTheTeam(`${org.leader.subject}-dee`, 'Dee');
    // Another person on the team, whose subject differs from hers by a suffix only.
    const peer = await onTheTeam(`${org.leader.subject}-dee-2`, 'Dee Two');
    const stepId = await takenStep(api, dee, journeyId, 'Try the new stand-up');
    const requestId = (await api.mutate(dee, 'requestSupport', { journeyId, need: 'I freeze when presenting' })).createdId!;
    await api.mutate(org.leader, 'offerSupport', { journeyId, requestId, message: 'Let us rehearse together' });
    const reflectionId = (await api.mutate(dee, 'recordReflection', { journeyId, stepId, closer: 'NO', comfort: 2, note: 'Felt exposed' })).createdId!;
    const deeAgain = await removedAndAddedAgain(dee);

    const asSeenBy = async (person: Person) => {
      const journey = await api.query(person, 'journeyInFull', { id: journeyId });
      const inList = (await api.query(person, 'teamJourneys', { teamId: org.teamId, first: 20 })).edges.find(({ node }) => node.id === journeyId)?.node;
      const mine = (await api.query(person, 'myJourneys', { first: 20 })).edges.find(({ node }) => node.id === journeyId)?.node;
      const timeline = (await api.query(person, 'journeyTimeline', { journeyId, first: 50 })).edges.map(({ node }) => node);
      const reflected = timeline.find((entry) => entry.eventType === 'ReflectionRecorded')!;
      const [request] = (await api.query(person, 'journeySupportRequests', { id: journeyId })).supportRequests.edges.map(({ node }) => node);
      return {
        lastReflection: journey.lastReflection,
        inTeamJourneys: inList?.lastReflection,
        inMyJourneys: mine?.lastReflection,
        timeline: { summary: reflected.summary, note: reflected.note, comfortHiddenBecause: reflected.comfortHiddenBecause },
        support: { text: request.text, message: request.offers[0].message },
        comfort: journey.comfort,
      };
    };
    const own = { id: reflectionId, memberId: dee.memberId, closer: 'NO', comfort: 2, comfortHiddenBecause: null, note: 'Felt exposed', stepId };
    const hidden = { ...own, comfort: null, comfortHiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE', note: null };
    // One person answered: everyone who is not her leader sees her comfort as an aggregate only, withheld.
    const aggregate = expect.objectContaining({ reflections: 1, people: 1, meanComfort: null, hiddenBecause: 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' });

    expect(await asSeenBy(deeAgain)).toEqual({
      lastReflection: own,
      inTeamJourneys: own,
      inMyJourneys: own,
      timeline: { summary: expect.stringMatching(/, comfort 2\/5$/), note: 'Felt exposed', comfortHiddenBecause: null },
      support: { text: 'I freeze when presenting', message: 'Let us rehearse together' },
      comfort: aggregate,
    });
    expect(await asSeenBy(peer)).toEqual({
      lastReflection: hidden,
      inTeamJourneys: hidden,
      inMyJourneys: hidden,
      timeline: { summary: expect.not.stringMatching(/comfort/), note: null, comfortHiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE' },
      support: { text: null, message: null },
      comfort: aggregate,
    });
    const admin = await asSeenBy(org.admin);
    expect({ lastReflection: admin.lastReflection, inTeamJourneys: admin.inTeamJourneys, timeline: admin.timeline, support: admin.support }).toEqual({
      lastReflection: hidden,
      inTeamJourneys: hidden,
      timeline: { summary: expect.not.stringMatching(/comfort/), note: null, comfortHiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE' },
      support: { text: null, message: null },
    });
  });
});
