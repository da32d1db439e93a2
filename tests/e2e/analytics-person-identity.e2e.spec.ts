/**
 * Someone removed from the organisation and added again answers under a new member id, and is the
 * same person in analytics: their reflection, as the new member, on the step they took as the old one
 * closes that step's loop (loop discipline: the owner reflected on it within the window), and
 * participation counts them once, so two people's answers are never "three people" to an admin who
 * sees aggregates only. Counted by hand.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';
import { addPerson, buildOrg, startJourney } from './support/org-builder';
import { stepwiseApi, type StepwiseApi } from './support/stepwise-api';

describe('a member added again is one person in analytics', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z'); // a Monday
  let stepwise: Stepwise;
  let api: StepwiseApi;

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('their reflection on the step they took before they left closes its loop, and they count once in participation', async () => {
    const org = await buildOrg(api, { label: 'rejoin-loop', staff: 2 });
    const journeyId = await startJourney(api, org);
    const [ann, bob] = org.staff;
    // Ann takes a step on Monday 09:00, is removed on Tuesday and added again at once.
    const stepId = (await api.mutate(ann, 'planStep', { journeyId, title: 'Try the shared board' })).createdId!;
    await api.mutate(ann, 'takeStep', { journeyId, stepId });
    clock.set('2026-11-03T09:00:00.000Z');
    await api.mutate(org.admin, 'removeMember', { memberId: ann.memberId });
    const annAgain = await addPerson(api, org.admin, ann.subject, ann.name);
    expect(annAgain.memberId).not.toBe(ann.memberId);
    await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: annAgain.memberId, role: 'STAFF' });
    // Tuesday 10:00, 25 hours after she took it: Ann reflects on her step; Bob on the journey.
    clock.set('2026-11-03T10:00:00.000Z');
    await api.mutate(annAgain, 'recordReflection', { journeyId, stepId, closer: 'YES', comfort: 4 });
    await api.mutate(bob, 'recordReflection', { journeyId, closer: 'NO', comfort: 2 });
    clock.set('2026-11-09T09:00:00.000Z');

    const window = { journeyId, from: '2026-11-02T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z' };
    await analyticsCaughtUp(stepwise);
    const led = await askUntil(
      () => api.query(org.leader, 'journeyAnalytics', window),
      ({ direction }) => direction.yes + direction.no >= 2,
    );
    expect(led.direction).toMatchObject({ yes: 1, no: 1, people: 2 });
    // The step's owner reflected on it 25 hours after taking it, within the 72-hour window.
    expect(led.loopDiscipline).toEqual({ stepsTaken: 1, reflectedInWindow: 1, share: 1, medianHoursToReflection: 25, windowHours: 72 });
    // On the team in those 7 days: the leader, Ann (under either id) and Bob; two of them reflected.
    expect(led.participation).toMatchObject({ members: 3, reflected: 2, share: 2 / 3, suppression: { suppressed: false } });

    // The admin sees aggregates only: two people reflected, fewer than the minimum group size of 3.
    const team = await api.query(org.admin, 'teamAnalytics', { teamId: org.teamId, from: window.from, to: window.to });
    expect(team.loopDiscipline).toMatchObject({ stepsTaken: 1, reflectedInWindow: 1 });
    expect(team.participation).toMatchObject({ members: 3, reflected: null, share: null, suppression: { suppressed: true } });
    expect(team.participation.suppression.reason).toMatch(/^Fewer than 3 people/);
  });
});
