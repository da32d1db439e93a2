/**
 * The median hours from the first "not closer" to a pivot, for a reader who sees aggregates only (an
 * ADMIN who does not lead the team, the organisation view): over one pivot it is that pivot's hours
 * since one person's NO, which tells when they answered. It is shown only once the first NOs behind
 * the window's pivots were given by at least the minimum group size (3) of distinct people; how many
 * pivots there are does not matter. The team's leader always sees it.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type AnalyticsView, type Person, type StepwiseApi } from './support/stepwise-api';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';

// The Monday after the story's week: the week is over, so the admin's direction figures count it.
const NOW = '2026-11-09T09:00:00.000Z';
const WINDOW = { from: '2026-11-02T00:00:00.000Z', to: NOW };
const FEWER = `The pivots in this period followed the first "not closer" of fewer than 3 people (the organisation's minimum group size)`;

describe('the median time from a first NO to a pivot, for aggregate-only readers', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z'); // a Monday
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;
  let pivots = 0;

  const answerNo = async (who: Person, at: string): Promise<void> => {
    clock.set(at);
    await api.mutate(who, 'recordReflection', { journeyId, closer: 'NO', comfort: 2 });
  };
  /** The leader pivots at `at`, after the NO of `who` at `noAt`. */
  const pivotAfterNo = async (who: Person, noAt: string, at: string): Promise<void> => {
    await answerNo(who, noAt);
    clock.set(at);
    pivots += 1;
    await api.mutate(org.leader, 'makePivot', { journeyId, toDirection: `Direction ${pivots}`, reason: 'Not closer' });
    clock.set(NOW);
  };
  const views = async (who: Person): Promise<AnalyticsView[]> => [
    await api.query(who, 'teamAnalytics', { teamId: org.teamId, ...WINDOW }),
    await api.query(who, 'journeyAnalytics', { journeyId, ...WINDOW }),
    await api.query(who, 'organisationAnalytics', WINDOW),
  ];
  /** Analytics follow the log on their own processor: wait until the leader's answer shows every pivot. */
  const leaderSees = async (): Promise<AnalyticsView> => {
    await analyticsCaughtUp(stepwise);
    const view = await askUntil(() => api.query(org.leader, 'teamAnalytics', { teamId: org.teamId, ...WINDOW }), (found) => found.pivots.count >= pivots);
    expect(view.pivots.count).toBe(pivots);
    return view;
  };

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'pivot-privacy', staff: 3 });
    journeyId = await startJourney(api, org, { title: 'Open office' });
    const [s1, s2, s3] = org.staff;
    // Three people answer in the week, so the window's direction is shown to the admin.
    for (const [who, at] of [
      [s1, '2026-11-02T10:00:00.000Z'],
      [s2, '2026-11-02T11:00:00.000Z'],
      [s3, '2026-11-02T12:00:00.000Z'],
    ] as const) {
      clock.set(at);
      await api.mutate(who, 'recordReflection', { journeyId, closer: 'YES', comfort: 3 });
    }
    // One pivot, 24 hours after staff 1's NO.
    await pivotAfterNo(s1, '2026-11-03T09:00:00.000Z', '2026-11-04T09:00:00.000Z');
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('one pivot: the leader sees its median, the admin has it withheld with a reason, the direction still shown', async () => {
    const leader = await leaderSees();
    expect(leader.pivots).toMatchObject({ count: 1, medianHoursFromFirstNo: 24, suppression: { suppressed: false, reason: null } });
    for (const view of await views(org.admin)) {
      expect(view.direction).toMatchObject({ people: 3, suppression: { suppressed: false } });
      expect(view.pivots).toEqual({ count: 1, medianHoursFromFirstNo: null, suppression: { suppressed: true, reason: FEWER }, pivots: [] });
    }
  });

  it('three pivots after the first NOs of two people: still withheld from the admin', async () => {
    const [s1, s2] = org.staff;
    await pivotAfterNo(s1, '2026-11-05T09:00:00.000Z', '2026-11-05T21:00:00.000Z'); // 12 hours
    await pivotAfterNo(s2, '2026-11-06T09:00:00.000Z', '2026-11-06T15:00:00.000Z'); // 6 hours
    expect((await leaderSees()).pivots).toMatchObject({ count: 3, medianHoursFromFirstNo: 12 });
    for (const view of await views(org.admin)) {
      expect(view.pivots).toMatchObject({ count: 3, medianHoursFromFirstNo: null, suppression: { suppressed: true, reason: FEWER } });
    }
  });

  it('the first NOs of three people: the admin sees the median', async () => {
    await pivotAfterNo(org.staff[2], '2026-11-07T09:00:00.000Z', '2026-11-07T11:00:00.000Z'); // 2 hours
    const leader = await leaderSees();
    expect(leader.pivots).toMatchObject({ count: 4, medianHoursFromFirstNo: 9 }); // of 24, 12, 6 and 2
    for (const view of await views(org.admin)) {
      expect(view.pivots).toEqual({ count: 4, medianHoursFromFirstNo: 9, suppression: { suppressed: false, reason: null }, pivots: [] });
    }
  });
});
