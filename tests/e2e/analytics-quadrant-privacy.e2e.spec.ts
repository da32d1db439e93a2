/**
 * The comfort × direction quadrant crosses a private answer with a shown one. Everyone who may see a
 * journey reads each reflection's direction (`closer`, in the timeline's sentence and
 * `lastReflection`), so a quadrant tells, of the people who answered one way, how many were
 * comfortable: where one person answered YES in a week of three, FLOWING or STRETCHING is that
 * person's comfort, however many people the week is over. An organisation ADMIN who does not lead
 * the team reads the direction of each reflection in the timeline and the week's quadrant in the
 * analytics; the figures shown to them must not tell one person's comfort that way.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type AnalyticsView, type Person, type StepwiseApi } from './support/stepwise-api';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';

const WEEK = { from: '2026-11-02T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z' };

describe('the comfort × direction quadrant, for readers who see aggregates only', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;

  const reflect = async (who: Person, at: string, closer: 'YES' | 'NO', comfort: number): Promise<void> => {
    clock.set(at);
    await api.mutate(who, 'recordReflection', { journeyId, closer, comfort });
  };

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'quadrant', staff: 3 });
    journeyId = await startJourney(api, org, { title: 'Quiet mornings' });
    const [s1, s2, s3] = org.staff;
    // Staff 1 alone answers YES, uncomfortable: the comfort the attack reads.
    await reflect(s1, '2026-11-03T10:00:00.000Z', 'YES', 2);
    await reflect(s2, '2026-11-03T11:00:00.000Z', 'NO', 4);
    await reflect(s3, '2026-11-03T12:00:00.000Z', 'NO', 4);
    clock.set('2026-11-10T09:00:00.000Z');
    const settled = (view: AnalyticsView): boolean => view.direction.yes + view.direction.no >= 3;
    await analyticsCaughtUp(stepwise);
    if (!settled(await askUntil(() => api.query(org.leader, 'journeyAnalytics', { journeyId, ...WEEK }), settled))) throw new Error('analytics never showed 3 reflections');
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('the admin reads who answered YES in the timeline, but not from the quadrant whether they were comfortable', async () => {
    // What the admin may read: each reflection's direction, with who gave it.
    const lines = (await api.query(org.admin, 'journeyTimeline', { journeyId, first: 100 })).edges.map(({ node }) => node);
    const answeredYes = lines.filter(({ eventType, summary }) => eventType === 'ReflectionRecorded' && summary.includes('closer? YES'));
    expect(answeredYes.map(({ actorId }) => actorId)).toEqual([org.staff[0].memberId]);

    // The week is over and three people answered: it is shown, as an aggregate.
    const views = [
      await api.query(org.admin, 'journeyAnalytics', { journeyId, ...WEEK }),
      await api.query(org.admin, 'teamAnalytics', { teamId: org.teamId, ...WEEK }),
      await api.query(org.admin, 'organisationAnalytics', WEEK),
    ];
    for (const view of views) {
      expect(view.direction).toMatchObject({ yes: 1, no: 2, people: 3, suppression: { suppressed: false } });
      // The YES row of the quadrant is staff 1 alone: FLOWING (comfort ≥ 3) or STRETCHING (≤ 2) would be their comfort.
      const { flowing, stretching } = view.direction.quadrants;
      expect({ flowing, stretching }).toEqual({ flowing: 0, stretching: 0 });
      for (const week of view.weeks) expect([week.direction.quadrants.flowing, week.direction.quadrants.stretching]).toEqual([0, 0]);
      expect(view.quadrantsSuppression).toMatchObject({ suppressed: true });
    }
  });

  it('the team’s leader still sees the quadrant', async () => {
    const view = await api.query(org.leader, 'journeyAnalytics', { journeyId, ...WEEK });
    expect(view.direction.quadrants).toEqual({ flowing: 0, stretching: 1, stuck: 0, coasting: 2 });
    expect(view.quadrantsSuppression).toEqual({ suppressed: false, reason: null });
  });
});
