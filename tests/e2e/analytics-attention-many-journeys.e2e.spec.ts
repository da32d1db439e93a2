/**
 * A team's attention list looks at a bounded number of its active and paused journeys. It took the
 * 50 started first, so in a team with more, a journey started later could raise no finding at all
 * (its support request waiting for days went unmentioned) while the support figures counted it.
 * Journeys with something waiting (an open support request, an overdue commitment) are now looked
 * at first, then the quietest, up to ATTENTION_JOURNEYS_LIMIT.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type StepwiseApi } from './support/stepwise-api';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';

describe('attention in a team with more active journeys than a list holds', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let latest: string;

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'attention', staff: 1 });
    // Each journey is a stream of its own: the 55 are started side by side, all before the last one.
    await Promise.all(Array.from({ length: 55 }, (_, index) => api.mutate(org.leader, 'startJourney', { teamId: org.teamId, title: `Journey ${index + 1}` })));
    clock.set('2026-11-02T10:00:00.000Z');
    latest = (await api.mutate(org.leader, 'startJourney', { teamId: org.teamId, title: 'Started last' })).journeyId;
    await api.mutate(org.staff[0], 'requestSupport', { journeyId: latest, need: 'I do not know where to start' });
    clock.set('2026-11-05T10:00:00.000Z');
  }, 120_000);

  afterAll(() => stepwise?.close());

  it('names the support request waiting on the journey started last', async () => {
    await analyticsCaughtUp(stepwise);
    const team = await askUntil(
      () => api.query(org.leader, 'teamAnalytics', { teamId: org.teamId }),
      (view) => view.support.open === 1,
    );
    expect(team.support).toMatchObject({ open: 1, oldestAgeHours: 72 });
    expect(team.attention.filter((finding) => finding.journeyId === latest).map((finding) => [finding.code, finding.message])).toEqual([
      ['SUPPORT_WAITING', '1 support request is waiting on "Started last", the oldest for 3 days'],
    ]);
  });
});
