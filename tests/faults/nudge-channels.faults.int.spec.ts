/**
 * Faults per member channel, through the production delivery ports, with counts: Slack answering
 * 429 with Retry-After then 200, a Teams Workflows trigger answering 500 then 202, an SMTP server
 * answering 451 (try again later) then accepting; and a permanent failure on each (a Slack user the
 * workspace does not know, a Teams flow that is gone, a mailbox that does not exist), which lands in
 * the dead letters admins list. Whatever happens: every owed nudge ends delivered or dead, none is
 * left open, and no receiver got one twice (Slack by the delivery id in the message metadata, Teams
 * by the card, email by its Message-ID).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { TenantReader } from '@stepwise/database';
import { CHAT_POST_MESSAGE_PATH, SlackReceiver, SmtpReceiver, TeamsReceiver } from '@stepwise/integrations/testing';
import { FixedClock } from '@stepwise/kernel';
import type { OwedNudge } from '@stepwise/nudges-domain';
import { AnswerLinkSigner, memberDeliveryId, NudgeHistoryReadModel, SecretBox, UnsubscribeLinkSigner, type NudgeDeliverySettings } from '@stepwise/nudges-infrastructure';
import { createLogger, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import {
  insertOwedNudges,
  IntegrationsTenant,
  openTestStorage,
  owedNudge,
  ProductionDelivery,
  seedPolicyMembers,
  testDeliverySettings,
  uniqueQueuePrefix,
  waitUntil,
} from '@stepwise/test-support';

const logger = createLogger('channel-faults', process.env.STEPWISE_TEST_LOG_LEVEL ?? 'silent');
jest.setTimeout(240_000);

const BOT_TOKEN = 'xoxb-4444-5555-faultsToken';
const GOOD = 10;
const settings = (prefix: string): NudgeDeliverySettings => testDeliverySettings(prefix, { concurrency: 8, maxAttempts: 5, backoffBaseMs: 100, backoffCapMs: 400 });

type Channel = 'SLACK' | 'TEAMS' | 'EMAIL';

interface ChannelCounts {
  readonly owed: number;
  readonly delivered: number;
  /** Attempts that failed in a way worth retrying (429, 500, 451), each recorded. */
  readonly retried: number;
  /** Nudges a receiver accepted more than once. */
  readonly duplicates: number;
  readonly dead: number;
  readonly deadLetters: number;
  readonly open: number;
}

describe('member channels under faults', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  const box = new SecretBox({ current: randomBytes(32) });
  const prefix = uniqueQueuePrefix('channel-faults');
  let storage: Storage;
  let production: ProductionDelivery;
  let slack: SlackReceiver;
  let teams: TeamsReceiver;
  let goneFlow: TeamsReceiver;
  let smtp: SmtpReceiver;
  let tenant: IntegrationsTenant;
  const errors: unknown[] = [];
  const member = (channel: Channel, index: number | 'bad') => `${channel.toLowerCase()}-${index}`;
  const slackId = (index: number | 'bad') => (index === 'bad' ? 'U0NOBODY1' : `U0SLACK${String(index).padStart(2, '0')}`);
  const mailbox = (index: number | 'bad') => `${member('EMAIL', index)}@faults.example`;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', stepwiseSchema, { poolSize: 6 });
    production = new ProductionDelivery(storage, (error) => errors.push(error));
    await production.projectReadModels();
    [slack, teams, goneFlow, smtp] = await Promise.all([
      SlackReceiver.start({ token: BOT_TOKEN, users: Array.from({ length: GOOD }, (_, index) => slackId(index)) }),
      TeamsReceiver.start(),
      TeamsReceiver.start(),
      SmtpReceiver.start(),
    ]);
    const indexes: (number | 'bad')[] = [...Array.from({ length: GOOD }, (_, index) => index), 'bad'];
    const channels: Channel[] = ['SLACK', 'TEAMS', 'EMAIL'];
    tenant = await IntegrationsTenant.create(
      storage.eventStore,
      clock,
      box,
      channels.flatMap((channel) => indexes.map((index) => ({ memberId: member(channel, index) }))),
    );
    const [slackTeam, teamsTeam, goneTeam] = [await tenant.team('team-slack'), await tenant.team('team-teams'), await tenant.team('team-gone')];
    await tenant.slackBot(slackTeam, BOT_TOKEN);
    await tenant.teams(teamsTeam, teams.url);
    // A flow deleted in Power Automate: its trigger URL answers 404.
    await tenant.teams(goneTeam, goneFlow.url.replace('/workflows/', '/workflows-deleted/'));
    await tenant.smtp({ host: '127.0.0.1', port: smtp.port, secure: false, fromAddress: 'nudges@faults.example' });
    for (const index of indexes) {
      await tenant.preferences(member('SLACK', index), [{ channel: 'SLACK', address: slackId(index) }]);
      await tenant.preferences(member('TEAMS', index), [{ channel: 'TEAMS', address: null }]);
      await tenant.preferences(member('EMAIL', index), [{ channel: 'EMAIL', address: mailbox(index) }]);
    }
    await production.runner.caughtUp();
    await seedPolicyMembers(storage.database, tenant.tenantId, channels.flatMap((channel) => indexes.map((index) => ({ memberId: member(channel, index) }))));
    smtp.refuseMailbox(mailbox('bad'));

    await production.startDelivering({
      clock,
      logger,
      sealer: box,
      outbound: { allowPrivateAddresses: true, slackApiUrl: slack.apiUrl, timeoutMs: 2_000 },
      answerLinks: new AnswerLinkSigner(randomBytes(32)),
      unsubscribeLinks: new UnsubscribeLinkSigner(randomBytes(32)),
      publicUrl: 'https://stepwise.example.test',
      slackInteractive: false,
      settings: settings(prefix),
    });
  }, 120_000);

  afterAll(async () => {
    await production?.stop();
    await Promise.all([slack?.close(), teams?.close(), goneFlow?.close(), smtp?.close()]);
    await storage?.close();
    expect(errors).toEqual([]);
  });

  const owe = async (channel: Channel, teamId: string): Promise<OwedNudge[]> => {
    const indexes: (number | 'bad')[] = [...Array.from({ length: GOOD }, (_, index) => index), 'bad'];
    const nudges = indexes.map((index) =>
      owedNudge({
        organisationId: tenant.tenantId,
        recipientId: member(channel, index),
        dueAt: clock.now().toISOString(),
        subject: { journeyId: `journey-${randomUUID()}`, teamId: index === 'bad' && channel === 'TEAMS' ? 'team-gone' : teamId, subjectId: `step-${randomUUID()}` },
        facts: { stepTitle: `${channel} step ${index}`, journeyTitle: 'Faults' },
      }),
    );
    await insertOwedNudges(storage.database, nudges);
    return nudges;
  };

  const settled = (nudges: readonly OwedNudge[]) =>
    waitUntil(
      async () => {
        const { rows } = await storage.database.query<{ n: string }>(`SELECT count(*) AS n FROM nudges.deliveries WHERE delivery_id = ANY($1::text[]) AND state IN ('DELIVERED', 'DEAD', 'SUPPRESSED')`, [
          nudges.map((nudge) => memberDeliveryId(nudge.nudgeId)),
        ]);
        return Number(rows[0].n) === nudges.length ? true : undefined;
      },
      'every delivery delivered or dead',
      120_000,
    );

  const counts = async (channel: Channel, nudges: readonly OwedNudge[], duplicates: number): Promise<ChannelCounts> => {
    const ids = nudges.map((nudge) => memberDeliveryId(nudge.nudgeId));
    const { rows } = await storage.database.query<{ state: string; n: string }>('SELECT state, count(*) AS n FROM nudges.deliveries WHERE delivery_id = ANY($1::text[]) GROUP BY state', [ids]);
    const inState = (state: string) => Number(rows.find((row) => row.state === state)?.n ?? 0);
    const { rows: retried } = await storage.database.query<{ n: string }>(
      `SELECT count(*) AS n FROM nudges.delivery_attempts WHERE delivery_id = ANY($1::text[]) AND outcome = 'RETRYABLE' AND channel = $2`,
      [ids, channel],
    );
    const letters = await new NudgeHistoryReadModel(new TenantReader(storage.database)).deadLetters({ organisationId: tenant.tenantId, memberId: 'mem-admin', orgRole: 'ADMIN' }, { first: 100 });
    return {
      owed: nudges.length,
      delivered: inState('DELIVERED'),
      retried: Number(retried[0].n),
      duplicates,
      dead: inState('DEAD'),
      deadLetters: letters.items.filter((item) => ids.includes(item.node.deliveryId)).length,
      open: ids.length - inState('DELIVERED') - inState('DEAD') - inState('SUPPRESSED'),
    };
  };

  /** How many keys occur more than once. */
  const repeats = (keys: readonly string[]): number => {
    const seen = new Map<string, number>();
    for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
    return [...seen.values()].filter((times) => times > 1).length;
  };

  const expectNothingLostOrDoubled = (result: ChannelCounts, retriedAtLeast: number): void => {
    expect(result).toMatchObject({ owed: GOOD + 1, delivered: GOOD, dead: 1, deadLetters: 1, duplicates: 0, open: 0 });
    expect(result.retried).toBeGreaterThanOrEqual(retriedAtLeast);
  };

  it('Slack: a 429 with Retry-After is retried after it and delivered; an unknown user is dead at once', async () => {
    const limited = GOOD;
    slack.answerNext(CHAT_POST_MESSAGE_PATH, ...Array.from({ length: limited }, () => ({ status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } })));
    const nudges = await owe('SLACK', 'team-slack');
    await settled(nudges);
    // The first `limited` posts were answered 429 (scripted, in arrival order); the rest as Slack would.
    const answered = slack.requestsTo(CHAT_POST_MESSAGE_PATH).slice(limited);
    const accepted = answered.filter((request) => request.payload.channel !== slackId('bad'));
    const result = await counts('SLACK', nudges, repeats(accepted.map((request) => (request.payload.metadata as { event_payload: { delivery_id: string } }).event_payload.delivery_id)));
    console.log(`Slack 429 then 200, and an unknown user: ${JSON.stringify(result)}`);
    expectNothingLostOrDoubled(result, limited);
    expect(accepted).toHaveLength(GOOD);
    const dead = (await storage.database.query<{ detail: string }>('SELECT detail FROM nudges.delivery_attempts WHERE delivery_id = $1 ORDER BY attempt_number DESC LIMIT 1', [memberDeliveryId(nudges[GOOD].nudgeId)])).rows[0];
    expect(dead.detail).toBe('Slack refused the message: channel_not_found');
  });

  it('Teams: a 500 is retried and the 202 delivers; a flow that is gone (404) is dead at once', async () => {
    teams.answerNext(...Array.from({ length: GOOD }, () => ({ status: 500, body: 'BadGateway' })));
    const nudges = await owe('TEAMS', 'team-teams');
    await settled(nudges);
    const accepted = teams.requests.slice(GOOD).map((request) => /TEAMS step \d+/.exec(request.body)?.[0] ?? '?');
    const result = await counts('TEAMS', nudges, repeats(accepted));
    console.log(`Teams 500 then 202, and a deleted flow: ${JSON.stringify(result)}`);
    expectNothingLostOrDoubled(result, GOOD);
    expect(accepted).toHaveLength(GOOD);
    expect(goneFlow.requests.length).toBe(1);
  });

  it('email: a temporary SMTP failure (451) is retried and accepted; a mailbox that does not exist (550 5.1.1) is dead at once', async () => {
    smtp.failNext(...Array.from({ length: GOOD }, () => ({ at: 'DATA' as const, code: 451, message: '4.3.0 Try again later' })));
    const nudges = await owe('EMAIL', 'team-slack');
    await settled(nudges);
    const result = await counts('EMAIL', nudges, repeats(smtp.messages.map((message) => message.header('message-id') ?? '?')));
    console.log(`SMTP 451 then 250, and an unknown mailbox: ${JSON.stringify(result)}`);
    expectNothingLostOrDoubled(result, GOOD);
    expect(smtp.messages).toHaveLength(GOOD);
    expect(new Set(smtp.messages.flatMap((message) => message.envelope.to))).toEqual(new Set(Array.from({ length: GOOD }, (_, index) => mailbox(index))));
  });
});
