/**
 * Two answers must not tell one person's answer apart. An organisation ADMIN who does not lead the
 * team sees aggregates only (minimum group size 3): three staff reflect (comfort 2, 3, 4), then one
 * of them again at T. Windows ending at T and at T + 1 ms, or the default window asked before and
 * after that reflection, once differed by exactly that one comfort. For such a reader a window is
 * whole weeks in the organisation's timezone and the week in progress is left out, so both pairs of
 * answers are the same; the team's leader still sees the figures of the window exactly as asked.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type AnalyticsView, type Person, type StepwiseApi } from './support/stepwise-api';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';

const F = '2026-11-02T00:00:00.000Z'; // Monday
const T = '2026-11-04T12:00:00.000Z'; // Wednesday of the same week
const T_PLUS_1MS = '2026-11-04T12:00:00.001Z';

describe('analytics answers cannot be subtracted to read one person’s answer', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;

  const reflect = async (who: Person, at: string, closer: 'YES' | 'NO', comfort: number, on = journeyId): Promise<void> => {
    clock.set(at);
    await api.mutate(who, 'recordReflection', { journeyId: on, closer, comfort });
  };
  const settled = async (reflections: number): Promise<void> => {
    const shows = ({ direction: { yes, no, unsure } }: AnalyticsView): boolean => yes + no + unsure >= reflections;
    await analyticsCaughtUp(stepwise);
    if (!shows(await askUntil(() => api.query(org.leader, 'teamAnalytics', { teamId: org.teamId }), shows))) throw new Error(`analytics never showed ${reflections} reflections`);
  };
  const views = async (who: Person, window: { from?: string; to?: string }): Promise<AnalyticsView[]> => [
    await api.query(who, 'teamAnalytics', { teamId: org.teamId, ...window }),
    await api.query(who, 'journeyAnalytics', { journeyId, ...window }),
    await api.query(who, 'organisationAnalytics', window),
  ];

  let beforeDefault: AnalyticsView[];

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'differencing', staff: 3 });
    journeyId = await startJourney(api, org, { title: 'Quiet mornings' });
    const [s1, s2, s3] = org.staff;
    await reflect(s1, '2026-11-02T10:00:00.000Z', 'YES', 2);
    await reflect(s2, '2026-11-02T11:00:00.000Z', 'YES', 3);
    await reflect(s3, '2026-11-02T12:00:00.000Z', 'YES', 4);
    clock.set(T);
    await settled(3);
    beforeDefault = await views(org.admin, {});
    // Staff 1's second answer, at T: the one the attack reads.
    await reflect(s1, T, 'NO', 1);
    clock.set('2026-11-04T13:00:00.000Z');
    await settled(4);
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('the default window asked before and after a reflection arrives gives the admin the same figures', async () => {
    const after = await views(org.admin, {});
    after.forEach((view, index) => {
      expect(view.direction).toEqual(beforeDefault[index].direction);
      expect(view.weeks).toEqual(beforeDefault[index].weeks);
      expect(view.teams).toEqual(beforeDefault[index].teams);
    });
    // The week in progress is withheld, saying why, and so is the window that has no finished week.
    const [team] = after;
    expect(team.weeks.find((week) => week.week === '2026-11-02')!.direction.suppression).toEqual({
      suppressed: true,
      reason: 'This week is not over yet: its answers count once it ends',
    });
    expect(team.direction).toMatchObject({ comfortMean: null, weeksWithheld: 1, suppression: { suppressed: true } });
  });

  it('windows ending at T and 1 ms later give the admin the same figures: the whole finished week', async () => {
    clock.set('2026-11-18T09:00:00.000Z');
    const atT = await views(org.admin, { from: F, to: T });
    const later = await views(org.admin, { from: F, to: T_PLUS_1MS });
    for (const [index, view] of atT.entries()) {
      expect(view.direction).toEqual(later[index].direction);
      expect(view.weeks).toEqual(later[index].weeks);
      expect(view.teams).toEqual(later[index].teams);
      // (2 + 3 + 4 + 1) / 4 over 3 people, the week from Monday 2 Nov to Monday 9 Nov.
      expect(view.direction).toMatchObject({ yes: 3, no: 1, comfortMean: 2.5, people: 3, weeksWithheld: 0, suppression: { suppressed: false } });
      expect([view.from, view.to]).toEqual(['2026-11-02T00:00:00.000Z', '2026-11-09T00:00:00.000Z']);
    }
  });

  it('the team’s leader still sees the window as asked', async () => {
    const team = await api.query(org.leader, 'teamAnalytics', { teamId: org.teamId, from: F, to: T });
    expect(team.direction).toMatchObject({ yes: 3, no: 0, comfortMean: 3, people: 3, weeksWithheld: 0 });
    expect([team.from, team.to]).toEqual([F, T]);
  });

  it('a team’s week less one of its journeys’ weeks is never one person’s answer', async () => {
    // Week of 9 Nov: the three staff on the first journey, and staff 1 alone on a second one.
    const [s1, s2, s3] = org.staff;
    const second = await startJourney(api, org, { title: 'Standing desks' });
    await reflect(s1, '2026-11-10T10:00:00.000Z', 'YES', 5);
    await reflect(s2, '2026-11-10T11:00:00.000Z', 'YES', 5);
    await reflect(s3, '2026-11-10T12:00:00.000Z', 'YES', 5);
    await reflect(s1, '2026-11-10T13:00:00.000Z', 'NO', 1, second);
    clock.set('2026-11-18T09:00:00.000Z');
    await settled(8);
    const week = { from: '2026-11-09T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' };
    const [team, first, organisation] = await views(org.admin, week);
    const alone = await api.query(org.admin, 'journeyAnalytics', { journeyId: second, ...week });
    expect(first.direction).toMatchObject({ yes: 3, no: 0, comfortMean: 5, people: 3, weeksWithheld: 0, suppression: { suppressed: false } });
    expect(alone.direction).toMatchObject({ no: 0, comfortMean: null, weeksWithheld: 1, suppression: { suppressed: true } });
    // The team's and the organisation's week are the first journey's: the second's one answer is left out, and counted as withheld.
    for (const view of [team, organisation]) expect(view.direction).toEqual({ ...first.direction, weeksWithheld: 1 });
    expect(organisation.teams[0].direction).toEqual({ ...first.direction, weeksWithheld: 1 });
  });

  it('an answer given just before a week ends never changes that week once shown: it is shown a minute after it ends, every answer counted', async () => {
    // Week of 16 Nov: the three staff, staff 1 last at Sunday 23:59:59.900, just before it ends.
    const [s1, s2, s3] = org.staff;
    await reflect(s2, '2026-11-17T10:00:00.000Z', 'YES', 4);
    await reflect(s3, '2026-11-17T11:00:00.000Z', 'YES', 4);
    await reflect(s1, '2026-11-22T23:59:59.900Z', 'NO', 1);
    const week = { from: '2026-11-16T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' };
    clock.set('2026-11-23T00:00:00.050Z');
    const early = await api.query(org.admin, 'teamAnalytics', { teamId: org.teamId, ...week });
    expect(early.direction).toMatchObject({ yes: 0, no: 0, comfortMean: null });
    expect(early.direction.suppression).toEqual({ suppressed: true, reason: 'This week has just ended, and its last answers are still being counted: it is shown once they are' });
    clock.set('2026-11-23T00:01:00.050Z');
    await settled(11);
    const shown = await api.query(org.admin, 'teamAnalytics', { teamId: org.teamId, ...week });
    expect(shown.direction).toMatchObject({ yes: 2, no: 1, comfortMean: 3, people: 3, weeksWithheld: 0, suppression: { suppressed: false } });
  });
});
