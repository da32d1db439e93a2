/**
 * Two comfort aggregates cut from the same answers in two ways must not be subtracted to read one
 * person's answer. A journey's mean comfort (`journey { comfort }`) is over groups of consecutive
 * answers, each closed by the answer that brings it to the minimum group size of distinct people;
 * the analytics an admin who does not lead the team reads are over finished journey-weeks. Three
 * staff answer on a Monday (comfort 2, 3, 4) and close a group; a fourth answers on the Tuesday
 * (comfort 1), alone in the next, open group. Once the week is over, the admin read the journey's
 * mean over the first 3 answers (9) and the week's mean over all 4 (10): 10 − 9 is the fourth
 * person's comfort. Such a reader sees comfort in one cut only, the analytics'; the team's peers
 * (who read no analytics) and its leaders still see the journey's mean.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type AnalyticsView, type Person, type StepwiseApi } from './support/stepwise-api';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';

const WEEK = { from: '2026-11-02T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z' };

/** A comfort figure read back as what it adds up: how many answers, and their comfort summed. */
interface Sum {
  readonly source: string;
  readonly answers: number;
  readonly comfort: number;
}

describe('a journey’s mean comfort and its analytics cannot be subtracted to read one person’s answer', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;

  const reflect = async (who: Person, at: string, comfort: number): Promise<void> => {
    clock.set(at);
    await api.mutate(who, 'recordReflection', { journeyId, closer: 'YES', comfort });
  };

  /** Every comfort sum `who` can read of the journey's answers in that week: the journey's mean and the analytics' week. */
  const sumsSeenBy = async (who: Person): Promise<Sum[]> => {
    const sums: Sum[] = [];
    const { comfort } = await api.query(who, 'journeyInFull', { id: journeyId });
    if (comfort.meanComfort !== null) {
      sums.push({ source: 'journey.comfort', answers: comfort.meanOverReflections, comfort: Math.round(comfort.meanComfort * comfort.meanOverReflections) });
    }
    const analytics: AnalyticsView = await api.query(who, 'journeyAnalytics', { journeyId, ...WEEK });
    const answers = analytics.direction.comfortDistribution.reduce((sum, count) => sum + count, 0);
    if (analytics.direction.comfortMean !== null) {
      sums.push({ source: 'journeyAnalytics', answers, comfort: Math.round(analytics.direction.comfortMean * answers) });
    }
    return sums;
  };

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'cuts', staff: 4 });
    journeyId = await startJourney(api, org, { title: 'Quiet mornings' });
    const [s1, s2, s3, s4] = org.staff;
    await reflect(s1, '2026-11-02T10:00:00.000Z', 2);
    await reflect(s2, '2026-11-02T11:00:00.000Z', 3);
    await reflect(s3, '2026-11-02T12:00:00.000Z', 4);
    // Staff 4's answer, the one the attack reads.
    await reflect(s4, '2026-11-03T10:00:00.000Z', 1);
    clock.set('2026-11-10T09:00:00.000Z');
    const settled = (view: AnalyticsView): boolean => view.direction.yes >= 4;
    await analyticsCaughtUp(stepwise);
    if (!settled(await askUntil(() => api.query(org.leader, 'journeyAnalytics', { journeyId, ...WEEK }), settled))) throw new Error('analytics never showed 4 reflections');
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('the admin who does not lead the team reads no two comfort sums over different answers', async () => {
    const sums = await sumsSeenBy(org.admin);
    // The finished week, over 4 people, is shown to the admin.
    expect(sums.find(({ source }) => source === 'journeyAnalytics')).toEqual({ source: 'journeyAnalytics', answers: 4, comfort: 10 });
    // Any two sums over different answers differ by fewer people's answers than the minimum group size (here staff 4's alone).
    for (const a of sums) {
      for (const b of sums) {
        const difference = { answers: a.answers - b.answers, comfort: a.comfort - b.comfort };
        expect({ [`${a.source} − ${b.source}`]: difference }).toEqual({ [`${a.source} − ${b.source}`]: { answers: 0, comfort: 0 } });
      }
    }
  });

  it('the admin is told why the journey’s mean is not shown to them', async () => {
    const { comfort } = await api.query(org.admin, 'journeyInFull', { id: journeyId });
    expect(comfort).toMatchObject({ reflections: 4, people: 4, meanComfort: null, meanOverReflections: 0, hiddenBecause: 'READ_IN_ANALYTICS' });
  });

  it('peers and the team’s leader still see the journey’s mean comfort over its closed group', async () => {
    for (const who of [org.staff[3], org.leader]) {
      const { comfort } = await api.query(who, 'journeyInFull', { id: journeyId });
      expect(comfort).toMatchObject({ reflections: 4, people: 4, meanComfort: 3, meanOverReflections: 3, hiddenBecause: null });
    }
  });
});
