/**
 * Nudges over GraphQL, with the api and the worker booted as `npm start` composes them, a fixed clock
 * injected into both, and a local webhook receiver. A journey is driven over GraphQL and the nudge
 * policy owes nudges from it: a staff member's reflection with low comfort owes their leader a
 * support nudge at once, a step taken owes its owner a reflection nudge four hours later. Members see
 * them in `myNudges` with their state, get them in-app when due on the injected clock, and dismiss
 * them; the endpoints subscribed to nudges and to the journey's events get them signed, without a
 * person's comfort or note. A receiver that answers 410 leaves a dead letter that admins list and
 * replay, and nobody else sees.
 */
import { FixedClock } from '@stepwise/kernel';
import { localWebhookSender, startWebhookReceiver, StaticWebhookEndpoints, TEST_WEBHOOK_SECRET, waitUntil, type WebhookReceiver } from '../support/nudges';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { nudgeApi, type NudgeApi, type NudgeNode } from './support/nudge-documents';
import { buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Person, type StepwiseApi } from './support/stepwise-api';

const START = '2026-03-02T09:00:00.000Z';
const HOUR = 3_600_000;
const at = (offsetMs: number): string => new Date(Date.parse(START) + offsetMs).toISOString();

describe('nudges owed by the policy, over GraphQL, in-app and to webhooks', () => {
  const clock = new FixedClock(START);
  const endpoints = new StaticWebhookEndpoints();
  let receiver: WebhookReceiver;
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let nudges: NudgeApi;
  let org: OrgFixture;
  let other: OrgFixture;
  let ada: Person;
  let bo: Person;
  let journeyId: string;
  let stepId: string;

  const mine = async (as: Person): Promise<NudgeNode[]> => (await nudges.myNudges(as, { first: 50 })).edges.map(({ node }) => node);
  const nudgeOf = (as: Person, rule: string, state?: NudgeNode['state']) => async () => (await mine(as)).find((node) => node.rule === rule && (!state || node.state === state));

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    stepwise = await startStepwise({
      clock,
      nudgeDelivery: { endpoints, disabler: endpoints, webhookSender: localWebhookSender() },
      // Only what is due on the fixed clock goes to Redis (BullMQ's delays run on real time); the relay looks often.
      env: { STEPWISE_NUDGE_LOOKAHEAD_MS: '0', STEPWISE_NUDGE_RELAY_POLL_MS: '100', STEPWISE_NUDGE_BACKOFF_BASE_MS: '50', STEPWISE_NUDGE_BACKOFF_CAP_MS: '100' },
    });
    api = stepwiseApi(stepwise);
    nudges = nudgeApi(api);
    org = await buildOrg(api, { label: 'nudged', staff: 2 });
    other = await buildOrg(api, { label: 'elsewhere', staff: 1 });
    [ada, bo] = org.staff;
    endpoints.add({ tenantId: org.organisationId, endpointId: 'ops', url: `${receiver.url}/ok`, secrets: [TEST_WEBHOOK_SECRET], types: ['nudge', 'StepTaken', 'ReflectionRecorded'] });
    endpoints.add({ tenantId: org.organisationId, endpointId: 'retired', url: `${receiver.url}/gone`, secrets: [TEST_WEBHOOK_SECRET], types: ['nudge'] });

    journeyId = await startJourney(api, org);
    stepId = await takenStep(api, ada, journeyId, 'Share my plan in the channel');
    await api.mutate(bo, 'recordReflection', { journeyId, closer: 'NO', comfort: 1, note: 'Felt exposed' });
  });

  afterAll(async () => {
    await stepwise?.close();
    await receiver?.close();
  });

  it('shows the leader the support nudge owed at once, delivered in-app, and the step’s owner the reflection nudge, scheduled', async () => {
    const support = await waitUntil(nudgeOf(org.leader, 'SUPPORT_LOW_COMFORT', 'DELIVERED'), 'the support nudge, delivered');
    expect(support).toMatchObject({ title: 'Someone may need your support', channel: 'IN_APP', journeyId, teamId: org.teamId, dueAt: START, deliveredAt: START });
    expect(support.text).not.toMatch(/\b1\b|exposed/);
    const reflect = await waitUntil(nudgeOf(ada, 'REFLECT'), 'the reflection nudge');
    expect(reflect).toMatchObject({ state: 'SCHEDULED', channel: null, dueAt: at(4 * HOUR), title: 'Time to reflect' });
    expect(reflect.text).toContain('“Share my plan in the channel”');
    expect((await nudges.myNudges(ada, { state: 'DELIVERED' })).edges).toEqual([]);
    // Nobody else's: the staff member who reflected, and another organisation, see none of these.
    expect((await mine(bo)).filter((node) => node.rule === 'SUPPORT_LOW_COMFORT' || node.rule === 'REFLECT')).toEqual([]);
    expect(await mine(other.staff[0])).toEqual([]);
  });

  it('sends the support nudge to the endpoint subscribed to nudges, signed, once, without the comfort it was about', async () => {
    const support = (await waitUntil(nudgeOf(org.leader, 'SUPPORT_LOW_COMFORT'), 'the support nudge'))!;
    const hook = await waitUntil(() => [...receiver.handled.values()].find((received) => received.path === '/ok' && received.body.data.nudgeId === support.id), 'the nudge webhook');
    expect(hook.body).toMatchObject({ type: 'nudge', timestamp: START, data: { rule: 'SUPPORT_LOW_COMFORT', recipientId: org.leader.memberId, journeyId, facts: { memberId: bo.memberId } } });
    expect(hook.body.data.facts).not.toHaveProperty('comfort');
    expect(hook.signature).toMatch(/^v1,/);
    expect(receiver.received.filter((received) => received.id === hook.id)).toHaveLength(1);
  });

  it('sends the journey’s domain events to the endpoint subscribed to them, without comfort or note', async () => {
    const events = await waitUntil(() => {
      const found = [...receiver.handled.values()].filter((received) => received.body.type !== 'nudge');
      return found.length >= 2 ? found : undefined;
    }, 'the StepTaken and ReflectionRecorded webhooks');
    expect(events.map((hook) => hook.body.type).sort()).toEqual(['ReflectionRecorded', 'StepTaken']);
    const reflection = events.find((hook) => hook.body.type === 'ReflectionRecorded')!;
    expect(reflection.body).toMatchObject({ timestamp: START, data: { organisationId: org.organisationId, streamId: `journey-${journeyId}`, actorId: bo.memberId, event: { closer: 'NO', memberId: bo.memberId } } });
    expect(reflection.body.data.event).not.toHaveProperty('comfort');
    expect(reflection.body.data.event).not.toHaveProperty('note');
    expect(events.find((hook) => hook.body.type === 'StepTaken')?.body.data.event).toMatchObject({ stepId, ownerId: ada.memberId });
  });

  it('delivers the reflection nudge once the clock reaches its time', async () => {
    expect((await nudgeOf(ada, 'REFLECT')())?.state).toBe('SCHEDULED');
    clock.advance(4 * HOUR);
    const reflect = await waitUntil(nudgeOf(ada, 'REFLECT', 'DELIVERED'), 'the reflection nudge, delivered');
    expect(reflect).toMatchObject({ channel: 'IN_APP', deliveredAt: at(4 * HOUR) });
    await waitUntil(() => [...receiver.handled.values()].find((received) => received.body.data.nudgeId === reflect.id), 'its webhook');
  });

  it('lets a member dismiss their own nudge, and only their own', async () => {
    const reflect = (await nudgeOf(ada, 'REFLECT')())!;
    const dismissed = await nudges.dismissNudge(ada, reflect.id);
    expect(dismissed.data?.dismissNudge?.nudge).toMatchObject({ id: reflect.id, state: 'DISMISSED', dismissedAt: clock.now().toISOString(), channel: 'IN_APP' });
    expect(errorCode(await nudges.dismissNudge(bo, reflect.id))).toBe('NUDGE_NOT_FOUND');
    expect(errorCode(await nudges.dismissNudge(other.staff[0], reflect.id))).toBe('NUDGE_NOT_FOUND');
    expect((await nudges.dismissNudge(ada, reflect.id)).data?.dismissNudge?.nudge.state).toBe('DISMISSED');
    expect((await nudges.myNudges(ada, { state: 'DISMISSED' })).edges.map(({ node }) => node.id)).toEqual([reflect.id]);
  });

  it('does not deliver a nudge dismissed before its time', async () => {
    await takenStep(api, bo, journeyId, 'Pair on Monday');
    const reflect = await waitUntil(nudgeOf(bo, 'REFLECT', 'SCHEDULED'), 'bo’s reflection nudge');
    await nudges.dismissNudge(bo, reflect.id);
    clock.advance(4 * HOUR);
    const suppressed = async () =>
      (await stepwise.runtime.database.query<{ state: string }>(`SELECT state FROM nudges.deliveries WHERE nudge_id = $1 AND kind = 'MEMBER'`, [reflect.id])).rows[0];
    await waitUntil(async () => ((await suppressed())?.state === 'SUPPRESSED' ? true : undefined), 'the suppressed delivery');
    expect(await nudgeOf(bo, 'REFLECT')()).toMatchObject({ state: 'DISMISSED', deliveredAt: null });
  });

  it('lists dead letters to admins only, with every attempt, and replays one with a fresh attempt budget', async () => {
    const dead = await waitUntil(async () => {
      const edges = (await nudges.deadLetters(org.admin)).data?.deadLetters?.edges ?? [];
      return edges.length >= 1 ? edges.map(({ node }) => node) : undefined;
    }, 'the dead letter of the retired endpoint');
    // The support nudge met the 410 and died; the endpoint was disabled then, so later nudges were not sent there.
    const support = (await nudgeOf(org.leader, 'SUPPORT_LOW_COMFORT')())!;
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ kind: 'WEBHOOK', endpointId: 'retired', eventType: 'nudge', nudgeId: support.id, lastStatusCode: 410, lastOutcome: 'PERMANENT', attemptCount: 1 });
    expect(dead[0].attempts.edges.map(({ node }) => [node.attemptNumber, node.channel, node.outcome, node.statusCode])).toEqual([[1, 'WEBHOOK', 'PERMANENT', 410]]);
    expect(endpoints.disabled.get('retired')).toMatch(/410/);

    expect(errorCode(await nudges.deadLetters(ada))).toBe('FORBIDDEN');
    expect(errorCode(await nudges.replayDeadLetter(ada, dead[0].id))).toBe('FORBIDDEN');
    expect(errorCode(await nudges.replayDeadLetter(other.admin, dead[0].id))).toBe('DELIVERY_NOT_FOUND');
    expect((await nudges.deadLetters(other.admin)).data?.deadLetters?.edges).toEqual([]);

    // Its owner turns the endpoint back on, still answering 410: the replay tries once more, and it dies again.
    endpoints.disabled.delete('retired');
    const replayed = await nudges.replayDeadLetter(org.admin, dead[0].id);
    expect(replayed.data?.replayDeadLetter?.delivery).toMatchObject({ id: dead[0].id, state: 'PENDING', attemptCount: 1, maxAttempts: 1 + dead[0].maxAttempts, replays: 1, replayedBy: org.admin.memberId });
    expect(errorCode(await nudges.replayDeadLetter(org.admin, dead[0].id))).toBe('DELIVERY_NOT_DEAD');
    const again = await waitUntil(async () => {
      const letter = (await nudges.deadLetters(org.admin)).data?.deadLetters?.edges.find(({ node }) => node.id === dead[0].id)?.node;
      return letter && letter.attemptCount === 2 ? letter : undefined;
    }, 'the replayed attempt');
    expect(again.attempts.edges.map(({ node }) => node.attemptNumber)).toEqual([1, 2]);
    expect(receiver.received.filter((hook) => hook.id === dead[0].id)).toHaveLength(2);
  });

  it('keeps each organisation’s member nudges from the others in the database too', async () => {
    const rows = await stepwise.runtime.database.transaction(
      async (tx) => (await tx.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM nudges.member_nudges')).rows,
      { setupSql: `SELECT set_config('stepwise.tenant_id', '${other.organisationId}', true); SET LOCAL ROLE stepwise_app` },
    );
    expect(rows).toEqual([]);
  });
});
