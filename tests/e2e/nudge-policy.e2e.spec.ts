/**
 * The worker runs the nudge policy: a step taken over GraphQL becomes, in nudges.outbox, a
 * reflection nudge to its owner 4 hours later and a stalled-journey nudge to the team's leader,
 * judged by the clock the worker was given (a fixed clock in March 2026: nothing is stale). A step
 * recorded days after it was taken owes its reflection from when it was recorded, not STALE.
 */
import { FixedClock } from '@stepwise/kernel';
import { loadTenantOutbox, type OutboxNudge } from '@stepwise/nudges-infrastructure';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { nudgeApi } from './support/nudge-documents';
import { buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type StepwiseApi } from './support/stepwise-api';

const waitFor = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('the worker’s nudge policy', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'nudged' });
  });

  afterAll(() => stepwise.close());

  it('owes the step’s owner a reflection and the leader a stalled-journey check, in the outbox', async () => {
    const journeyId = await startJourney(api, org, { title: 'Calm Mondays' });
    clock.advance(60 * 60_000);
    const stepId = await takenStep(api, org.staff[0], journeyId, 'Stand-up at 9:15');
    const rows = await waitFor(async () => {
      const outbox = await loadTenantOutbox(stepwise.runtime.database, org.organisationId);
      return outbox.some((nudge) => nudge.rule === 'REFLECT') ? outbox : undefined;
    });
    const summary = (nudge: OutboxNudge) => [nudge.rule, nudge.recipientId, nudge.subject.subjectId, nudge.dueAt, nudge.suppressedReason];
    expect(rows.filter((nudge) => nudge.subject.journeyId === journeyId).map(summary)).toEqual(
      expect.arrayContaining([
        ['REFLECT', org.staff[0].memberId, stepId, '2026-03-02T14:00:00.000Z', null],
        ['STALLED_JOURNEY', org.leader.memberId, 'quiet-since-2026-03-02T10:00:00.000Z', '2026-03-16T10:00:00.000Z', null],
      ]),
    );
  });

  // A commitment due on the last day ISO dates with four-digit years have (9999-12-31) owes an
  // overdue nudge in year 10000: a time PostgreSQL cannot read as written (+010000-01-01T09:00Z).
  // The policy's batch failed on it and retried from its checkpoint forever, so no nudge was owed
  // again to anyone, in any organisation. A nudge due past year 9999 is never sent; it is not owed.
  it('a commitment due on 9999-12-31 does not stop the policy', async () => {
    const journeyId = await startJourney(api, org, { title: 'Forever' });
    const { createdId: commitmentId } = await api.mutate(org.staff[0], 'makeCommitment', { journeyId, description: 'Someday', dueOn: '9999-12-31' });
    const stepId = await takenStep(api, org.staff[0], journeyId, 'After the far commitment');
    const rows = await waitFor(async () => {
      const outbox = await loadTenantOutbox(stepwise.runtime.database, org.organisationId);
      return outbox.some((nudge) => nudge.rule === 'REFLECT' && nudge.subject.subjectId === stepId) ? outbox : undefined;
    });
    expect(rows.filter((nudge) => nudge.subject.subjectId === commitmentId).map((nudge) => [nudge.rule, nudge.dueAt])).toEqual([
      ['COMMITMENT_DUE', '9999-12-30T09:00:00.000Z'],
    ]);
  });

  // takeStep accepts a takenAt anywhere since the journey began. The reflection was owed 4 hours
  // after it, three days before anyone could know: judged by that due time alone, the nudge was
  // written STALE and never sent, though the owner had not reflected. It is owed from when the
  // step was recorded (out of the owner's quiet hours as ever).
  it('owes the reflection on a step recorded days after it was taken from when it was recorded, not STALE', async () => {
    clock.set('2026-03-03T09:00:00.000Z');
    const journeyId = await startJourney(api, org, { title: 'Recorded late' });
    const { createdId: stepId } = await api.mutate(org.staff[0], 'planStep', { journeyId, title: 'Walked the floor' });
    clock.set('2026-03-06T09:00:00.000Z');
    await api.mutate(org.staff[0], 'takeStep', { journeyId, stepId, takenAt: '2026-03-03T10:00:00.000Z' });
    const reflect = await waitFor(async () =>
      (await loadTenantOutbox(stepwise.runtime.database, org.organisationId)).find((nudge) => nudge.rule === 'REFLECT' && nudge.subject.subjectId === stepId),
    );
    expect([reflect.rule, reflect.recipientId, reflect.dueAt, reflect.suppressedReason]).toEqual(['REFLECT', org.staff[0].memberId, '2026-03-06T09:00:00.000Z', null]);
    // The member's list is filled from the outbox by the relay, a moment after the policy wrote it.
    const mine = await waitFor(async () =>
      (await nudgeApi(api).myNudges(org.staff[0], { first: 50 })).edges.map(({ node }) => node).find((node) => node.id === reflect.nudgeId),
    );
    expect(mine).toMatchObject({ rule: 'REFLECT', journeyId, suppressedReason: null, dueAt: '2026-03-06T09:00:00.000Z' });
    expect(['SCHEDULED', 'DELIVERED']).toContain(mine?.state);
  });
});
