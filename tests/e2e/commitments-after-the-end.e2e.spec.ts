/**
 * Accountability outlives a journey: once it is completed or abandoned it takes no new commitment,
 * but the open ones can still be marked kept or missed, and analytics stop counting them overdue
 * (as the COMMITMENTS_OVERDUE finding and the commitment nudges already do). Told with an injected
 * clock over GraphQL.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type AnalyticsView, type Person, type StepwiseApi } from './support/stepwise-api';

const window = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' };

describe('commitments on a journey that ended', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let ada: Person;
  let bo: Person;
  let completedId: string;
  let abandonedId: string;
  const ids: Record<string, string> = {};

  const teamFigures = (): Promise<AnalyticsView> => api.query(org.leader, 'teamAnalytics', { teamId: org.teamId, ...window });

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'promises', staff: 2 });
    [ada, bo] = org.staff;
    completedId = await startJourney(api, org, { title: 'Weekly planning' });
    abandonedId = await startJourney(api, org, { title: 'Open-plan office' });
    ids.adaCompleted = (await api.mutate(ada, 'makeCommitment', { journeyId: completedId, description: 'Post my plan', dueOn: '2026-03-04' })).createdId!;
    ids.boCompleted = (await api.mutate(bo, 'makeCommitment', { journeyId: completedId, description: 'Pair on Monday', dueOn: '2026-03-04' })).createdId!;
    ids.adaAbandoned = (await api.mutate(ada, 'makeCommitment', { journeyId: abandonedId, description: 'Try a quiet room', dueOn: '2026-03-05' })).createdId!;
    clock.set('2026-03-03T09:00:00.000Z');
    await api.mutate(org.leader, 'completeJourney', { journeyId: completedId, summary: 'Plans are shared' });
    await api.mutate(org.leader, 'abandonJourney', { journeyId: abandonedId, reason: 'We moved floors' });
    clock.set('2026-03-09T09:00:00.000Z'); // every due date has passed
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('refuses a new commitment: JOURNEY_CLOSED', async () => {
    const refused = await api.attempt(ada, 'makeCommitment', { journeyId: completedId, description: 'One more', dueOn: '2026-03-20' });
    expect(errorCode(refused)).toBe('JOURNEY_CLOSED');
  });

  it('counts the open ones as open but not overdue in the team’s analytics', async () => {
    await analyticsCaughtUp(stepwise);
    const figures = await askUntil(teamFigures, ({ commitments }) => commitments.open === 3 && commitments.overdue === 0);
    expect(figures.commitments).toEqual({ kept: 0, missed: 0, open: 3, overdue: 0 });
    expect(figures.attention.filter(({ code }) => code === 'COMMITMENTS_OVERDUE')).toEqual([]);
  });

  it('lets the member mark theirs kept and a leader mark one missed, on a completed and an abandoned journey', async () => {
    await api.mutate(ada, 'keepCommitment', { journeyId: completedId, commitmentId: ids.adaCompleted });
    await api.mutate(org.leader, 'missCommitment', { journeyId: completedId, commitmentId: ids.boCompleted });
    await api.mutate(org.leader, 'missCommitment', { journeyId: abandonedId, commitmentId: ids.adaAbandoned });
    // Marked once, as ever: a second mark is refused.
    expect(errorCode(await api.attempt(ada, 'keepCommitment', { journeyId: completedId, commitmentId: ids.adaCompleted }))).toBe('COMMITMENT_ALREADY_RESOLVED');
    // Still only a leader marks one missed.
    expect(errorCode(await api.attempt(bo, 'missCommitment', { journeyId: completedId, commitmentId: ids.boCompleted }))).toBe('LEADER_REQUIRED');

    const adas = (await api.query(ada, 'myCommitments')).edges.map(({ node }) => [node.id, node.status]);
    expect(adas).toEqual([
      [ids.adaCompleted, 'KEPT'],
      [ids.adaAbandoned, 'MISSED'],
    ]);
    await analyticsCaughtUp(stepwise);
    const figures = await askUntil(teamFigures, ({ commitments }) => commitments.open === 0);
    expect(figures.commitments).toEqual({ kept: 1, missed: 2, open: 0, overdue: 0 });
  });
});
