/**
 * The worker runs the nudge policy: a step taken over GraphQL becomes, in nudges.outbox, a
 * reflection nudge to its owner 4 hours later and a stalled-journey nudge to the team's leader,
 * judged by the clock the worker was given (a fixed clock in March 2026: nothing is stale).
 */
import { FixedClock } from '@stepwise/kernel';
import { loadTenantOutbox, type OutboxNudge } from '@stepwise/nudges-infrastructure';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
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
});
