/**
 * The run of NOs before a pivot is the run against the direction it turns away from. A journey may
 * be reflected on before its first direction is set (a vision is all a reflection needs); those
 * answers were about no direction, as a pivot may not cite them either. So the lead time from the
 * first NO to the pivot counts from the first NO since the direction was set, and a journey is not
 * told to consider a pivot (PIVOT_CONSIDERED) over NOs about no direction. Counted by hand.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type StepwiseApi } from './support/stepwise-api';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';

describe('the lead time to a pivot, when answers came before the direction was set', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z'); // a Monday
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;
  let undirected: string;

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'pivot-direction', staff: 1 });
    const [staff] = org.staff;
    journeyId = await startJourney(api, org, { title: 'Shared calendar', direction: null });
    clock.set('2026-11-02T10:00:00.000Z');
    await api.mutate(staff, 'recordReflection', { journeyId, closer: 'NO', comfort: 2 });
    clock.set('2026-11-04T09:00:00.000Z');
    await api.mutate(org.leader, 'setDirection', { journeyId, direction: 'One calendar per team' });
    clock.set('2026-11-05T09:00:00.000Z');
    await api.mutate(staff, 'recordReflection', { journeyId, closer: 'NO', comfort: 2 });
    clock.set('2026-11-06T09:00:00.000Z');
    await api.mutate(org.leader, 'makePivot', { journeyId, toDirection: 'One calendar for everyone', reason: 'Not closer' });
    // Another journey: three NOs before any direction, then one set; a pivot would be refused before it.
    undirected = await startJourney(api, org, { title: 'Quiet hours', direction: null });
    for (const at of ['2026-11-02T11:00:00.000Z', '2026-11-03T11:00:00.000Z', '2026-11-04T11:00:00.000Z']) {
      clock.set(at);
      await api.mutate(staff, 'recordReflection', { journeyId: undirected, closer: 'NO', comfort: 2 });
    }
    clock.set('2026-11-09T09:00:00.000Z');
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('counts from the first NO against the direction (5 Nov), not from the NO before there was one (2 Nov)', async () => {
    const window = { journeyId, from: '2026-11-02T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z' };
    const view = await askUntil(() => api.query(org.leader, 'journeyAnalytics', window), (found) => found.pivots.count > 0);
    expect(view.pivots.medianHoursFromFirstNo).toBe(24);
    expect(view.pivots.pivots.map((pivot) => pivot.hoursFromFirstNo)).toEqual([24]);
  });

  it('does not suggest a pivot over NOs answered before the journey had a direction to pivot from', async () => {
    const window = { journeyId: undirected, from: '2026-11-02T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z' };
    // Each read after analytics have reached the log head: no count tells a direction not yet
    // projected from none set, nor the last of four NOs from the third.
    const findings = async (): Promise<string[]> => {
      await analyticsCaughtUp(stepwise);
      const view = await api.query(org.leader, 'journeyAnalytics', window);
      return view.attention.map((finding) => finding.code);
    };
    expect(await findings()).not.toContain('PIVOT_CONSIDERED');
    await api.mutate(org.leader, 'setDirection', { journeyId: undirected, direction: 'Two quiet hours a day' });
    expect(await findings()).not.toContain('PIVOT_CONSIDERED');
    // Four NOs against the direction: now a pivot is worth considering.
    for (const at of ['2026-11-09T10:00:00.000Z', '2026-11-09T11:00:00.000Z', '2026-11-09T12:00:00.000Z', '2026-11-09T12:30:00.000Z']) {
      clock.set(at);
      await api.mutate(org.staff[0], 'recordReflection', { journeyId: undirected, closer: 'NO', comfort: 2 });
    }
    clock.set('2026-11-09T13:00:00.000Z');
    await analyticsCaughtUp(stepwise);
    const view = await api.query(org.leader, 'journeyAnalytics', { journeyId: undirected });
    expect(view.attention.find((finding) => finding.code === 'PIVOT_CONSIDERED')?.message).toBe('4 of the last 4 reflections on "Quiet hours" say not closer; no pivot yet');
  });
});
