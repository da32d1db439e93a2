/**
 * Nudges over GraphQL, with the api and the worker booted as `npm start` composes them, a fixed clock
 * injected into both, and a local webhook receiver. A journey is driven over GraphQL; its domain
 * events reach the webhook endpoint subscribed to them (without a person's comfort or note), and
 * nudges owed to a member show in `myNudges` with their state, go out in-app and to the endpoints
 * subscribed to nudges, wait for their time on the injected clock, and can be dismissed. A receiver
 * that answers 410 leaves dead letters that admins list and replay, and nobody else sees.
 *
 * Until the nudge policy runs in the worker, the owed nudges are written to the outbox here, as the
 * policy writes them.
 */
import { randomUUID } from 'node:crypto';
import { FixedClock } from '@stepwise/kernel';
import { insertOwedNudges, owedNudge, startWebhookReceiver, StaticWebhookEndpoints, TEST_WEBHOOK_SECRET, waitUntil, type WebhookReceiver } from '../support/nudges';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { nudgeApi, type NudgeApi, type NudgeNode } from './support/nudge-documents';
import { buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type StepwiseApi } from './support/stepwise-api';

const START = '2026-03-02T09:00:00.000Z';
const HOUR = 3_600_000;

describe('nudges over GraphQL, delivered in-app and to webhooks', () => {
  const clock = new FixedClock(START);
  const endpoints = new StaticWebhookEndpoints();
  let receiver: WebhookReceiver;
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let nudges: NudgeApi;
  let org: OrgFixture;
  let other: OrgFixture;
  let journeyId: string;
  let stepId: string;
  const now = { id: randomUUID() };
  const later = { id: randomUUID() };

  const byId = async (as: OrgFixture['admin'], id: string): Promise<NudgeNode | undefined> =>
    (await nudges.myNudges(as, { first: 50 })).edges.map(({ node }) => node).find((node) => node.id === id);
  const inState = (as: OrgFixture['admin'], id: string, state: NudgeNode['state']) => async () => ((await byId(as, id))?.state === state ? true : undefined);

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    stepwise = await startStepwise({
      clock,
      nudgeDelivery: { endpoints, disabler: endpoints },
      // Only what is due by the fixed clock goes to Redis (delays are real time); the relay looks often.
      env: { STEPWISE_NUDGE_LOOKAHEAD_MS: '0', STEPWISE_NUDGE_RELAY_POLL_MS: '100', STEPWISE_NUDGE_BACKOFF_BASE_MS: '50', STEPWISE_NUDGE_BACKOFF_CAP_MS: '100' },
    });
    api = stepwiseApi(stepwise);
    nudges = nudgeApi(api);
    org = await buildOrg(api, { label: 'nudged', staff: 2 });
    other = await buildOrg(api, { label: 'elsewhere', staff: 1 });
    endpoints.add({ tenantId: org.organisationId, endpointId: 'ops', url: `${receiver.url}/ok`, secrets: [TEST_WEBHOOK_SECRET], types: ['nudge', 'StepTaken', 'ReflectionRecorded'] });
    endpoints.add({ tenantId: org.organisationId, endpointId: 'retired', url: `${receiver.url}/gone`, secrets: [TEST_WEBHOOK_SECRET], types: ['nudge'] });

    journeyId = await startJourney(api, org);
    stepId = await takenStep(api, org.staff[0], journeyId, 'Share my plan in the channel');
    await api.mutate(org.staff[0], 'recordReflection', { journeyId, stepId, closer: 'YES', comfort: 2, note: 'Felt exposed' });

    const ada = org.staff[0].memberId;
    await insertOwedNudges(stepwise.runtime.database, [
      owedNudge({ nudgeId: now.id, organisationId: org.organisationId, recipientId: ada, dueAt: START, subject: { journeyId, teamId: org.teamId, subjectId: stepId }, facts: { stepTitle: 'Share my plan in the channel' } }),
      owedNudge({ nudgeId: later.id, organisationId: org.organisationId, recipientId: ada, rule: 'NEXT_STEP', dueAt: new Date(Date.parse(START) + 4 * HOUR).toISOString(), subject: { journeyId, teamId: org.teamId, subjectId: `next-${stepId}` }, facts: { journeyTitle: 'Move to weekly planning' } }),
    ]);
  });

  afterAll(async () => {
    await stepwise?.close();
    await receiver?.close();
  });

  it('shows a member every nudge owed to them, with its state: the one due now delivered in-app, the later one scheduled', async () => {
    await waitUntil(inState(org.staff[0], now.id, 'DELIVERED'), 'the nudge due now, delivered');
    const mine = await nudges.myNudges(org.staff[0]);
    expect(mine.edges.map(({ node }) => [node.id, node.state, node.channel])).toEqual([
      [later.id, 'SCHEDULED', null],
      [now.id, 'DELIVERED', 'IN_APP'],
    ]);
    expect(mine.edges[1].node).toMatchObject({ rule: 'REFLECT', title: 'Time to reflect', journeyId, teamId: org.teamId, dueAt: START, deliveredAt: START });
    expect(mine.edges[1].node.text).toContain('“Share my plan in the channel”');
    expect((await nudges.myNudges(org.staff[0], { state: 'SCHEDULED' })).edges.map(({ node }) => node.id)).toEqual([later.id]);
    // Nobody else's: a teammate, and the same member id asked in another organisation, see none of it.
    expect((await nudges.myNudges(org.staff[1])).edges).toEqual([]);
    expect((await nudges.myNudges(other.staff[0])).edges).toEqual([]);
  });

  it('sends the nudge to the endpoint subscribed to nudges, signed, once', async () => {
    const hook = await waitUntil(() => [...receiver.handled.values()].find((received) => received.path === '/ok' && received.body.data.nudgeId === now.id), 'the nudge webhook');
    expect(hook.body).toMatchObject({ type: 'nudge', data: { nudgeId: now.id, rule: 'REFLECT', recipientId: org.staff[0].memberId, title: 'Time to reflect' } });
    expect(hook.signature).toMatch(/^v1,/);
    expect(receiver.received.filter((received) => received.id === hook.id)).toHaveLength(1);
  });

  it('sends the journey’s domain events to the endpoint subscribed to them, without comfort or note', async () => {
    const events = await waitUntil(() => {
      const found = [...receiver.handled.values()].filter((received) => received.body.type !== 'nudge' && received.path === '/ok');
      return found.length >= 2 ? found : undefined;
    }, 'the StepTaken and ReflectionRecorded webhooks');
    expect(events.map((hook) => hook.body.type).sort()).toEqual(['ReflectionRecorded', 'StepTaken']);
    const reflection = events.find((hook) => hook.body.type === 'ReflectionRecorded')!;
    expect(reflection.body.data).toMatchObject({ organisationId: org.organisationId, streamId: `journey-${journeyId}`, event: { closer: 'YES', stepId } });
    expect(reflection.body.data.event).not.toHaveProperty('comfort');
    expect(reflection.body.data.event).not.toHaveProperty('note');
    expect(reflection.body.timestamp).toBe(START);
  });

  it('delivers the later nudge once the clock reaches its time', async () => {
    expect((await byId(org.staff[0], later.id))?.state).toBe('SCHEDULED');
    clock.advance(4 * HOUR);
    await waitUntil(inState(org.staff[0], later.id, 'DELIVERED'), 'the later nudge');
    expect(await byId(org.staff[0], later.id)).toMatchObject({ deliveredAt: new Date(Date.parse(START) + 4 * HOUR).toISOString(), title: 'Take the next small step' });
  });

  it('lets a member dismiss their own nudge, and only their own', async () => {
    const dismissed = await nudges.dismissNudge(org.staff[0], now.id);
    expect(dismissed.data?.dismissNudge?.nudge).toMatchObject({ id: now.id, state: 'DISMISSED', dismissedAt: clock.now().toISOString(), channel: 'IN_APP' });
    expect(errorCode(await nudges.dismissNudge(org.staff[1], later.id))).toBe('NUDGE_NOT_FOUND');
    expect(errorCode(await nudges.dismissNudge({ ...other.staff[0] }, later.id))).toBe('NUDGE_NOT_FOUND');
    expect((await nudges.dismissNudge(org.staff[0], now.id)).data?.dismissNudge?.nudge.state).toBe('DISMISSED');
    expect((await nudges.myNudges(org.staff[0], { state: 'DISMISSED' })).edges.map(({ node }) => node.id)).toEqual([now.id]);
  });

  it('does not deliver a nudge dismissed before its time', async () => {
    const early = randomUUID();
    await insertOwedNudges(stepwise.runtime.database, [
      owedNudge({ nudgeId: early, organisationId: org.organisationId, recipientId: org.staff[1].memberId, dueAt: new Date(clock.now().getTime() + HOUR).toISOString() }),
    ]);
    await waitUntil(inState(org.staff[1], early, 'SCHEDULED'), 'the scheduled nudge');
    await nudges.dismissNudge(org.staff[1], early);
    clock.advance(HOUR);
    const suppressed = async () =>
      (
        await stepwise.runtime.database.query<{ state: string; suppressed_reason: string }>(
          `SELECT state, suppressed_reason FROM nudges.deliveries WHERE nudge_id = $1 AND kind = 'MEMBER'`,
          [early],
        )
      ).rows[0];
    await waitUntil(async () => ((await suppressed())?.state === 'SUPPRESSED' ? true : undefined), 'the suppressed delivery');
    expect(await byId(org.staff[1], early)).toMatchObject({ state: 'DISMISSED', deliveredAt: null });
  });

  it('lists dead letters to admins only, with every attempt, and replays one with a fresh attempt budget', async () => {
    const dead = await waitUntil(async () => {
      const response = await nudges.deadLetters(org.admin);
      const edges = response.data?.deadLetters?.edges ?? [];
      return edges.length >= 1 ? edges.map(({ node }) => node) : undefined;
    }, 'the dead letter of the retired endpoint');
    // The first nudge met the 410 and died; the endpoint was disabled then, so the later nudge was not sent there.
    expect(dead).toHaveLength(1);
    expect(dead[0].nudgeId).toBe(now.id);
    expect(dead.every((letter) => letter.kind === 'WEBHOOK' && letter.endpointId === 'retired' && letter.eventType === 'nudge' && letter.lastStatusCode === 410)).toBe(true);
    expect(dead[0].attempts.edges.map(({ node }) => [node.attemptNumber, node.channel, node.outcome, node.statusCode])).toEqual([[1, 'WEBHOOK', 'PERMANENT', 410]]);
    expect(endpoints.disabled.get('retired')).toMatch(/410/);

    expect(errorCode(await nudges.deadLetters(org.staff[0]))).toBe('FORBIDDEN');
    expect(errorCode(await nudges.replayDeadLetter(org.staff[0], dead[0].id))).toBe('FORBIDDEN');
    expect(errorCode(await nudges.replayDeadLetter(other.admin, dead[0].id))).toBe('DELIVERY_NOT_FOUND');
    expect((await nudges.deadLetters(other.admin)).data?.deadLetters?.edges).toEqual([]);

    // The endpoint is back (say, fixed by its owner), still answering 410: the replay tries once more and dies again.
    endpoints.disabled.delete('retired');
    const replayed = await nudges.replayDeadLetter(org.admin, dead[0].id);
    expect(replayed.data?.replayDeadLetter?.delivery).toMatchObject({ id: dead[0].id, state: 'PENDING', attemptCount: 1, maxAttempts: 1 + dead[0].maxAttempts, replays: 1, replayedBy: org.admin.memberId });
    expect(errorCode(await nudges.replayDeadLetter(org.admin, dead[0].id))).toBe('DELIVERY_NOT_DEAD');
    await waitUntil(async () => {
      const again = (await nudges.deadLetters(org.admin)).data?.deadLetters?.edges.find(({ node }) => node.id === dead[0].id)?.node;
      return again && again.attemptCount === 2 ? again : undefined;
    }, 'the replayed attempt');
    expect(receiver.received.filter((hook) => hook.id === dead[0].id)).toHaveLength(2);
  });

  it('keeps the member nudges of each organisation to itself in the database as well', async () => {
    const rows = await stepwise.runtime.database.transaction(
      async (tx) => (await tx.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM nudges.member_nudges')).rows,
      { setupSql: `SELECT set_config('stepwise.tenant_id', '${other.organisationId}', true); SET LOCAL ROLE stepwise_app` },
    );
    expect(rows).toEqual([]);
  });
});
