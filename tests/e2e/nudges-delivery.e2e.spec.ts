/**
 * Nudges over GraphQL, with the api and the worker booted as `npm start` composes them, a fixed clock
 * injected into both, and a local webhook receiver. A journey is driven over GraphQL and the nudge
 * policy owes nudges from it: a staff member's reflection with low comfort owes their leader a
 * support nudge at once, a step taken owes its owner a reflection nudge four hours later. Members see
 * them in `myNudges` with their state, get them in-app when due on the injected clock, and dismiss
 * them; the endpoints subscribed to nudges and to the journey's events get them signed, without a
 * person's comfort or note, and no endpoint gets the nudge owed for one member's low comfort. A receiver that answers 410 leaves a dead letter that admins list and
 * replay, and nobody else sees.
 */
import { FixedClock } from '@stepwise/kernel';
import { memberDeliveryId } from '@stepwise/nudges-infrastructure';
import { localWebhookSender, startWebhookReceiver, StaticWebhookEndpoints, TEST_WEBHOOK_SECRET, waitUntil, type WebhookReceiver } from '../support/nudges';
import { startStepwise, type GraphqlResponse, type Stepwise } from '../support/stepwise-harness';
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

  const refused = (response: GraphqlResponse): void => {
    expect(errorCode(response)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(response.errors?.[0]?.extensions?.details).toEqual({ field: 'clientMutationId' });
    expect(Object.values(response.data ?? {}).filter((payload) => payload !== null)).toEqual([]);
  };
  /** The rows as the database holds them, every column (updated_at too): a change written twice would show. */
  const memberNudgeRow = async (nudgeId: string): Promise<Record<string, unknown>> =>
    (
      await stepwise.runtime.database.transaction(async (tx) => (await tx.query('SELECT * FROM nudges.member_nudges WHERE nudge_id = $1', [nudgeId])).rows, {
        setupSql: `SELECT set_config('stepwise.tenant_id', '${org.organisationId}', true)`,
      })
    )[0];
  const deliveryRow = async (deliveryId: string): Promise<Record<string, unknown>> =>
    (await stepwise.runtime.database.query('SELECT * FROM nudges.deliveries WHERE delivery_id = $1', [deliveryId])).rows[0];
  const mine = async (as: Person): Promise<NudgeNode[]> => (await nudges.myNudges(as, { first: 50 })).edges.map(({ node }) => node);
  const nudgeOf = (as: Person, rule: string, state?: NudgeNode['state']) => async () => (await mine(as)).find((node) => node.rule === rule && (!state || node.state === state));

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    stepwise = await startStepwise({
      clock,
      // A generous timeout: one answer is held back while a GraphQL request runs (the dead letters' replay), seconds on a busy machine.
      nudgeDelivery: { endpoints, disabler: endpoints, webhookSender: localWebhookSender(15_000) },
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

  it('sends no endpoint the support nudge owed for one member’s low comfort: it would tell the organisation that person’s comfort', async () => {
    const support = (await waitUntil(nudgeOf(org.leader, 'SUPPORT_LOW_COMFORT', 'DELIVERED'), 'the support nudge'))!;
    // The journey's events, sent after it on the same path, arrived: the nudge had its chance.
    await waitUntil(() => [...receiver.handled.values()].find((received) => received.body.type === 'ReflectionRecorded'), 'the reflection’s event');
    const webhookDeliveries = await stepwise.runtime.database.query(`SELECT delivery_id FROM nudges.deliveries WHERE nudge_id = $1 AND kind = 'WEBHOOK'`, [support.id]);
    expect(webhookDeliveries.rows).toEqual([]);
    expect([...receiver.received].filter((received) => received.body.type === 'nudge' && received.body.data.rule === 'SUPPORT_LOW_COMFORT')).toEqual([]);
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
    const hook = await waitUntil(() => [...receiver.handled.values()].find((received) => received.path === '/ok' && received.body.data.nudgeId === reflect.id), 'its webhook');
    expect(hook.body).toMatchObject({ type: 'nudge', data: { rule: 'REFLECT', recipientId: ada.memberId, journeyId } });
    expect(hook.signature).toMatch(/^v1,/);
    expect(receiver.received.filter((received) => received.id === hook.id)).toHaveLength(1);
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

  it('replays a dismissal retried with its clientMutationId, and refuses the key with another nudge, writing nothing', async () => {
    await takenStep(api, ada, journeyId, 'Write the retro');
    await takenStep(api, ada, journeyId, 'Book the room');
    const scheduled = async (title: string) => (await mine(ada)).find((node) => node.rule === 'REFLECT' && node.state === 'SCHEDULED' && node.text.includes(title));
    const retro = await waitUntil(() => scheduled('Write the retro'), 'the retro’s reflection nudge');
    const room = await waitUntil(() => scheduled('Book the room'), 'the room’s reflection nudge');

    const first = (await nudges.dismissNudge(ada, retro.id, 'dismiss-retro')).data?.dismissNudge;
    expect(first).toMatchObject({ nudge: { id: retro.id, state: 'DISMISSED', dismissedAt: clock.now().toISOString() }, outcome: { projected: true, replayed: false } });
    const dismissedRow = await memberNudgeRow(retro.id);
    const roomRow = await memberNudgeRow(room.id);
    // Later on the clock, a second write would show in dismissed_at or updated_at.
    clock.advance(60_000);

    const retry = (await nudges.dismissNudge(ada, retro.id, 'dismiss-retro')).data?.dismissNudge;
    expect(retry).toEqual({ nudge: first!.nudge, outcome: { projected: true, replayed: true } });
    expect(await memberNudgeRow(retro.id)).toEqual(dismissedRow);

    refused(await nudges.dismissNudge(ada, room.id, 'dismiss-retro'));
    refused(await nudges.dismissNudge(ada, 'no-such-nudge', 'dismiss-retro'));
    expect(await memberNudgeRow(room.id)).toEqual(roomRow);

    // Authorisation as before, key or not; a refused dismissal records nothing, so its retry is refused again, not replayed.
    expect(errorCode(await nudges.dismissNudge(bo, room.id, 'not-mine'))).toBe('NUDGE_NOT_FOUND');
    expect(errorCode(await nudges.dismissNudge(bo, room.id, 'not-mine'))).toBe('NUDGE_NOT_FOUND');
    expect(errorCode(await nudges.dismissNudge(other.staff[0], room.id, 'not-mine'))).toBe('NUDGE_NOT_FOUND');
    expect(await memberNudgeRow(room.id)).toEqual(roomRow);
    // Another person's key is their own: the same id from ada is a new command.
    expect((await nudges.dismissNudge(ada, room.id, 'not-mine')).data?.dismissNudge?.outcome).toEqual({ projected: true, replayed: false });

    // Without a key, every request applies, and dismissing again changes nothing a member sees.
    expect((await nudges.dismissNudge(ada, retro.id)).data?.dismissNudge).toMatchObject({ nudge: { state: 'DISMISSED', dismissedAt: first!.nudge.dismissedAt }, outcome: { replayed: false } });
  });

  it('dismisses once when one key is sent several times at once: exactly one answer says replayed: false', async () => {
    await takenStep(api, ada, journeyId, 'Ask for feedback');
    const nudge = await waitUntil(
      async () => (await mine(ada)).find((node) => node.rule === 'REFLECT' && node.state === 'SCHEDULED' && node.text.includes('Ask for feedback')),
      'the feedback’s reflection nudge',
    );
    const answers = await Promise.all(Array.from({ length: 5 }, () => nudges.dismissNudge(ada, nudge.id, 'double-click')));
    expect(answers.map((answer) => answer.data?.dismissNudge?.outcome.replayed).sort()).toEqual([false, true, true, true, true]);
    expect(new Set(answers.map((answer) => answer.data?.dismissNudge?.nudge.dismissedAt)).size).toBe(1);
  });

  it('lists dead letters to admins only, with every attempt, and replays one with a fresh attempt budget', async () => {
    const dead = await waitUntil(async () => {
      const edges = (await nudges.deadLetters(org.admin)).data?.deadLetters?.edges ?? [];
      return edges.length >= 1 ? edges.map(({ node }) => node) : undefined;
    }, 'the dead letter of the retired endpoint');
    // The first nudge sent there (ada's reflection nudge) met the 410 and died; the endpoint was disabled then, so later nudges were not sent there.
    const first = (await mine(ada)).find((node) => node.rule === 'REFLECT' && node.text.includes('Share my plan in the channel'))!;
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ kind: 'WEBHOOK', endpointId: 'retired', eventType: 'nudge', nudgeId: first.id, lastStatusCode: 410, lastOutcome: 'PERMANENT', attemptCount: 1 });
    expect(dead[0].attempts.edges.map(({ node }) => [node.attemptNumber, node.channel, node.outcome, node.statusCode])).toEqual([[1, 'WEBHOOK', 'PERMANENT', 410]]);
    expect(endpoints.disabled.get('retired')).toMatch(/410/);

    expect(errorCode(await nudges.deadLetters(ada))).toBe('FORBIDDEN');
    expect(errorCode(await nudges.replayDeadLetter(ada, dead[0].id))).toBe('FORBIDDEN');
    expect(errorCode(await nudges.replayDeadLetter(other.admin, dead[0].id))).toBe('DELIVERY_NOT_FOUND');
    expect((await nudges.deadLetters(other.admin)).data?.deadLetters?.edges).toEqual([]);
    // A delivery that never died is answered as one that does not exist: its id follows from the
    // nudge's, so the leader's support nudge (owed for bo's low comfort, delivered in-app) tells the admin nothing.
    const support = (await waitUntil(nudgeOf(org.leader, 'SUPPORT_LOW_COMFORT', 'DELIVERED'), 'the support nudge'))!;
    expect(errorCode(await nudges.replayDeadLetter(org.admin, memberDeliveryId(support.id)))).toBe('DELIVERY_NOT_FOUND');
    expect(errorCode(await nudges.replayDeadLetter(org.admin, memberDeliveryId('no-such-nudge')))).toBe('DELIVERY_NOT_FOUND');

    // Its owner turns the endpoint back on, still answering 410: the replay tries once more, and it dies again.
    // (This suite's endpoints live in a static directory; the replay asks the endpoints' read table, as admins' changes leave it.)
    endpoints.disabled.delete('retired');
    await stepwise.runtime.database.transaction(
      (tx) =>
        tx.query(
          `INSERT INTO webhook_endpoints (tenant_id, endpoint_id, url, subscriptions, status, sealed_secret, registered_at, updated_at)
           VALUES ($1, 'retired', $2, '["nudge"]'::jsonb, 'ACTIVE', 'sealed', $3, $3)`,
          [org.organisationId, `${receiver.url}/gone`, START],
        ),
      { setupSql: `SELECT set_config('stepwise.tenant_id', '${org.organisationId}', true)` },
    );
    // Authorisation as before with a key, and a refused replay records nothing: the key stays free.
    expect(errorCode(await nudges.replayDeadLetter(ada, dead[0].id, 'replay-retired'))).toBe('FORBIDDEN');
    expect(errorCode(await nudges.replayDeadLetter(other.admin, dead[0].id, 'replay-retired'))).toBe('DELIVERY_NOT_FOUND');
    // The endpoint's answer to the replayed attempt is held back until the second replay below has
    // been refused: answered at once, the attempt could die again first, and a dead letter may be replayed.
    const releaseGone = receiver.hold('/gone');
    const replayed = await nudges.replayDeadLetter(org.admin, dead[0].id, 'replay-retired');
    expect(replayed.data?.replayDeadLetter?.delivery).toMatchObject({ id: dead[0].id, state: 'PENDING', attemptCount: 1, maxAttempts: 1 + dead[0].maxAttempts, replays: 1, replayedBy: org.admin.memberId });
    expect(replayed.data?.replayDeadLetter?.outcome).toEqual({ projected: true, replayed: false });
    // Without its key, a second replay is a new command, and only a dead delivery can be replayed.
    expect(errorCode(await nudges.replayDeadLetter(org.admin, dead[0].id))).toBe('DELIVERY_NOT_DEAD');
    releaseGone();
    const again = await waitUntil(async () => {
      const letter = (await nudges.deadLetters(org.admin)).data?.deadLetters?.edges.find(({ node }) => node.id === dead[0].id)?.node;
      return letter && letter.attemptCount === 2 ? letter : undefined;
    }, 'the replayed attempt');
    expect(again.attempts.edges.map(({ node }) => node.attemptNumber)).toEqual([1, 2]);
    expect(receiver.received.filter((hook) => hook.id === dead[0].id)).toHaveLength(2);

    // It died again (410). The replay retried with its key (its response lost, say) answers as a replay and
    // leaves the dead letter as it is: not PENDING, nothing owed to the queue, no third attempt.
    const deadAgain = await deliveryRow(dead[0].id);
    expect(deadAgain).toMatchObject({ state: 'DEAD', replays: 1, attempts: 2, queued_at: null });
    const retry = (await nudges.replayDeadLetter(org.admin, dead[0].id, 'replay-retired')).data?.replayDeadLetter;
    expect(retry).toMatchObject({ delivery: { id: dead[0].id, state: 'DEAD', attemptCount: 2, replays: 1 }, outcome: { projected: true, replayed: true } });
    // The key with another delivery, or on another mutation, is refused before anything is looked up.
    refused(await nudges.replayDeadLetter(org.admin, 'no-such-delivery', 'replay-retired'));
    refused(await nudges.dismissNudge(org.admin, first.id, 'replay-retired'));
    expect(await deliveryRow(dead[0].id)).toEqual(deadAgain);
    expect(receiver.received.filter((hook) => hook.id === dead[0].id)).toHaveLength(2);
  });

  it('keeps each organisation’s member nudges from the others in the database too', async () => {
    const rows = await stepwise.runtime.database.transaction(
      async (tx) => (await tx.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM nudges.member_nudges')).rows,
      { setupSql: `SELECT set_config('stepwise.tenant_id', '${other.organisationId}', true); SET LOCAL ROLE stepwise_app` },
    );
    expect(rows).toEqual([]);
  });

  // Last: its nudge goes to the endpoints too, and the dead letters above are counted without it.
  it('owes the leaders "consider a pivot" when the team says not closer twice in a row against the direction', async () => {
    const pivoting = await startJourney(api, org, { title: 'Try shorter meetings' });
    await api.mutate(ada, 'recordReflection', { journeyId: pivoting, closer: 'NO', comfort: 4 });
    await api.mutate(bo, 'recordReflection', { journeyId: pivoting, closer: 'NO', comfort: 3 });
    const consider = await waitUntil(
      async () => (await mine(org.leader)).find((node) => node.rule === 'CONSIDER_PIVOT' && node.journeyId === pivoting && node.state === 'DELIVERED'),
      'the pivot nudge, delivered in-app',
    );
    expect(consider).toMatchObject({ channel: 'IN_APP', teamId: org.teamId });
    expect((await mine(ada)).filter((node) => node.rule === 'CONSIDER_PIVOT')).toEqual([]);
  });
});
