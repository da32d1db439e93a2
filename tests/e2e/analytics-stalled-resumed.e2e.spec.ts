/**
 * Stalled journeys and a pause: a journey resumed after weeks on hold starts its quiet stretch again
 * when it resumed (as the stalled nudge counts it), so it is not reported stalled the day after it
 * came back. A journey never paused, quiet as long, is. Counted by hand, stalled after 14 days.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type AnalyticsView, type StepwiseApi } from './support/stepwise-api';
import { analyticsCaughtUp } from './support/analytics-caught-up';

describe('stalled journeys after a pause', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z'); // a Monday
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let resumed: string;
  let neverPaused: string;

  const team = (): Promise<AnalyticsView> => api.query(org.leader, 'teamAnalytics', { teamId: org.teamId });

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'stalled', staff: 1 });
    const [staff] = org.staff;
    for (const title of ['Back from hold', 'Never paused']) {
      const journeyId = await startJourney(api, org, { title });
      const stepId = (await api.mutate(staff, 'planStep', { journeyId, title: 'First step' })).createdId!;
      await api.mutate(staff, 'takeStep', { journeyId, stepId });
      if (title === 'Back from hold') resumed = journeyId;
      else neverPaused = journeyId;
    }
    // On hold from the next day until Monday 30 Nov 09:00.
    clock.set('2026-11-03T09:00:00.000Z');
    await api.mutate(org.leader, 'pauseJourney', { journeyId: resumed, reason: 'Budget freeze' });
    clock.set('2026-11-30T09:00:00.000Z');
    await api.mutate(org.leader, 'resumeJourney', { journeyId: resumed });
    // Analytics follow the log on a processor of their own: a half-projected log (paused, not yet
    // resumed) would read the same stalled count.
    await analyticsCaughtUp(stepwise);
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('two days after it resumed, the resumed journey is not stalled; the one quiet for 30 days is', async () => {
    clock.set('2026-12-02T09:00:00.000Z');
    const view = await team();
    expect(view.stalled).toEqual({
      count: 1,
      stalledAfterDays: 14,
      journeys: [{ journeyId: neverPaused, title: 'Never paused', quietSince: '2026-11-02T09:00:00.000Z', daysWithoutStep: 30 }],
    });
    expect(view.attention.filter((finding) => finding.journeyId === resumed)).toEqual([]);
  });

  it('14 days after it resumed with no step, it is stalled, counted from the resume', async () => {
    clock.set('2026-12-14T09:00:00.000Z');
    const view = await team();
    expect(view.stalled.count).toBe(2);
    expect(view.stalled.journeys).toEqual([
      { journeyId: neverPaused, title: 'Never paused', quietSince: '2026-11-02T09:00:00.000Z', daysWithoutStep: 42 },
      { journeyId: resumed, title: 'Back from hold', quietSince: '2026-11-30T09:00:00.000Z', daysWithoutStep: 14 },
    ]);
    expect(view.attention.filter((finding) => finding.journeyId === resumed).map((finding) => finding.message)).toEqual([
      'No step taken on "Back from hold" for 14 days (since it resumed on 30 Nov)',
    ]);
  });
});
