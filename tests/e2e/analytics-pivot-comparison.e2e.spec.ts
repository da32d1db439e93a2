/**
 * Each pivot's closer rate after it against the same number before it, at its edges: the rate is
 * over YES and NO answers only, so UNSURE counts on neither side; each side keeps to one direction
 * (before: since the direction the pivot turned away from was set, by the previous pivot or by
 * setDirection; after: up to the next pivot); with fewer answers on one side, that many are compared
 * on each (the ones nearest the pivot); an answer at the pivot's very instant counts before it.
 * Counted by hand.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';
import { buildOrg, startJourney } from './support/org-builder';
import { stepwiseApi, type Person, type StepwiseApi } from './support/stepwise-api';

describe('the closer rate around each pivot', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z'); // a Monday
  let stepwise: Stepwise;
  let api: StepwiseApi;

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('compares as many YES/NO answers on each side as the shorter side has, each side about one direction', async () => {
    const org = await buildOrg(api, { label: 'pivot-compare', staff: 3 });
    const [s1, s2, s3] = org.staff;
    const journeyId = await startJourney(api, org, { title: 'Shared calendar', direction: null });
    const answer = async (who: Person, at: string, closer: 'YES' | 'NO' | 'UNSURE'): Promise<void> => {
      clock.set(at);
      await api.mutate(who, 'recordReflection', { journeyId, closer, comfort: 3 });
    };
    const pivot = async (at: string, toDirection: string): Promise<string> => {
      clock.set(at);
      return (await api.mutate(org.leader, 'makePivot', { journeyId, toDirection, reason: 'Not closer' })).createdId!;
    };

    await answer(s1, '2026-11-02T10:00:00.000Z', 'YES'); // no direction yet: neither side of any pivot
    await answer(s2, '2026-11-02T11:00:00.000Z', 'YES'); // no direction yet
    clock.set('2026-11-03T09:00:00.000Z');
    await api.mutate(org.leader, 'setDirection', { journeyId, direction: 'One calendar per team' });
    await answer(s1, '2026-11-03T10:00:00.000Z', 'NO');
    await answer(s2, '2026-11-03T11:00:00.000Z', 'UNSURE');
    await answer(s3, '2026-11-04T09:00:00.000Z', 'NO'); // at the first pivot's instant: before it
    const p1 = await pivot('2026-11-04T09:00:00.000Z', 'One calendar for everyone');
    await answer(s1, '2026-11-05T09:00:00.000Z', 'YES');
    await answer(s2, '2026-11-05T10:00:00.000Z', 'UNSURE');
    await answer(s3, '2026-11-05T11:00:00.000Z', 'YES');
    await answer(s1, '2026-11-05T12:00:00.000Z', 'NO');
    const p2 = await pivot('2026-11-06T09:00:00.000Z', 'A calendar per project');
    await answer(s1, '2026-11-09T09:00:00.000Z', 'YES');
    await answer(s2, '2026-11-10T09:00:00.000Z', 'NO');
    await answer(s3, '2026-11-11T09:00:00.000Z', 'YES');
    await answer(s1, '2026-11-12T09:00:00.000Z', 'YES');
    await answer(s2, '2026-11-13T09:00:00.000Z', 'NO');
    clock.set('2026-11-16T09:00:00.000Z');

    const window = { journeyId, from: '2026-11-02T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' };
    await analyticsCaughtUp(stepwise);
    const view = await askUntil(
      () => api.query(org.leader, 'journeyAnalytics', window),
      ({ direction }) => direction.yes + direction.no + direction.unsure >= 14,
    );
    expect(view.pivots.pivots).toEqual([
      // p2 turned away from p1's direction: YES, YES, NO before it (since 4 Nov 09:00); YES, NO, YES,
      // YES, NO after it. Three on each side: YES, YES, NO (2 of 3) against YES, NO, YES (2 of 3).
      // First NO of its run: 5 Nov 12:00, 21 hours before it.
      { pivotId: p2, journeyId, at: '2026-11-06T09:00:00.000Z', hoursFromFirstNo: 21, reflectionsCompared: 3, closerRateBefore: 2 / 3, closerRateAfter: 2 / 3 },
      // p1: NO, NO before it (since the direction was set; the NO at its instant included); YES, YES,
      // NO after it, up to p2. Two on each side: NO, NO (0) against YES, YES (1). First NO: 3 Nov 10:00.
      { pivotId: p1, journeyId, at: '2026-11-04T09:00:00.000Z', hoursFromFirstNo: 23, reflectionsCompared: 2, closerRateBefore: 0, closerRateAfter: 1 },
    ]);
  });
});
