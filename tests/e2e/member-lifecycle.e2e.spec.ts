/**
 * Lifecycle transitions of a member: leaving the organisation, being added again, being demoted.
 * A person who leaves and is added again gets a new member id for the same sign-in subject; they are
 * still one person, so their answers from before and after never make up a comfort group's "distinct
 * people" between them (a peer in such a group could otherwise subtract their own answer and read the
 * other person's).
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';
import { addPerson, buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type StepwiseApi } from './support/stepwise-api';

describe('member lifecycle', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
  }, 60_000);

  afterAll(async () => {
    await stepwise?.close();
  });

  describe('a member who leaves the organisation and is added again', () => {
    let org: OrgFixture;

    beforeAll(async () => {
      org = await buildOrg(api, { label: 'rejoin', staff: 2 });
    });

    it('is one person in a comfort group, before and after: two people’s answers are no group of three, now or as of then', async () => {
      const journeyId = await startJourney(api, org);
      const [ann, bob] = org.staff;
      await api.mutate(ann, 'recordReflection', { journeyId, closer: 'NO', comfort: 1 });
      await api.mutate(org.admin, 'removeMember', { memberId: ann.memberId });
      const annAgain = await addPerson(api, org.admin, ann.subject, ann.name);
      expect(annAgain.memberId).not.toBe(ann.memberId);
      await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: annAgain.memberId, role: 'STAFF' });
      await api.mutate(annAgain, 'recordReflection', { journeyId, closer: 'NO', comfort: 1 });
      await api.mutate(bob, 'recordReflection', { journeyId, closer: 'YES', comfort: 5 });

      // Bob, a peer, would read (1 + 1 + 5) / 3 and know Ann's answers were 1 and 1.
      const twoPeople = { reflections: 3, people: 2, meanComfort: null, meanOverReflections: 0, minimumGroupSize: 3, hiddenBecause: 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' };
      expect((await api.query(bob, 'journeyInFull', { id: journeyId })).comfort).toEqual(twoPeople);
      const asOf = new Date().toISOString();
      expect((await api.query(bob, 'journeyInFull', { id: journeyId, asOf })).comfort).toEqual(twoPeople);

      // A third person closes the group.
      await api.mutate(org.leader, 'recordReflection', { journeyId, closer: 'YES', comfort: 3 });
      expect((await api.query(bob, 'journeyInFull', { id: journeyId })).comfort).toEqual({
        reflections: 4, people: 3, meanComfort: 2.5, meanOverReflections: 4, minimumGroupSize: 3, hiddenBecause: null,
      });
    });
  });
});

describe('a member added again, in the analytics an admin reads', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z'); // a Monday
  let stepwise: Stepwise;
  let api: StepwiseApi;

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
  }, 60_000);

  afterAll(async () => {
    await stepwise?.close();
  });

  it('is one person towards the minimum group size: a finished week of two people’s three answers is withheld', async () => {
    const org = await buildOrg(api, { label: 'rejoin-analytics', staff: 2 });
    const journeyId = await startJourney(api, org);
    const [ann, bob] = org.staff;
    clock.set('2026-11-03T09:00:00.000Z');
    await api.mutate(ann, 'recordReflection', { journeyId, closer: 'NO', comfort: 1 });
    await api.mutate(org.admin, 'removeMember', { memberId: ann.memberId });
    const annAgain = await addPerson(api, org.admin, ann.subject, ann.name);
    await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: annAgain.memberId, role: 'STAFF' });
    clock.set('2026-11-04T09:00:00.000Z');
    await api.mutate(annAgain, 'recordReflection', { journeyId, closer: 'NO', comfort: 1 });
    await api.mutate(bob, 'recordReflection', { journeyId, closer: 'YES', comfort: 5 });
    clock.set('2026-11-10T09:00:00.000Z');

    const window = { teamId: org.teamId, from: '2026-11-02T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z' };
    // The leader sees every answer, and two people behind them.
    await analyticsCaughtUp(stepwise);
    const led = await askUntil(
      () => api.query(org.leader, 'teamAnalytics', window),
      ({ direction }) => direction.yes + direction.no >= 3,
    );
    expect(led.direction).toMatchObject({ yes: 1, no: 2, people: 2 });
    // The admin, who sees aggregates only, would have read a week of "3 people" and its mean (1 + 1 + 5) / 3.
    const admin = await api.query(org.admin, 'teamAnalytics', window);
    expect(admin.direction).toMatchObject({ yes: 0, no: 0, comfortMean: null, weeksWithheld: 1, suppression: { suppressed: true } });
    expect(admin.weeks[0].direction.suppression.reason).toMatch(/^Fewer than 3 people/);
  });
});
