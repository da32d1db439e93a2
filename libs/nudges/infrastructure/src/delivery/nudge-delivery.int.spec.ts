/**
 * The nudge delivery path end to end below the api: owed nudges written to the outbox reach their
 * member in-app and every webhook subscribed to nudges, through the real relay, the real BullMQ on
 * the machine's Redis (a queue prefix of each test's own) and the real delivery processor, on
 * PostgreSQL and on PGlite. PostgreSQL decides what was delivered: a job that runs again, or a
 * removed job's id that comes back, delivers nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { FixedClock, SeededRandom, uuidFromParts, type Clock } from '@stepwise/kernel';
import { documentsOf, RELEVANT, suppressedBecause } from '@stepwise/nudges-domain';
import { aTeamWithAJourney, givenPolicy, LEE, memberJoined, NIA, reflectionRecorded, teamMemberJoined, teamMemberRoleChanged, hoursAfter, T0 } from '@stepwise/nudges-domain/testing';
import { createLogger, type Logger, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import {
  everyNudgeRelevant,
  insertOwedNudges,
  localWebhookSender,
  openTestStorage,
  owedNudge,
  reachableMember,
  redisUrl,
  removeQueueKeys,
  seedPolicyDocuments,
  seedPolicyMembers,
  startWebhookReceiver,
  StaticMemberReachability,
  StaticWebhookEndpoints,
  TEST_WEBHOOK_SECRET,
  testDeliverySettings,
  type TestEngine,
  uniqueQueuePrefix,
  waitUntil,
  type WebhookReceiver,
} from '@stepwise/test-support';
import { tenantSettingSql } from './tenant-setting.sql';
import type { MemberChannelSender, NudgeRelevance } from './delivery.ports';
import { NudgeDeliveryEngine, type NudgeDeliveryPorts, type NudgeDeliverySettings } from './nudge-delivery.engine';
import { memberDeliveryId, nudgeWebhookDeliveryId } from '../relay/outbox-intake';
import { NudgeHistoryActions } from '../history/nudge-history.actions';

const logger = createLogger('nudge-delivery-test', process.env.STEPWISE_TEST_LOG_LEVEL ?? 'silent');

const settings = (prefix: string): NudgeDeliverySettings => testDeliverySettings(prefix, { concurrency: 8, sendTimeoutMs: 1_000 });

interface MemberNudgeRow {
  nudge_id: string;
  state: string;
  suppressed_reason: string | null;
  channel: string | null;
  title: string;
}

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('nudge delivery on %s', (_name, engineKind) => {
  let storage: Storage;
  let receiver: WebhookReceiver;
  let engine: NudgeDeliveryEngine | undefined;
  let prefix: string;
  let tenantId: string;
  let endpoints: StaticWebhookEndpoints;
  let members: StaticMemberReachability;

  beforeAll(async () => {
    storage = await openTestStorage(engineKind, stepwiseSchema, { poolSize: 6 });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await storage?.close();
  });
  beforeEach(() => {
    prefix = uniqueQueuePrefix('delivery');
    tenantId = randomUUID();
    endpoints = new StaticWebhookEndpoints();
    members = new StaticMemberReachability();
  });
  afterEach(async () => {
    await engine?.stop();
    engine = undefined;
    await removeQueueKeys(redisUrl(), prefix);
  });

  const start = async (
    overrides: Partial<NudgeDeliverySettings> = {},
    ports: NudgeDeliveryPorts = { reachability: members, relevance: everyNudgeRelevant },
    clock?: Clock,
    log: Logger = logger,
  ): Promise<NudgeDeliveryEngine> => {
    const random = new SeededRandom(11);
    const merged = { ...settings(prefix), ...overrides };
    engine = await NudgeDeliveryEngine.start({
      database: storage.database,
      eventStore: storage.eventStore,
      logger: log,
      clock,
      settings: merged,
      ports: { endpoints, disabler: endpoints, webhookSender: localWebhookSender(merged.sendTimeoutMs), random: () => random.next(), ...ports },
      run: { fanOut: false },
    });
    return engine;
  };

  const subscribe = (path: string, endpointId = `endpoint-${path.slice(1)}-${randomUUID().slice(0, 8)}`): string => {
    endpoints.add({ tenantId, endpointId, url: `${receiver.url}${path}`, secrets: [TEST_WEBHOOK_SECRET], types: ['nudge'] });
    return endpointId;
  };

  const memberNudges = async (): Promise<MemberNudgeRow[]> =>
    storage.database.transaction(
      async (tx) => (await tx.query<MemberNudgeRow>('SELECT nudge_id, state, suppressed_reason, channel, title FROM nudges.member_nudges WHERE tenant_id = $1 ORDER BY nudge_id', [tenantId])).rows,
      { setupSql: tenantSettingSql(tenantId) },
    );

  const delivery = async (deliveryId: string) =>
    (
      await storage.database.query<{ state: string; attempts: number; last_status_code: number | null; suppressed_reason: string | null }>(
        'SELECT state, attempts, last_status_code, suppressed_reason FROM nudges.deliveries WHERE delivery_id = $1',
        [deliveryId],
      )
    ).rows[0];

  const attempts = async (deliveryId: string) =>
    (
      await storage.database.query<{ attempt_number: number; outcome: string; status_code: number | null; channel: string }>(
        'SELECT attempt_number, outcome, status_code, channel FROM nudges.delivery_attempts WHERE delivery_id = $1 ORDER BY attempt_number',
        [deliveryId],
      )
    ).rows;

  /** An admin's replayDeadLetter, as the api calls it in the tenant's context; answers the replayed id. */
  const replayDeadLetter = (deliveryId: string) =>
    storage.database.transaction(
      async (tx) => (await tx.query<{ id: string }>('SELECT nudges.replay_dead_letter($1, $2, $3) AS id', [deliveryId, 'admin-1', new Date().toISOString()])).rows,
      { setupSql: tenantSettingSql(tenantId) },
    );

  const stateIs = (deliveryId: string, state: string) => async () => ((await delivery(deliveryId))?.state === state ? true : undefined);

  it('delivers an owed nudge in-app to its member and to every webhook subscribed to nudges, each once', async () => {
    const endpointId = subscribe('/ok');
    const nudges = [owedNudge({ organisationId: tenantId, recipientId: 'ada' }), owedNudge({ organisationId: tenantId, recipientId: 'grace', rule: 'CONSIDER_PIVOT', facts: { consecutiveNo: 2, journeyTitle: 'Planning', comfort: 1 } })];
    await start();
    await insertOwedNudges(storage.database, nudges);

    for (const nudge of nudges) await waitUntil(stateIs(nudgeWebhookDeliveryId(nudge.nudgeId, endpointId), 'DELIVERED'), 'the webhook deliveries');
    await waitUntil(async () => (await memberNudges()).every((row) => row.state === 'DELIVERED') || undefined, 'the member nudges');

    expect((await memberNudges()).map((row) => [row.nudge_id, row.state, row.channel])).toEqual(
      [...nudges].sort((a, b) => a.nudgeId.localeCompare(b.nudgeId)).map((nudge) => [nudge.nudgeId, 'DELIVERED', 'IN_APP']),
    );
    const hooks = nudges.map((nudge) => receiver.handled.get(nudgeWebhookDeliveryId(nudge.nudgeId, endpointId)));
    expect(hooks.map((hook) => hook?.body.type)).toEqual(['nudge', 'nudge']);
    expect(hooks[1]?.body.data).toMatchObject({ nudgeId: nudges[1].nudgeId, rule: 'CONSIDER_PIVOT', recipientId: 'grace', title: 'Consider a pivot' });
    expect(hooks[1]?.body.data.facts).toEqual({ consecutiveNo: 2, journeyTitle: 'Planning' });
    expect(hooks[0]?.signature).toMatch(/^v1,/);
    expect(await attempts(memberDeliveryId(nudges[0].nudgeId))).toEqual([{ attempt_number: 1, outcome: 'DELIVERED', status_code: null, channel: 'IN_APP' }]);
    expect(await attempts(nudgeWebhookDeliveryId(nudges[0].nudgeId, endpointId))).toEqual([{ attempt_number: 1, outcome: 'DELIVERED', status_code: 200, channel: 'WEBHOOK' }]);
    expect(await storage.database.query('SELECT 1 FROM nudges.outbox WHERE tenant_id = $1 AND relayed_at IS NULL', [tenantId])).toMatchObject({ rowCount: 0 });
  });

  it('dates each attempt, and signs its webhook, when it is sent: after the checks before it, however long they took', async () => {
    const clock = new FixedClock('2026-03-02T10:00:00.000Z');
    const checked = new Date('2026-03-02T10:01:30.000Z');
    // The checks before a send take ninety seconds here (a slow database, say).
    const slowChecks: NudgeRelevance = {
      check: async () => {
        clock.advance(90_000);
        return RELEVANT;
      },
    };
    let emailedAt: Date | undefined;
    const email: MemberChannelSender = {
      route: async () => ({
        address: 'ada@example.test',
        send: async (_message, attempt) => {
          emailedAt = attempt.at;
          return { kind: 'delivered', statusCode: 250, detail: null };
        },
      }),
    };
    const endpointId = subscribe('/ok');
    members.set(tenantId, 'ada', reachableMember({ channels: [{ channel: 'EMAIL', address: 'ada@example.test' }] }));
    const nudge = owedNudge({ organisationId: tenantId, recipientId: 'ada', dueAt: clock.now().toISOString() });
    await start({}, { reachability: members, relevance: slowChecks, memberSenders: { EMAIL: email } }, clock);
    await insertOwedNudges(storage.database, [nudge]);
    const hookId = nudgeWebhookDeliveryId(nudge.nudgeId, endpointId);
    await waitUntil(stateIs(hookId, 'DELIVERED'), 'the webhook delivery');
    await waitUntil(stateIs(memberDeliveryId(nudge.nudgeId), 'DELIVERED'), 'the email');

    const attemptAt = async (deliveryId: string): Promise<Date> =>
      (await storage.database.query<{ at: Date }>('SELECT at FROM nudges.delivery_attempts WHERE delivery_id = $1', [deliveryId])).rows[0].at;
    const hookAt = await attemptAt(hookId);
    expect(hookAt.getTime()).toBeGreaterThanOrEqual(checked.getTime());
    expect(Number(receiver.handled.get(hookId)?.timestamp)).toBe(hookAt.getTime() / 1000);
    const emailAt = await attemptAt(memberDeliveryId(nudge.nudgeId));
    expect(emailAt.getTime()).toBeGreaterThanOrEqual(checked.getTime());
    expect(emailedAt?.toISOString()).toBe(emailAt.toISOString());
  });

  it('settles a waiting stalled-journey nudge once a later quiet stretch owes its own, in one batch or the next', async () => {
    const endpointId = subscribe('/ok');
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const stalled = (since: string, dueAt: string, journeyId = 'journey-1') =>
      owedNudge({ organisationId: tenantId, recipientId: 'lee', rule: 'STALLED_JOURNEY', subject: { journeyId, teamId: 'team-1', subjectId: `quiet-since-${since}` }, dueAt, facts: { journeyTitle: 'Weekly planning', quietSince: since } });
    const first = stalled('2026-03-01T10:00:00.000Z', inDays(13));
    // Another journey's stays: only the same leader's same journey is replaced.
    const elsewhere = stalled('2026-03-01T10:00:00.000Z', inDays(13), 'journey-2');
    // Held by quiet hours past the next one's due time: the order of the stretches decides, not due times.
    const second = stalled('2026-03-01T11:00:00.000Z', inDays(14));
    const third = stalled('2026-03-02T09:00:00.000Z', inDays(13.5));
    await start();
    await insertOwedNudges(storage.database, [first, elsewhere, second]);
    await waitUntil(stateIs(memberDeliveryId(second.nudgeId), 'PENDING'), 'the second stretch taken in');
    await insertOwedNudges(storage.database, [third]);
    await waitUntil(stateIs(memberDeliveryId(third.nudgeId), 'PENDING'), 'the third stretch taken in');
    await waitUntil(stateIs(memberDeliveryId(second.nudgeId), 'SUPPRESSED'), 'the second settled by the third');
    const states = Object.fromEntries((await memberNudges()).map((row) => [row.nudge_id, `${row.state} ${row.suppressed_reason}`]));
    expect([first, elsewhere, second, third].map((nudge) => states[nudge.nudgeId])).toEqual([
      'SUPPRESSED NO_LONGER_RELEVANT',
      'SCHEDULED null',
      'SUPPRESSED NO_LONGER_RELEVANT',
      'SCHEDULED null',
    ]);
    expect(await delivery(nudgeWebhookDeliveryId(first.nudgeId, endpointId))).toMatchObject({ state: 'SUPPRESSED', suppressed_reason: 'NO_LONGER_RELEVANT' });
    expect(await delivery(nudgeWebhookDeliveryId(third.nudgeId, endpointId))).toMatchObject({ state: 'PENDING' });
    const hookIds = new Set([first, elsewhere, second, third].map((nudge) => nudgeWebhookDeliveryId(nudge.nudgeId, endpointId)));
    expect(receiver.received.filter((hook) => hookIds.has(hook.id))).toEqual([]);
  });

  it("settles a member's waiting next-step nudge once a later reflection that said closer owes its own, in one batch or the next", async () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const nextStep = (recipientId: string, position: number, dueAt: string, journeyId = 'journey-1') =>
      owedNudge({
        organisationId: tenantId,
        recipientId,
        rule: 'NEXT_STEP',
        subject: { journeyId, teamId: 'team-1', subjectId: `reflection-${position}` },
        dedupeKey: `NEXT_STEP/${recipientId}/${journeyId}/${position}`,
        dueAt,
        causedByPosition: String(position),
        facts: { journeyTitle: 'Weekly planning', reflectionId: `reflection-${position}`, reflectedBy: 'kim' },
      });
    const first = nextStep('ada', 10, inDays(3));
    // Another member's, and another journey's, stay: only the same member's same journey is replaced.
    const grace = nextStep('grace', 10, inDays(3));
    const elsewhere = nextStep('ada', 11, inDays(3), 'journey-2');
    // Due before the first (its delay shortened since): the order the reflections were recorded in decides.
    const second = nextStep('ada', 12, inDays(1));
    const third = nextStep('ada', 20, inDays(3.5));
    await start();
    await insertOwedNudges(storage.database, [first, grace, elsewhere, second]);
    await waitUntil(stateIs(memberDeliveryId(second.nudgeId), 'PENDING'), 'the second taken in');
    await waitUntil(stateIs(memberDeliveryId(first.nudgeId), 'SUPPRESSED'), 'the first settled by the second, in its batch');
    expect(await delivery(memberDeliveryId(second.nudgeId))).toMatchObject({ state: 'PENDING' });
    await insertOwedNudges(storage.database, [third]);
    await waitUntil(stateIs(memberDeliveryId(third.nudgeId), 'PENDING'), 'the third taken in');
    await waitUntil(stateIs(memberDeliveryId(second.nudgeId), 'SUPPRESSED'), 'the second settled by the third');
    const states = Object.fromEntries((await memberNudges()).map((row) => [row.nudge_id, `${row.state} ${row.suppressed_reason}`]));
    expect([first, grace, elsewhere, second, third].map((nudge) => states[nudge.nudgeId])).toEqual([
      'SUPPRESSED NO_LONGER_RELEVANT',
      'SCHEDULED null',
      'SCHEDULED null',
      'SUPPRESSED NO_LONGER_RELEVANT',
      'SCHEDULED null',
    ]);
    const { rows } = await storage.database.query<{ last_detail: string }>('SELECT last_detail FROM nudges.deliveries WHERE delivery_id = $1', [memberDeliveryId(first.nudgeId)]);
    expect(rows).toEqual([{ last_detail: 'a later reflection said closer: the next-step nudge it owes replaces this one' }]);
  });

  it('attempts nothing twice when a job runs again, or a job with a removed id comes back', async () => {
    const endpointId = subscribe('/ok');
    const nudge = owedNudge({ organisationId: tenantId, recipientId: 'ada' });
    const running = await start();
    await insertOwedNudges(storage.database, [nudge]);
    const hookId = nudgeWebhookDeliveryId(nudge.nudgeId, endpointId);
    await waitUntil(stateIs(hookId, 'DELIVERED'), 'the delivery');
    await waitUntil(stateIs(memberDeliveryId(nudge.nudgeId), 'DELIVERED'), 'the member delivery');

    const again = await running.processor.process({ tenantId, deliveryIds: [memberDeliveryId(nudge.nudgeId), hookId] });
    expect(again).toEqual({ [memberDeliveryId(nudge.nudgeId)]: 'skipped', [hookId]: 'skipped' });
    expect(receiver.received.filter((hook) => hook.id === hookId)).toHaveLength(1);
    expect(await attempts(hookId)).toHaveLength(1);
    expect(await attempts(memberDeliveryId(nudge.nudgeId))).toHaveLength(1);
  });

  it('retries a 500 with backoff and delivers on the 200, recording both attempts', async () => {
    const endpointId = subscribe('/flaky');
    const nudge = owedNudge({ organisationId: tenantId, recipientId: 'ada' });
    await start();
    await insertOwedNudges(storage.database, [nudge]);
    const hookId = nudgeWebhookDeliveryId(nudge.nudgeId, endpointId);
    await waitUntil(stateIs(hookId, 'DELIVERED'), 'the retried delivery');
    expect(await attempts(hookId)).toEqual([
      { attempt_number: 1, outcome: 'RETRYABLE', status_code: 500, channel: 'WEBHOOK' },
      { attempt_number: 2, outcome: 'DELIVERED', status_code: 200, channel: 'WEBHOOK' },
    ]);
  });

  it('stops at once on a 410, dead, and disables the endpoint', async () => {
    const endpointId = subscribe('/gone');
    const nudge = owedNudge({ organisationId: tenantId, recipientId: 'ada' });
    await start();
    await insertOwedNudges(storage.database, [nudge]);
    const hookId = nudgeWebhookDeliveryId(nudge.nudgeId, endpointId);
    await waitUntil(stateIs(hookId, 'DEAD'), 'the dead delivery');
    expect(await attempts(hookId)).toEqual([{ attempt_number: 1, outcome: 'PERMANENT', status_code: 410, channel: 'WEBHOOK' }]);
    expect(endpoints.disabled.get(endpointId)).toMatch(/410/);
    // The member still has it in-app: only the webhook died.
    await waitUntil(stateIs(memberDeliveryId(nudge.nudgeId), 'DELIVERED'), 'the member delivery');
  });

  // Another delivery's 410 disabled the endpoint while this one waited for its retry (or an admin did):
  // suppressing it would lose it where nobody could see or replay it.
  it('tries a webhook again shortly, rather than suppress it, when its endpoint was enabled a moment ago and the endpoint settings do not list it yet', async () => {
    const endpointId = subscribe('/ok');
    const nudge = owedNudge({ organisationId: tenantId, recipientId: 'ada', dueAt: new Date(Date.now() + 3_000).toISOString() });
    const hookId = nudgeWebhookDeliveryId(nudge.nudgeId, endpointId);
    await start({ maxAttempts: 10 });
    await insertOwedNudges(storage.database, [nudge]);
    await waitUntil(async () => ((await delivery(hookId)) ? true : undefined), 'the webhook delivery owed');
    // Before it is due, its endpoint is disabled and enabled again: its own stream has it receiving,
    // and the directory, a read table a moment behind, does not list it yet.
    endpoints.settle(endpointId, false);

    await waitUntil(async () => ((await attempts(hookId)).length > 0 ? true : undefined), 'the attempt that found it not yet listed');
    endpoints.settle(endpointId, true);
    await waitUntil(stateIs(hookId, 'DELIVERED'), 'the delivery once it is listed');
    const tried = await attempts(hookId);
    expect(tried[0]).toEqual({ attempt_number: 1, outcome: 'RETRYABLE', status_code: null, channel: 'WEBHOOK' });
    expect(tried.at(-1)).toMatchObject({ outcome: 'DELIVERED', status_code: 200 });
    expect(tried.slice(0, -1).every((attempt) => attempt.outcome === 'RETRYABLE')).toBe(true);
    expect(receiver.received.filter((hook) => hook.id === hookId)).toHaveLength(1);
  });

  it('keeps what an endpoint disabled before its retry was owed as a dead letter, sent once the endpoint is enabled and it is replayed', async () => {
    // Told to retry after 3 s: longer than delivery keeps its answer about the endpoints (2 s).
    const endpointId = subscribe('/retry-after-3');
    const nudge = owedNudge({ organisationId: tenantId, recipientId: 'ada' });
    await start();
    await insertOwedNudges(storage.database, [nudge]);
    const hookId = nudgeWebhookDeliveryId(nudge.nudgeId, endpointId);
    await waitUntil(stateIs(hookId, 'RETRYING'), 'the delivery told to retry after 3 s');
    await endpoints.disable(tenantId, endpointId, 'another delivery was answered 410');
    await waitUntil(stateIs(hookId, 'DEAD'), 'the dead letter');
    expect(await attempts(hookId)).toEqual([{ attempt_number: 1, outcome: 'RETRYABLE', status_code: 429, channel: 'WEBHOOK' }]);
    const { rows } = await storage.database.query<{ last_detail: string; finished_at: Date | null }>('SELECT last_detail, finished_at FROM nudges.deliveries WHERE delivery_id = $1', [hookId]);
    expect(rows[0].last_detail).toContain('the endpoint was disabled');
    expect(rows[0].finished_at).not.toBeNull();

    endpoints.enable(endpointId);
    await replayDeadLetter(hookId);
    await waitUntil(stateIs(hookId, 'DELIVERED'), 'the replayed delivery');
    expect((await attempts(hookId)).map((row) => [row.attempt_number, row.outcome, row.status_code])).toEqual([
      [1, 'RETRYABLE', 429],
      [2, 'DELIVERED', 200],
    ]);
  });

  it('gives up after the last allowed attempt at a receiver that never answers, dead with every attempt recorded, and an admin replay starts a fresh budget', async () => {
    const endpointId = subscribe('/hang');
    const nudge = owedNudge({ organisationId: tenantId, recipientId: 'ada' });
    await start({ sendTimeoutMs: 200, maxAttempts: 2 });
    await insertOwedNudges(storage.database, [nudge]);
    const hookId = nudgeWebhookDeliveryId(nudge.nudgeId, endpointId);
    await waitUntil(stateIs(hookId, 'DEAD'), 'the exhausted delivery');
    expect((await attempts(hookId)).map((row) => [row.attempt_number, row.outcome, row.status_code])).toEqual([
      [1, 'RETRYABLE', null],
      [2, 'RETRYABLE', null],
    ]);
    // It died when its last attempt ended (the send timeout later), not when that attempt began.
    const ended = await storage.database.query<{ ended_after_start: boolean }>(
      `SELECT d.finished_at >= a.at + a.duration_ms * interval '1 millisecond' AND a.duration_ms >= 150 AS ended_after_start
       FROM nudges.deliveries d JOIN nudges.delivery_attempts a ON a.delivery_id = d.delivery_id AND a.attempt_number = 2 WHERE d.delivery_id = $1`,
      [hookId],
    );
    expect(ended.rows).toEqual([{ ended_after_start: true }]);

    expect(await replayDeadLetter(hookId)).toEqual([{ id: hookId }]);
    await waitUntil(async () => ((await attempts(hookId)).length === 4 ? true : undefined), 'the replayed attempts');
    await waitUntil(stateIs(hookId, 'DEAD'), 'dead again');
    expect((await attempts(hookId)).map((row) => row.attempt_number)).toEqual([1, 2, 3, 4]);
  });

  it('suppresses, with the reason on the member’s nudge: opted out, left, or over the daily cap', async () => {
    members.set(tenantId, 'opted-out', reachableMember({ optedOut: ['REFLECT'] }));
    members.set(tenantId, 'left', reachableMember({ active: false }));
    members.set(tenantId, 'capped', reachableMember({ dailyCap: 1 }));
    const optedOut = owedNudge({ organisationId: tenantId, recipientId: 'opted-out' });
    const left = owedNudge({ organisationId: tenantId, recipientId: 'left' });
    const capped = [owedNudge({ organisationId: tenantId, recipientId: 'capped' }), owedNudge({ organisationId: tenantId, recipientId: 'capped' })];
    await start();
    await insertOwedNudges(storage.database, [optedOut, left, ...capped]);
    await waitUntil(async () => {
      const rows = await memberNudges();
      return rows.length === 4 && rows.every((row) => row.state !== 'SCHEDULED') ? true : undefined;
    }, 'every nudge decided');
    const byId = new Map((await memberNudges()).map((row) => [row.nudge_id, row]));
    expect(byId.get(optedOut.nudgeId)).toMatchObject({ state: 'SUPPRESSED', suppressed_reason: 'OPTED_OUT' });
    expect(byId.get(left.nudgeId)).toMatchObject({ state: 'SUPPRESSED', suppressed_reason: 'MEMBER_LEFT' });
    expect(capped.map((nudge) => byId.get(nudge.nudgeId)?.state).sort()).toEqual(['DELIVERED', 'SUPPRESSED']);
    expect(capped.map((nudge) => byId.get(nudge.nudgeId)?.suppressed_reason).filter(Boolean)).toEqual(['DAILY_CAP_REACHED']);
  });

  it('records a sender that throws as a retryable attempt, and logs the fault without the signed links its message carried', async () => {
    const token = `${randomUUID()}.${randomUUID()}`;
    const logged: string[] = [];
    const capture = createLogger('nudge-delivery-test', 'error', new Writable({ write: (chunk: Buffer, _encoding, done) => (logged.push(chunk.toString('utf8')), done()) }));
    // A sender breaking its contract with an error that quotes what it sent (a client library's message might).
    const throwing: MemberChannelSender = {
      route: async () => ({
        address: 'ada@example.test',
        send: async (_message, _attempt, carries) => {
          carries(token);
          throw new Error(`the relay refused https://stepwise.example.test/answers/${token}?closer=YES`);
        },
      }),
    };
    members.set(tenantId, 'ada', reachableMember({ channels: [{ channel: 'EMAIL', address: 'ada@example.test' }] }));
    const nudge = owedNudge({ organisationId: tenantId, recipientId: 'ada' });
    await start({}, { reachability: members, relevance: everyNudgeRelevant, memberSenders: { EMAIL: throwing } }, undefined, capture);
    await insertOwedNudges(storage.database, [nudge]);
    await waitUntil(stateIs(memberDeliveryId(nudge.nudgeId), 'DEAD'), 'the delivery dead after its attempts');

    const { rows } = await storage.database.query<{ outcome: string; channel: string; detail: string }>(
      'SELECT outcome, channel, detail FROM nudges.delivery_attempts WHERE delivery_id = $1 ORDER BY attempt_number',
      [memberDeliveryId(nudge.nudgeId)],
    );
    expect(rows.map((row) => [row.channel, row.outcome])).toEqual([['EMAIL', 'RETRYABLE'], ['EMAIL', 'RETRYABLE'], ['EMAIL', 'RETRYABLE']]);
    expect(rows[0].detail).toBe('the EMAIL sender failed: the relay refused https://stepwise.example.test/answers/[signed link]?closer=YES');
    const faults = logged.filter((line) => line.includes('a channel sender threw'));
    expect(faults).toHaveLength(3);
    expect(JSON.parse(faults[0]).err).toMatchObject({ type: 'Error', message: 'the relay refused https://stepwise.example.test/answers/[signed link]?closer=YES' });
    expect(JSON.parse(faults[0]).err.stack).toContain('[signed link]');
    expect(logged.join('\n')).not.toContain(token.slice(0, 16));
  });

  it('shows a nudge the member dismissed while it was being sent as dismissed and delivered, on the channel it went by', async () => {
    let sending!: () => void;
    const sendStarted = new Promise<void>((resolve) => (sending = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    // An email on its way: the receiver has it, and has not answered yet.
    const inFlight: MemberChannelSender = {
      route: async () => ({
        address: 'ada@example.test',
        send: async () => {
          sending();
          await answered;
          return { kind: 'delivered', statusCode: 250, detail: null };
        },
      }),
    };
    members.set(tenantId, 'ada', reachableMember({ channels: [{ channel: 'EMAIL', address: 'ada@example.test' }] }));
    const nudge = owedNudge({ organisationId: tenantId, recipientId: 'ada' });
    await start({}, { reachability: members, relevance: everyNudgeRelevant, memberSenders: { EMAIL: inFlight } });
    await insertOwedNudges(storage.database, [nudge]);
    await sendStarted;
    const dismissal = { organisationId: tenantId, memberId: 'ada', orgRole: 'MEMBER' as const, commandId: randomUUID(), fingerprint: 'dismissNudge' };
    const dismissed = await new NudgeHistoryActions(storage.database, { now: () => new Date() }).dismiss(dismissal, nudge.nudgeId);
    expect(dismissed.view).toMatchObject({ state: 'DISMISSED', deliveredAt: null });
    answer();
    await waitUntil(stateIs(memberDeliveryId(nudge.nudgeId), 'DELIVERED'), 'the email delivered');

    const shown = await storage.database.transaction(
      async (tx) =>
        (await tx.query<{ state: string; channel: string | null; delivered: boolean }>('SELECT state, channel, delivered_at IS NOT NULL AS delivered FROM nudges.member_nudges WHERE tenant_id = $1 AND nudge_id = $2', [tenantId, nudge.nudgeId]))
          .rows[0],
      { setupSql: tenantSettingSql(tenantId) },
    );
    expect(shown).toEqual({ state: 'DISMISSED', channel: 'EMAIL', delivered: true });
  });

  it('holds a nudge due later until its time, visible to the member as scheduled meanwhile', async () => {
    const nudge = owedNudge({ organisationId: tenantId, recipientId: 'ada', dueAt: new Date(Date.now() + 1_500).toISOString() });
    await start();
    await insertOwedNudges(storage.database, [nudge]);
    await waitUntil(async () => ((await memberNudges())[0]?.state === 'SCHEDULED' ? true : undefined), 'the scheduled nudge');
    // Handed to Redis with a delay to its due time, and not attempted before it.
    const queued = async () =>
      (await storage.database.query<{ queued: boolean; state: string }>('SELECT queued_at IS NOT NULL AS queued, state FROM nudges.deliveries WHERE delivery_id = $1', [memberDeliveryId(nudge.nudgeId)])).rows[0];
    await waitUntil(async () => ((await queued()).queued ? true : undefined), 'the delayed job');
    await waitUntil(stateIs(memberDeliveryId(nudge.nudgeId), 'DELIVERED'), 'the delivery at its due time');
    const { rows: delivered } = await storage.database.query<{ finished_at: Date }>('SELECT finished_at FROM nudges.deliveries WHERE delivery_id = $1', [memberDeliveryId(nudge.nudgeId)]);
    expect(delivered[0].finished_at.getTime()).toBeGreaterThanOrEqual(new Date(nudge.dueAt).getTime() - 1_000);
  });

  it('holds a member’s nudge that comes due in their quiet hours (set since it was owed) until the window ends, then delivers it; its webhook goes at once', async () => {
    // 23:30 in London; Noor's quiet hours, 22:00–07:00, were set after the policy decided the nudge.
    const clock = new FixedClock('2026-03-02T23:30:00.000Z');
    members.set(tenantId, 'noor', reachableMember({ timezone: 'Europe/London', quietHours: { start: '22:00', end: '07:00' } }));
    const endpointId = subscribe('/ok');
    const nudge = owedNudge({ organisationId: tenantId, recipientId: 'noor', dueAt: clock.now().toISOString() });
    const deliveryId = memberDeliveryId(nudge.nudgeId);
    const held = async () =>
      (
        await storage.database.query<{ state: string; attempts: number; next_attempt_at: Date; queued: boolean }>(
          'SELECT state, attempts, next_attempt_at, queued_at IS NOT NULL AS queued FROM nudges.deliveries WHERE delivery_id = $1',
          [deliveryId],
        )
      ).rows[0];
    await start({}, { reachability: members, relevance: everyNudgeRelevant }, clock);
    await insertOwedNudges(storage.database, [nudge]);

    await waitUntil(stateIs(nudgeWebhookDeliveryId(nudge.nudgeId, endpointId), 'DELIVERED'), 'the webhook delivery');
    // Decided once it is attempted, or moved from its due time.
    await waitUntil(async () => {
      const row = await held();
      return row && (row.state !== 'PENDING' || row.next_attempt_at.getTime() !== clock.now().getTime()) ? true : undefined;
    }, 'the member delivery decided');
    expect(await held()).toEqual({ state: 'PENDING', attempts: 0, next_attempt_at: new Date('2026-03-03T07:00:00.000Z'), queued: false });
    expect(await attempts(deliveryId)).toEqual([]);
    const scheduled = await storage.database.transaction(
      async (tx) => (await tx.query<{ state: string; due_at: Date }>('SELECT state, due_at FROM nudges.member_nudges WHERE tenant_id = $1 AND nudge_id = $2', [tenantId, nudge.nudgeId])).rows[0],
      { setupSql: tenantSettingSql(tenantId) },
    );
    expect(scheduled).toEqual({ state: 'SCHEDULED', due_at: new Date('2026-03-03T07:00:00.000Z') });

    clock.set('2026-03-03T07:00:00.000Z');
    await waitUntil(stateIs(deliveryId, 'DELIVERED'), 'the delivery when the quiet hours end');
    expect(await attempts(deliveryId)).toEqual([{ attempt_number: 1, outcome: 'DELIVERED', status_code: null, channel: 'IN_APP' }]);
  });

  it('checks an email again when its turn on its lane comes after a wait: quiet hours begun meanwhile hold it', async () => {
    const clock = new FixedClock('2026-03-02T21:59:00.000Z');
    let sendStarted!: () => void;
    const started = new Promise<void>((resolve) => (sendStarted = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    // One SMTP connection: the first email holds it until released, the second waits its turn.
    const email: MemberChannelSender = {
      route: async () => ({
        address: 'team@example.test',
        lane: { key: `smtp-${tenantId}`, width: 1 },
        send: async (_message, attempt) => {
          sent.push(attempt.deliveryId);
          sendStarted();
          await released;
          return { kind: 'delivered', statusCode: 250, detail: null };
        },
      }),
    };
    for (const memberId of ['ada', 'bo']) members.set(tenantId, memberId, reachableMember({ channels: [{ channel: 'EMAIL', address: `${memberId}@example.test` }] }));
    const nudges = ['ada', 'bo'].map((recipientId) => owedNudge({ organisationId: tenantId, recipientId, dueAt: clock.now().toISOString() }));
    await start({}, { reachability: members, relevance: everyNudgeRelevant, memberSenders: { EMAIL: email } }, clock);
    await insertOwedNudges(storage.database, nudges);
    await started;
    const [first] = sent;
    const waiting = nudges.map((nudge) => memberDeliveryId(nudge.nudgeId)).find((deliveryId) => deliveryId !== first)!;

    // While the first email is sent, both members' quiet hours begin, 22:00–07:00 (set just now).
    for (const memberId of ['ada', 'bo']) {
      members.set(tenantId, memberId, reachableMember({ channels: [{ channel: 'EMAIL', address: `${memberId}@example.test` }], quietHours: { start: '22:00', end: '07:00' } }));
    }
    clock.set('2026-03-02T22:01:00.000Z');
    release();

    await waitUntil(stateIs(first, 'DELIVERED'), 'the first email');
    const waitingRow = async () =>
      (await storage.database.query<{ state: string; attempts: number; next_attempt_at: Date }>('SELECT state, attempts, next_attempt_at FROM nudges.deliveries WHERE delivery_id = $1', [waiting])).rows[0];
    // Decided once it is attempted, or moved from its due time.
    await waitUntil(async () => {
      const row = await waitingRow();
      return row.state !== 'PENDING' || row.next_attempt_at.toISOString() !== '2026-03-02T21:59:00.000Z' ? true : undefined;
    }, 'the waiting email decided');
    expect(sent).toEqual([first]);
    expect(await waitingRow()).toEqual({ state: 'PENDING', attempts: 0, next_attempt_at: new Date('2026-03-03T07:00:00.000Z') });
  });

  it('reaches a member who moved east since a commitment’s nudge was owed on their day there, where its due time (worked out in the old timezone) would find the day over', async () => {
    // Owed at 09:00 the day before, in Los Angeles: 16:00 UTC on 17 March. Since then Eve moved to
    // Auckland, where that day begins 20 hours sooner: 09:00 there is 20:00 UTC on 16 March.
    const clock = new FixedClock('2027-03-16T19:00:00.000Z');
    members.set(tenantId, 'eve', reachableMember({ timezone: 'Pacific/Auckland' }));
    const nudge = owedNudge({
      organisationId: tenantId,
      recipientId: 'eve',
      rule: 'COMMITMENT_DUE',
      subject: { journeyId: 'journey-1', teamId: 'team-1', subjectId: 'commitment-1' },
      dueAt: '2027-03-17T16:00:00.000Z',
      facts: { commitment: 'Run one book swap', dueOn: '2027-03-18', minutesAfterMidnight: 540 },
    });
    const deliveryId = memberDeliveryId(nudge.nudgeId);
    const next = async () =>
      (await storage.database.query<{ state: string; next_attempt_at: Date }>('SELECT state, next_attempt_at FROM nudges.deliveries WHERE delivery_id = $1', [deliveryId])).rows[0];
    await start({}, { reachability: members, relevance: everyNudgeRelevant }, clock);
    await insertOwedNudges(storage.database, [nudge]);
    // Looked at when the day could first begin anywhere (19:00 UTC, in Kiritimati), then held to Eve's.
    await waitUntil(async () => ((await next())?.next_attempt_at.getTime() === Date.parse('2027-03-16T20:00:00.000Z') ? true : undefined), 'held to 09:00 in Auckland');
    expect((await next()).state).toBe('PENDING');
    clock.set('2027-03-16T20:00:00.000Z');
    await waitUntil(stateIs(deliveryId, 'DELIVERED'), 'the delivery on Eve’s day');
  });

  it('asks the nudge policy, with the production adapters, whether the recipient is still there and the nudge still owed', async () => {
    await seedPolicyMembers(storage.database, tenantId, [{ memberId: 'ada' }, { memberId: 'gone', inOrganisation: false }]);
    // A weekly digest needs no journey: the policy's check reads the recipient's document and the week.
    const digest = (recipientId: string) => owedNudge({ organisationId: tenantId, recipientId, rule: 'WEEKLY_DIGEST', subject: { journeyId: null, teamId: null, subjectId: 'week' }, facts: { week: 'not a week' } });
    const [kept, left, unknown] = [digest('ada'), digest('gone'), digest('stranger')];
    await start({}, {});
    await insertOwedNudges(storage.database, [kept, left, unknown]);
    await waitUntil(async () => {
      const rows = await memberNudges();
      return rows.length === 3 && rows.every((row) => row.state !== 'SCHEDULED') ? true : undefined;
    }, 'every digest decided');
    const byId = new Map((await memberNudges()).map((row) => [row.nudge_id, row]));
    expect(byId.get(kept.nudgeId)).toMatchObject({ state: 'DELIVERED', channel: 'IN_APP' });
    expect(byId.get(left.nudgeId)).toMatchObject({ state: 'SUPPRESSED', suppressed_reason: 'MEMBER_LEFT' });
    expect(byId.get(unknown.nudgeId)).toMatchObject({ state: 'SUPPRESSED', suppressed_reason: 'MEMBER_LEFT' });
  });

  it('suppresses a weekly digest whose leader was made STAFF after it was owed, and delivers the one to a leader who still leads the team', async () => {
    const monday = '2026-03-09T09:00:00.000Z';
    const history = [...aTeamWithAJourney(), memberJoined(NIA), teamMemberJoined(NIA, 'LEADER'), reflectionRecorded('r1', { closer: 'NO', comfort: 1 }, hoursAfter(T0, 2))];
    // Owed by the policy on Monday, as the digest tick decides them; Lee is made STAFF an hour later.
    const digests = givenPolicy(history)
      .whenTicked(monday)
      .decisions.map((decision) => ({ ...decision.nudge, organisationId: tenantId, nudgeId: randomUUID() }));
    const [toLee, toNia] = [LEE, NIA].map((leader) => digests.find((digest) => digest.recipientId === leader)!);
    await seedPolicyDocuments(storage.database, tenantId, documentsOf(givenPolicy([...history, teamMemberRoleChanged(LEE, 'LEADER', 'STAFF', hoursAfter(monday, 1))]).state));
    await start({}, {}, new FixedClock(hoursAfter(monday, 2)));
    await insertOwedNudges(storage.database, [toLee, toNia]);
    const settled = async () => {
      const states = await Promise.all([toLee, toNia].map(async (digest) => (await delivery(memberDeliveryId(digest.nudgeId)))?.state));
      return states.every((state) => state === 'DELIVERED' || state === 'SUPPRESSED' || state === 'DEAD') ? true : undefined;
    };
    await waitUntil(settled, 'both digests delivered or suppressed');

    const { rows: recorded } = await storage.database.query<{ last_detail: string | null }>('SELECT last_detail FROM nudges.deliveries WHERE delivery_id = $1', [memberDeliveryId(toLee.nudgeId)]);
    expect(recorded[0].last_detail).toMatch(/NO_LONGER_LEADER/);
    const byId = new Map((await memberNudges()).map((row) => [row.nudge_id, row]));
    expect(byId.get(toLee.nudgeId)).toMatchObject({ state: 'SUPPRESSED', suppressed_reason: 'NO_LONGER_RELEVANT', channel: null });
    expect(byId.get(toNia.nudgeId)).toMatchObject({ state: 'DELIVERED', channel: 'IN_APP' });
    expect(await attempts(memberDeliveryId(toLee.nudgeId))).toEqual([]);
  });

  it('asks whether a nudge is still owed once for its member and all its webhooks, and suppresses them all alike', async () => {
    const [first, second] = [subscribe('/ok'), subscribe('/ok')];
    const asked: string[] = [];
    const relevance: NudgeRelevance = {
      check: async (nudge) => {
        asked.push(nudge.nudgeId);
        return nudge.recipientId === 'ada' ? RELEVANT : suppressedBecause('JOURNEY_ENDED', 'JOURNEY_COMPLETED');
      },
    };
    const [kept, ended] = [owedNudge({ organisationId: tenantId, recipientId: 'ada' }), owedNudge({ organisationId: tenantId, recipientId: 'grace' })];
    await start({}, { reachability: members, relevance });
    await insertOwedNudges(storage.database, [kept, ended]);
    const deliveries = (nudge: typeof kept) => [memberDeliveryId(nudge.nudgeId), nudgeWebhookDeliveryId(nudge.nudgeId, first), nudgeWebhookDeliveryId(nudge.nudgeId, second)];
    for (const id of deliveries(kept)) await waitUntil(stateIs(id, 'DELIVERED'), 'the kept nudge delivered');
    for (const id of deliveries(ended)) await waitUntil(stateIs(id, 'SUPPRESSED'), 'the ended nudge suppressed');

    expect(asked.sort()).toEqual([kept.nudgeId, ended.nudgeId].sort());
    for (const id of deliveries(ended)) expect(await delivery(id)).toMatchObject({ suppressed_reason: 'JOURNEY_ENDED' });
  });

  it('moves a nudge the policy suppressed when it decided straight to the member’s history, sending nothing', async () => {
    const endpointId = subscribe('/ok');
    const nudge = owedNudge({ organisationId: tenantId, recipientId: 'ada' });
    await start();
    await storage.database.transaction(async (tx) => {
      await insertOwedNudges(tx, [nudge]);
      await tx.query(`UPDATE nudges.outbox SET suppressed_reason = 'OPTED_OUT', suppressed_detail = 'OPTED_OUT' WHERE nudge_id = $1`, [nudge.nudgeId]);
    });
    await waitUntil(async () => ((await memberNudges())[0]?.state === 'SUPPRESSED' ? true : undefined), 'the suppressed nudge');
    expect((await memberNudges())[0]).toMatchObject({ nudge_id: nudge.nudgeId, suppressed_reason: 'OPTED_OUT' });
    expect(await delivery(memberDeliveryId(nudge.nudgeId))).toBeUndefined();
    expect(await delivery(nudgeWebhookDeliveryId(nudge.nudgeId, endpointId))).toBeUndefined();
  });

  it('uses derived ids a replayed outbox row cannot duplicate', () => {
    expect(memberDeliveryId('n-1')).toBe(uuidFromParts('nudge-member-delivery', 'n-1'));
    expect(nudgeWebhookDeliveryId('n-1', 'e-1')).not.toBe(nudgeWebhookDeliveryId('n-1', 'e-2'));
  });
});
