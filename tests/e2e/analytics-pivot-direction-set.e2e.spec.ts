/**
 * The run of NOs before a pivot is the run against the direction it turns away from. A journey may
 * be reflected on before its first direction is set (a vision is all a reflection needs); those
 * answers were about no direction, as a pivot may not cite them either. So the lead time from the
 * first NO to the pivot counts from the first NO since the direction was set. Counted by hand.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type StepwiseApi } from './support/stepwise-api';
import { askUntil } from './support/ask-until';

describe('the lead time to a pivot, when answers came before the direction was set', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z'); // a Monday
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;

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
    clock.set('2026-11-09T09:00:00.000Z');
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('counts from the first NO against the direction (5 Nov), not from the NO before there was one (2 Nov)', async () => {
    const window = { journeyId, from: '2026-11-02T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z' };
    const view = await askUntil(() => api.query(org.leader, 'journeyAnalytics', window), (found) => found.pivots.count > 0);
    expect(view.pivots.medianHoursFromFirstNo).toBe(24);
    expect(view.pivots.pivots.map((pivot) => pivot.hoursFromFirstNo)).toEqual([24]);
  });
});
