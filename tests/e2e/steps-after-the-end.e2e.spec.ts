/**
 * Steps on a journey that ended: once it is completed or abandoned its open steps can no longer be
 * taken or dropped, nor its taken steps reflected on, so they leave the member's to-do lists
 * (`myOpenSteps`, `stepsAwaitingMyReflection`) and stop counting as open or overdue work in the
 * journey's, the team's and the organisation's momentum. A paused journey's steps stay: it can
 * resume. Told with an injected clock over GraphQL.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { analyticsCaughtUp } from './support/analytics-caught-up';
import { errorCode, stepwiseApi, type AnalyticsView, type Person, type StepwiseApi } from './support/stepwise-api';

const window = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' };

describe('steps on a journey that ended', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let ada: Person;
  const journeys: Record<'completed' | 'abandoned' | 'paused' | 'active', string> = { completed: '', abandoned: '', paused: '', active: '' };
  const open: Record<string, string> = {};
  const taken: Record<string, string> = {};

  const plan = async (journeyId: string, title: string): Promise<string> =>
    (await api.mutate(ada, 'planStep', { journeyId, title, dueOn: '2026-03-04' })).createdId!;

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'ended-steps', staff: 1 });
    [ada] = org.staff;
    for (const kind of ['completed', 'abandoned', 'paused', 'active'] as const) {
      journeys[kind] = await startJourney(api, org, { title: `Journey ${kind}` });
      open[kind] = await plan(journeys[kind], `Open step on ${kind}`);
      taken[kind] = await plan(journeys[kind], `Taken step on ${kind}`);
      await api.mutate(ada, 'takeStep', { journeyId: journeys[kind], stepId: taken[kind] });
    }
    clock.set('2026-03-03T09:00:00.000Z');
    await api.mutate(org.leader, 'completeJourney', { journeyId: journeys.completed, summary: 'Plans are shared' });
    await api.mutate(org.leader, 'abandonJourney', { journeyId: journeys.abandoned, reason: 'We moved floors' });
    await api.mutate(org.leader, 'pauseJourney', { journeyId: journeys.paused, reason: 'Quarter end' });
    clock.set('2026-03-09T09:00:00.000Z'); // every due date has passed
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('refuses taking or dropping its steps and reflecting on them: JOURNEY_CLOSED', async () => {
    for (const journeyId of [journeys.completed, journeys.abandoned]) {
      const stepOf = journeyId === journeys.completed ? 'completed' : 'abandoned';
      expect(errorCode(await api.attempt(ada, 'takeStep', { journeyId, stepId: open[stepOf] }))).toBe('JOURNEY_CLOSED');
      expect(errorCode(await api.attempt(ada, 'dropStep', { journeyId, stepId: open[stepOf], reason: 'Too late' }))).toBe('JOURNEY_CLOSED');
      expect(errorCode(await api.attempt(ada, 'recordReflection', { journeyId, stepId: taken[stepOf], closer: 'YES', comfort: 4 }))).toBe('JOURNEY_CLOSED');
    }
  });

  it('leaves them out of the member’s open steps and steps awaiting reflection; a paused journey’s stay', async () => {
    const openSteps = (await api.query(ada, 'myOpenSteps')).edges.map(({ node }) => node.id);
    expect(openSteps.sort()).toEqual([open.paused, open.active].sort());
    const awaiting = (await api.query(ada, 'stepsAwaitingMyReflection')).edges.map(({ node }) => node.id);
    expect(awaiting.sort()).toEqual([taken.paused, taken.active].sort());
  });

  it('counts them neither open nor overdue in the journey’s, the team’s or the organisation’s momentum', async () => {
    // After analytics have reached the log head: four steps taken shows before the journeys' ends do.
    await analyticsCaughtUp(stepwise);
    const team: AnalyticsView = await api.query(org.leader, 'teamAnalytics', { teamId: org.teamId, ...window });
    expect(team.momentum).toEqual({ stepsTaken: 4, openSteps: 2, overdueSteps: 2 });
    const organisation: AnalyticsView = await api.query(org.admin, 'organisationAnalytics', window);
    expect(organisation.momentum).toEqual({ stepsTaken: 4, openSteps: 2, overdueSteps: 2 });
    for (const kind of ['completed', 'abandoned'] as const) {
      const journey: AnalyticsView = await api.query(org.leader, 'journeyAnalytics', { journeyId: journeys[kind], ...window });
      expect(journey.momentum).toEqual({ stepsTaken: 1, openSteps: 0, overdueSteps: 0 });
    }
    const paused: AnalyticsView = await api.query(org.leader, 'journeyAnalytics', { journeyId: journeys.paused, ...window });
    expect(paused.momentum).toEqual({ stepsTaken: 1, openSteps: 1, overdueSteps: 1 });
  });
});
