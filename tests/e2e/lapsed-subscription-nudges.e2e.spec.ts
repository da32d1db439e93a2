/**
 * A team whose subscription was cancelled is read-only, so its members are asked for nothing: two
 * organisations, each with a subscribed team, a journey and a step taken by a staff member (a
 * reflection nudge owed four hours later); one cancels its team's subscription in between. When
 * the injected clock reaches the nudges' time, the active team's member gets theirs in-app and the
 * cancelled team's member does not: theirs is suppressed with SUBSCRIPTION_INACTIVE.
 */
import { FixedClock } from '@stepwise/kernel';
import { waitUntil } from '../support/nudges';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { nudgeApi, type NudgeApi, type NudgeNode } from './support/nudge-documents';
import { buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Person, type StepwiseApi } from './support/stepwise-api';

const START = '2026-03-02T09:00:00.000Z';
const HOUR = 3_600_000;

describe('nudges for a team whose subscription was cancelled', () => {
  const clock = new FixedClock(START);
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let nudges: NudgeApi;
  let active: OrgFixture;
  let cancelled: OrgFixture;

  const reflectOf = (as: Person, state?: NudgeNode['state']) => async () =>
    (await nudges.myNudges(as, { first: 50 })).edges.map(({ node }) => node).find((node) => node.rule === 'REFLECT' && (!state || node.state === state));

  beforeAll(async () => {
    stepwise = await startStepwise({
      clock,
      // Only what is due on the fixed clock goes to Redis (BullMQ's delays run on real time); the relay looks often.
      env: { STEPWISE_NUDGE_LOOKAHEAD_MS: '0', STEPWISE_NUDGE_RELAY_POLL_MS: '100' },
    });
    api = stepwiseApi(stepwise);
    nudges = nudgeApi(api);
    active = await buildOrg(api, { label: 'active', staff: 1 });
    cancelled = await buildOrg(api, { label: 'lapsed', staff: 1 });
  });

  afterAll(() => stepwise?.close());

  it('delivers the active team’s member a reflection nudge in-app, and suppresses the cancelled team’s', async () => {
    for (const org of [active, cancelled]) {
      const journeyId = await startJourney(api, org);
      await takenStep(api, org.staff[0], journeyId, 'Share my plan in the channel');
      await waitUntil(reflectOf(org.staff[0], 'SCHEDULED'), `${org.staff[0].name}’s reflection nudge, scheduled`);
    }

    await api.mutate(cancelled.admin, 'cancelSubscription', { teamId: cancelled.teamId });
    // The api refuses the cancelled team's journey writes: the nudge would ask for one.
    expect(errorCode(await api.attempt(cancelled.leader, 'startJourney', { teamId: cancelled.teamId, title: 'After the end' }))).toBe('SUBSCRIPTION_INACTIVE');

    clock.advance(4 * HOUR);
    const delivered = await waitUntil(reflectOf(active.staff[0], 'DELIVERED'), 'the active team’s reflection nudge, delivered');
    expect(delivered).toMatchObject({ channel: 'IN_APP', deliveredAt: clock.now().toISOString() });
    const suppressed = await waitUntil(reflectOf(cancelled.staff[0], 'SUPPRESSED'), 'the cancelled team’s reflection nudge, suppressed');
    expect(suppressed).toMatchObject({ suppressedReason: 'SUBSCRIPTION_INACTIVE', channel: null, deliveredAt: null });
    expect((await nudges.myNudges(cancelled.staff[0], { state: 'DELIVERED' })).edges).toEqual([]);
  });
});
