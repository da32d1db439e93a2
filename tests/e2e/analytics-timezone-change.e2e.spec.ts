/**
 * Weeks cut in two timezones must not be subtracted to read one person's answer. An organisation
 * ADMIN who does not lead the team sees aggregates only (minimum group size 3): three staff answer
 * on a Tuesday, a fourth late on Sunday (UTC). Cut in UTC the week holds four people; cut in
 * Pacific/Kiritimati (UTC+14) the fourth answer falls into the next week and the first holds three:
 * both weeks were shown, and their difference was the fourth person's comfort. Once the timezone has
 * changed, the weeks before the change are withheld from such readers; the team's leader still sees
 * every week, cut in the timezone now.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type AnalyticsView, type Person, type StepwiseApi } from './support/stepwise-api';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';

const WINDOW = { from: '2026-11-02T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z' };

describe('analytics of weeks cut before a timezone change, for readers who see aggregates only', () => {
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
    org = await buildOrg(api, { label: 'tzchange', staff: 4 });
    journeyId = await startJourney(api, org, { title: 'Quiet mornings' });
    const [s1, s2, s3, s4] = org.staff;
    await reflect(s1, '2026-11-03T10:00:00.000Z', 'YES', 3);
    await reflect(s2, '2026-11-03T11:00:00.000Z', 'YES', 3);
    await reflect(s3, '2026-11-03T12:00:00.000Z', 'YES', 3);
    await reflect(s4, '2026-11-08T20:00:00.000Z', 'NO', 1); // late Sunday in UTC, Monday in Kiritimati
    clock.set('2026-11-25T09:00:00.000Z');
    await analyticsCaughtUp(stepwise);
    await askUntil(
      () => api.query(org.leader, 'teamAnalytics', { teamId: org.teamId, ...WINDOW }),
      (view: AnalyticsView) => view.direction.yes + view.direction.no >= 4,
    );
  }, 90_000);

  afterAll(() => stepwise?.close());

  it('another spelling of the same zone (Etc/UTC, Etc/GMT for UTC) is no change: nothing is withheld, before or after', async () => {
    for (const timezone of ['Etc/UTC', 'Etc/GMT', 'UTC']) {
      await api.mutate(org.admin, 'updateOrganisationSettings', { timezone });
      await analyticsCaughtUp(stepwise);
      const view = await askUntil(() => api.query(org.admin, 'organisationAnalytics', WINDOW), (shown: AnalyticsView) => shown.timezone === timezone);
      expect({ timezone, direction: view.direction }).toMatchObject({ timezone, direction: { suppression: { suppressed: false }, people: 4, comfortDistribution: [1, 0, 3, 0, 0] } });
    }
  });

  it('withholds them after the change, so the week before and the week after cannot be subtracted', async () => {
    const inUtc = await api.query(org.admin, 'organisationAnalytics', WINDOW);
    expect(inUtc.direction).toMatchObject({ suppression: { suppressed: false }, people: 4, comfortDistribution: [1, 0, 3, 0, 0] });

    await api.mutate(org.admin, 'updateOrganisationSettings', { timezone: 'Pacific/Kiritimati' });
    await analyticsCaughtUp(stepwise);
    const asked = async (): Promise<AnalyticsView[]> => [
      await askUntil(() => api.query(org.admin, 'organisationAnalytics', WINDOW), (view: AnalyticsView) => view.timezone === 'Pacific/Kiritimati'),
      await api.query(org.admin, 'teamAnalytics', { teamId: org.teamId, ...WINDOW }),
      await api.query(org.admin, 'journeyAnalytics', { journeyId, ...WINDOW }),
    ];
    for (const view of await asked()) {
      expect(view.direction).toMatchObject({ suppression: { suppressed: true }, yes: 0, no: 0, comfortDistribution: [0, 0, 0, 0, 0], comfortMean: null });
      for (const week of view.weeks.filter((shown) => shown.direction.weeksWithheld > 0)) {
        expect(week.direction.suppression.reason).toMatch(/^The organisation's timezone changed on 2026-11-25/);
      }
    }
  });

  it('leaves the team’s leader every week, cut in the timezone now', async () => {
    const view = await api.query(org.leader, 'teamAnalytics', { teamId: org.teamId, ...WINDOW });
    expect(view.timezone).toBe('Pacific/Kiritimati');
    expect(view.direction).toMatchObject({ suppression: { suppressed: false }, yes: 3, no: 1, comfortDistribution: [1, 0, 3, 0, 0] });
    expect(view.weeks.map((week) => [week.week, week.direction.yes + week.direction.no])).toEqual([
      ['2026-11-02', 3],
      ['2026-11-09', 1],
    ]);
  });
});
