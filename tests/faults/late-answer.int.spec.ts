/**
 * Slack and a Teams Workflows trigger that act on a message at once and answer it late: past the
 * send timeout (2 s), within the attempt's lease (8 s). The request was wholly sent, so the answer
 * is awaited: the nudge is delivered on its first attempt and the member sees it once (abandoned at
 * the send timeout, the retry would post it a second time). An answer later than the lease still
 * ends the attempt as the lease is about to run out, before another worker may take it over.
 * Through the production delivery ports, with a real clock.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { CHAT_POST_MESSAGE_PATH, SlackReceiver, TeamsReceiver } from '@stepwise/integrations/testing';
import { systemClock } from '@stepwise/kernel';
import { AnswerLinkSigner, memberDeliveryId, SecretBox, UnsubscribeLinkSigner, type NudgeDeliverySettings } from '@stepwise/nudges-infrastructure';
import { createLogger, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { insertOwedNudges, IntegrationsTenant, openTestStorage, owedNudge, ProductionDelivery, seedPolicyMembers, testDeliverySettings, uniqueQueuePrefix, waitUntil } from '@stepwise/test-support';

const logger = createLogger('late-answer', process.env.STEPWISE_TEST_LOG_LEVEL ?? 'silent');
jest.setTimeout(90_000);

const BOT_TOKEN = 'xoxb-4444-5555-lateToken';
const SEND_TIMEOUT_MS = 2_000;
const LEASE_MS = 8_000;
const LATE_MS = 4_000;

const settings = (prefix: string): NudgeDeliverySettings =>
  testDeliverySettings(prefix, { maxAttempts: 4, backoffBaseMs: 100, backoffCapMs: 400, leaseMs: LEASE_MS, sendTimeoutMs: SEND_TIMEOUT_MS, relayPollMs: 50 });

describe('a receiver that acts at once and answers late', () => {
  const box = new SecretBox({ current: randomBytes(32) });
  const prefix = uniqueQueuePrefix('late-answer');
  const errors: unknown[] = [];
  let storage: Storage;
  let production: ProductionDelivery;
  let slack: SlackReceiver;
  let teams: TeamsReceiver;
  let tenant: IntegrationsTenant;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', stepwiseSchema, { poolSize: 6 });
    production = new ProductionDelivery(storage, (error) => errors.push(error));
    await production.projectReadModels();
    [slack, teams] = await Promise.all([SlackReceiver.start({ token: BOT_TOKEN, users: ['U0LATE001'] }), TeamsReceiver.start()]);
    tenant = await IntegrationsTenant.create(storage.eventStore, systemClock, box, [{ memberId: 'ada' }, { memberId: 'bo' }]);
    await tenant.slackBot(await tenant.team('team-late-slack'), BOT_TOKEN);
    await tenant.teams(await tenant.team('team-late-teams'), teams.url);
    await tenant.preferences('ada', [{ channel: 'SLACK', address: 'U0LATE001' }]);
    await tenant.preferences('bo', [{ channel: 'TEAMS', address: null }]);
    await production.runner.caughtUp();
    await seedPolicyMembers(storage.database, tenant.tenantId, [{ memberId: 'ada' }, { memberId: 'bo' }]);
    await production.startDelivering({
      clock: systemClock,
      logger,
      sealer: box,
      outbound: { allowPrivateAddresses: true, slackApiUrl: slack.apiUrl, timeoutMs: SEND_TIMEOUT_MS },
      answerLinks: new AnswerLinkSigner(randomBytes(32)),
      unsubscribeLinks: new UnsubscribeLinkSigner(randomBytes(32)),
      publicUrl: 'https://stepwise.example.test',
      slackInteractive: false,
      settings: settings(prefix),
    });
  }, 60_000);

  afterAll(async () => {
    await production?.stop();
    await Promise.all([slack?.close(), teams?.close()]);
    await storage?.close();
    expect(errors).toEqual([]);
  });

  /** Owes `recipientId` a nudge about a step titled `title` and waits until it is delivered: its attempts, in order. */
  const deliver = async (recipientId: string, teamId: string, title: string) => {
    const nudge = owedNudge({
      organisationId: tenant.tenantId,
      recipientId,
      dueAt: new Date().toISOString(),
      subject: { journeyId: `journey-${randomUUID()}`, teamId, subjectId: `step-${randomUUID()}` },
      facts: { stepTitle: title, journeyTitle: 'Late answers' },
    });
    const deliveryId = memberDeliveryId(nudge.nudgeId);
    await insertOwedNudges(storage.database, [nudge]);
    const state = async () => (await storage.database.query<{ state: string }>('SELECT state FROM nudges.deliveries WHERE delivery_id = $1', [deliveryId])).rows[0]?.state;
    await waitUntil(async () => ((await state()) === 'DELIVERED' ? true : undefined), 'the nudge delivered', 60_000);
    const { rows } = await storage.database.query<{ attempt_number: number; outcome: string; detail: string | null; duration_ms: number }>(
      'SELECT attempt_number, outcome, detail, duration_ms FROM nudges.delivery_attempts WHERE delivery_id = $1 ORDER BY attempt_number',
      [deliveryId],
    );
    return rows;
  };

  it('Slack: chat.postMessage answered after the send timeout is awaited, and the member gets the message once', async () => {
    slack.answerLate(CHAT_POST_MESSAGE_PATH, LATE_MS);
    const attempts = await deliver('ada', 'team-late-slack', 'a Slack step');
    expect(attempts.map((row) => [row.attempt_number, row.outcome])).toEqual([[1, 'DELIVERED']]);
    expect(attempts[0].duration_ms).toBeGreaterThanOrEqual(LATE_MS - 100);
    expect(slack.requestsTo(CHAT_POST_MESSAGE_PATH).filter((request) => String(request.payload.text).includes('a Slack step'))).toHaveLength(1);
  });

  it('Teams: a trigger answering 202 after the send timeout is awaited, and the channel gets the card once', async () => {
    teams.answerLate(LATE_MS);
    const attempts = await deliver('bo', 'team-late-teams', 'a Teams step');
    expect(attempts.map((row) => [row.attempt_number, row.outcome])).toEqual([[1, 'DELIVERED']]);
    expect(teams.requests.filter((request) => request.body.includes('a Teams step'))).toHaveLength(1);
  });

  it('an answer later than the lease ends the attempt as the lease runs out (retryable), and the retry delivers', async () => {
    teams.answerLate(60_000);
    const attempts = await deliver('bo', 'team-late-teams', 'a Teams step past the lease');
    expect(attempts.map((row) => [row.attempt_number, row.outcome])).toEqual([
      [1, 'RETRYABLE'],
      [2, 'DELIVERED'],
    ]);
    expect(attempts[0].detail).toContain('lease');
    // Ended by the lease's end (less its margin), not by the send timeout nor the late answer.
    expect(attempts[0].duration_ms).toBeGreaterThan(SEND_TIMEOUT_MS + 1_000);
    expect(attempts[0].duration_ms).toBeLessThan(LEASE_MS);
  });
});
