/**
 * The delivery path as the worker composes it (`deliveryPorts`), on PostgreSQL and PGlite, with the
 * organisation set up through the real command handlers and projected by the real read-model
 * runner: a member's nudge goes out on their preferred channel through their team's Slack or Teams
 * integration or the organisation's SMTP server, to local receivers (Slack's API and webhooks,
 * a Teams Workflows trigger, `smtp-server`); a channel nobody configured is passed over for the next
 * one, then in-app, and the attempt says so. Outbound HTTP refuses private addresses as production
 * does, with only the test's own receivers exempt. Webhook endpoints come from their read table, and
 * a 410 disables the endpoint through its command.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { TenantReader } from '@stepwise/database';
import { CHAT_POST_MESSAGE_PATH, exemptTestReceiver, SlackReceiver, SmtpReceiver, TeamsReceiver } from '@stepwise/integrations/testing';
import { FixedClock, SeededRandom } from '@stepwise/kernel';
import type { OwedNudge } from '@stepwise/nudges-domain';
import { createLogger, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import {
  insertOwedNudges,
  IntegrationsTenant,
  openTestStorage,
  owedNudge,
  ProductionDelivery,
  seedPolicyMembers,
  startWebhookReceiver,
  TEST_WEBHOOK_SECRET,
  testDeliverySettings,
  type TestEngine,
  uniqueQueuePrefix,
  waitUntil,
  type WebhookReceiver,
} from '@stepwise/test-support';
import { AnswerLinkSigner } from '../answers/answer-link.signer';
import { SLACK_ANSWER_BLOCK_ID } from '../answers/slack-answer.interaction';
import { UnsubscribeLinkSigner } from '../integrations/unsubscribe-link.signer';
import { NudgeHistoryReadModel } from '../history/nudge-history.read-model';
import { SqlNudgesReadModel } from '../read-models/sql-nudges.read-model';
import { memberDeliveryId, nudgeWebhookDeliveryId } from '../relay/outbox-intake';
import { SecretBox } from '../secrets/secret-box';
import { answerNonceOf } from '../channels/member-message.composer';
import type { NudgeDeliverySettings } from './nudge-delivery.engine';
import { CommandEndpointDisabler } from './gone-endpoint.disabler';
import { deliveryPorts } from './production-delivery.ports';

const logger = createLogger('channels-test', process.env.STEPWISE_TEST_LOG_LEVEL ?? 'silent');
const PUBLIC_URL = 'https://stepwise.example.test';
const BOT_TOKEN = 'xoxb-1111-2222-channelsTestToken';
const [ADA, BO, CY, DEE, ELI] = ['mem-ada', 'mem-bo', 'mem-cy', 'mem-dee', 'mem-eli'];
const SLACK_IDS = { [ADA]: 'U0ADA0001', [DEE]: 'U0DEE0001' } as const;

const settings = (prefix: string): NudgeDeliverySettings => testDeliverySettings(prefix);

interface AttemptRow {
  attempt_number: number;
  channel: string;
  outcome: string;
  status_code: number | null;
  detail: string | null;
}

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('delivery through the production ports on %s', (_name, engineKind) => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  const box = new SecretBox({ current: randomBytes(32) });
  const answerLinks = new AnswerLinkSigner(randomBytes(32));
  const unsubscribeLinks = new UnsubscribeLinkSigner(randomBytes(32));
  let storage: Storage;
  let production: ProductionDelivery;
  let slack: SlackReceiver;
  let teams: TeamsReceiver;
  let smtp: SmtpReceiver;
  let hooks: WebhookReceiver;
  let tenant: IntegrationsTenant;
  let configured: string;
  let bare: string;
  const prefix = uniqueQueuePrefix('channels');
  const errors: unknown[] = [];

  const exempt = (url: string) => {
    const { hostname, port } = new URL(url);
    return exemptTestReceiver({ address: hostname, port: Number(port), family: 'IPv4' } as AddressInfo);
  };

  beforeAll(async () => {
    storage = await openTestStorage(engineKind, stepwiseSchema, { poolSize: 6 });
    production = new ProductionDelivery(storage, (error) => errors.push(error));
    await production.projectReadModels();
    [slack, teams, smtp, hooks] = await Promise.all([SlackReceiver.start({ token: BOT_TOKEN, users: Object.values(SLACK_IDS) }), TeamsReceiver.start(), SmtpReceiver.start(), startWebhookReceiver()]);

    tenant = await IntegrationsTenant.create(storage.eventStore, clock, box, [
      { memberId: ADA, email: 'ada@acme.example' },
      { memberId: BO, email: 'bo@acme.example' },
      { memberId: CY, email: 'cy@acme.example' },
      { memberId: DEE },
      { memberId: ELI },
    ]);
    // One team with every channel, one with none; the organisation's own SMTP server.
    configured = await tenant.team();
    bare = await tenant.team();
    await tenant.slackBot(configured, BOT_TOKEN);
    await tenant.teams(configured, teams.url);
    await tenant.smtp({ host: '127.0.0.1', port: smtp.port, secure: false, fromAddress: 'nudges@acme.example', fromName: 'Acme Nudges' });
    await tenant.preferences(ADA, [{ channel: 'SLACK', address: SLACK_IDS[ADA] }, { channel: 'EMAIL', address: 'ada@acme.example' }]);
    await tenant.preferences(BO, [{ channel: 'EMAIL', address: 'bo.work@acme.example' }]);
    await tenant.preferences(CY, [{ channel: 'TEAMS', address: null }, { channel: 'EMAIL', address: 'cy@acme.example' }]);
    await tenant.preferences(DEE, [{ channel: 'SLACK', address: SLACK_IDS[DEE] }, { channel: 'TEAMS', address: null }, { channel: 'EMAIL', address: 'dee@acme.example' }]);
    await tenant.preferences(ELI, [{ channel: 'SLACK', address: 'U0ELI0001' }, { channel: 'TEAMS', address: null }]);
    await production.runner.caughtUp();
    // The policy's own documents of its members, as its processor writes them from MemberJoined.
    await seedPolicyMembers(storage.database, tenant.tenantId, [ADA, BO, CY, DEE, ELI].map((memberId) => ({ memberId })));

    const random = new SeededRandom(5);
    await production.startDelivering({
      clock,
      logger,
      sealer: box,
      outbound: { allowPrivateAddresses: false, slackApiUrl: slack.apiUrl, timeoutMs: 2_000, exemptTestReceivers: [exempt(slack.apiUrl), exempt(teams.url), exempt(hooks.url), exempt(`smtp://127.0.0.1:${smtp.port}`)] },
      answerLinks,
      unsubscribeLinks,
      publicUrl: PUBLIC_URL,
      slackInteractive: false,
      settings: settings(prefix),
      random: () => random.next(),
    });
  }, 60_000);

  afterAll(async () => {
    await production?.stop();
    await Promise.all([slack?.close(), teams?.close(), smtp?.close(), hooks?.close()]);
    await storage?.close();
    expect(errors).toEqual([]);
  });

  const owe = async (recipientId: string, overrides: Partial<OwedNudge> = {}): Promise<OwedNudge> => {
    const nudge = owedNudge({
      organisationId: tenant.tenantId,
      recipientId,
      dueAt: clock.now().toISOString(),
      subject: { journeyId: `journey-${randomUUID()}`, teamId: configured, subjectId: `step-${randomUUID()}` },
      facts: { stepTitle: 'Share the plan', journeyTitle: 'Weekly planning', memberId: recipientId },
      ...overrides,
    });
    await insertOwedNudges(storage.database, [nudge]);
    return nudge;
  };

  const delivery = (nudge: OwedNudge, id = memberDeliveryId(nudge.nudgeId)) =>
    waitUntil(async () => {
      const { rows } = await storage.database.query<{ state: string; channel: string | null }>('SELECT state, channel FROM nudges.deliveries WHERE delivery_id = $1', [id]);
      return rows[0] && ['DELIVERED', 'DEAD', 'SUPPRESSED'].includes(rows[0].state) ? rows[0] : undefined;
    }, `delivery ${id} finished`);

  const attempts = async (nudge: OwedNudge, id = memberDeliveryId(nudge.nudgeId)): Promise<AttemptRow[]> =>
    (await storage.database.query<AttemptRow>('SELECT attempt_number, channel, outcome, status_code, detail FROM nudges.delivery_attempts WHERE delivery_id = $1 ORDER BY attempt_number', [id])).rows;

  const buttons = (blocks: unknown) =>
    (blocks as { type: string; elements?: { type: string; url?: string; value?: string }[] }[]).filter((block) => block.type === 'actions').flatMap((block) => block.elements ?? []);

  it('sends a reflection nudge to the member’s Slack user id with the team’s bot token, with one-tap answer links signed for that member', async () => {
    const nudge = await owe(ADA);
    expect(await delivery(nudge)).toEqual({ state: 'DELIVERED', channel: 'SLACK' });
    const post = slack.requestsTo(CHAT_POST_MESSAGE_PATH).find((request) => (request.payload.metadata as { event_payload: { nudge_id: string } }).event_payload.nudge_id === nudge.nudgeId)!;
    expect(post.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post.payload.channel).toBe(SLACK_IDS[ADA]);
    expect(post.payload.text).toContain('You took “Share the plan”.');
    const links = buttons(post.payload.blocks).map((button) => button.url!);
    expect(links).toHaveLength(3);
    expect(links.map((url) => new URL(url).searchParams.get('closer'))).toEqual(['YES', 'NO', 'UNSURE']);
    const claims = answerLinks.verify(new URL(links[0]).pathname.split('/').pop()!);
    expect(claims).toMatchObject({ tenantId: tenant.tenantId, memberId: ADA, journeyId: nudge.subject.journeyId, stepId: nudge.subject.subjectId, nudgeId: nudge.nudgeId });
    expect(claims.nonce).toBe(answerNonceOf(memberDeliveryId(nudge.nudgeId)));
    // No raw facts (ids) in a message for people.
    expect(JSON.stringify(post.payload.blocks)).not.toContain(ADA);
    expect(await attempts(nudge)).toEqual([{ attempt_number: 1, channel: 'SLACK', outcome: 'DELIVERED', status_code: 200, detail: expect.stringMatching(/^posted to D0ADA0001/) }]);
  });

  it('emails through the organisation’s SMTP server, with one-click unsubscribe headers and link, and the answer links', async () => {
    const nudge = await owe(BO);
    expect(await delivery(nudge)).toEqual({ state: 'DELIVERED', channel: 'EMAIL' });
    const email = smtp.messages.find((message) => message.envelope.to.includes('bo.work@acme.example'))!;
    expect(email.envelope.from).toBe('nudges@acme.example');
    const listUnsubscribe = email.header('list-unsubscribe')!;
    expect(listUnsubscribe).toMatch(new RegExp(`^<${PUBLIC_URL}/unsubscribe/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>$`));
    expect(email.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = listUnsubscribe.slice(1, -1);
    expect(unsubscribeLinks.verify(unsubscribe.split('/').pop()!)).toEqual({ tenantId: tenant.tenantId, memberId: BO, rule: 'REFLECT' });
    expect(email.parsed.text).toContain(`Unsubscribe: ${unsubscribe}`);
    expect(email.parsed.html).toContain(`href="${unsubscribe}"`);
    expect(email.parsed.text).toMatch(new RegExp(`Yes, closer: ${PUBLIC_URL}/answers/\\S+\\?closer=YES`));
    expect((await attempts(nudge))[0]).toMatchObject({ channel: 'EMAIL', outcome: 'DELIVERED', status_code: 250 });
  });

  it('posts to the team’s Teams channel without answer links (anyone there could answer as the member)', async () => {
    const nudge = await owe(CY);
    expect(await delivery(nudge)).toEqual({ state: 'DELIVERED', channel: 'TEAMS' });
    const card = teams.requests.map((request) => JSON.parse(request.body).attachments[0].content).find((content) => JSON.stringify(content).includes('Share the plan'))!;
    expect(card.actions ?? []).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('/answers/');
    expect((await attempts(nudge))[0]).toMatchObject({ channel: 'TEAMS', outcome: 'DELIVERED', status_code: 202 });
  });

  it('passes over what the nudge’s team has not configured to the next preferred channel, and says so in the attempt', async () => {
    const nudge = await owe(DEE, { subject: { journeyId: `journey-${randomUUID()}`, teamId: bare, subjectId: `step-${randomUUID()}` } });
    expect(await delivery(nudge)).toEqual({ state: 'DELIVERED', channel: 'EMAIL' });
    expect(smtp.messages.some((message) => message.envelope.to.includes('dee@acme.example'))).toBe(true);
    expect(await attempts(nudge)).toEqual([
      {
        attempt_number: 1,
        channel: 'EMAIL',
        outcome: 'DELIVERED',
        status_code: 250,
        detail: expect.stringMatching(/^passed over SLACK: the team has no Slack integration; TEAMS: the team has no Microsoft Teams integration; sent by EMAIL: 250 /),
      },
    ]);
  });

  it('is in-app when no preferred channel can take it, naming each channel passed over', async () => {
    const nudge = await owe(ELI, { subject: { journeyId: `journey-${randomUUID()}`, teamId: bare, subjectId: `step-${randomUUID()}` } });
    expect(await delivery(nudge)).toEqual({ state: 'DELIVERED', channel: 'IN_APP' });
    expect(await attempts(nudge)).toEqual([
      {
        attempt_number: 1,
        channel: 'IN_APP',
        outcome: 'DELIVERED',
        status_code: null,
        detail: 'passed over SLACK: the team has no Slack integration; TEAMS: the team has no Microsoft Teams integration; delivered in-app',
      },
    ]);
    const mine = await new NudgeHistoryReadModel(new TenantReader(storage.database)).myNudge({ organisationId: tenant.tenantId, memberId: ELI, orgRole: 'MEMBER' }, nudge.nudgeId);
    expect(mine).toMatchObject({ state: 'DELIVERED', channel: 'IN_APP' });
  });

  it('sends a nudge about a member’s comfort through no channel an admin sets up: the leader reads it in Stepwise', async () => {
    const nudge = await owe(CY, { rule: 'SUPPORT_LOW_COMFORT', facts: { memberName: 'Bo', journeyTitle: 'Weekly planning' } });
    expect(await delivery(nudge)).toEqual({ state: 'DELIVERED', channel: 'IN_APP' });
    expect(teams.requests.some((request) => request.body.includes('uncomfortable'))).toBe(false);
    expect(smtp.messages.some((message) => message.envelope.to.includes('cy@acme.example'))).toBe(false);
    expect((await attempts(nudge))[0].detail).toMatch(/^passed over TEAMS: a low-comfort nudge is read in Stepwise alone; EMAIL: a low-comfort nudge is read in Stepwise alone; delivered in-app/);
  });

  it('retries a Slack rate limit after Retry-After and delivers on the next attempt', async () => {
    slack.answerNext(CHAT_POST_MESSAGE_PATH, { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } });
    const nudge = await owe(ADA);
    expect(await delivery(nudge)).toEqual({ state: 'DELIVERED', channel: 'SLACK' });
    expect((await attempts(nudge)).map((row) => [row.channel, row.outcome, row.status_code])).toEqual([
      ['SLACK', 'RETRYABLE', 429],
      ['SLACK', 'DELIVERED', 200],
    ]);
  });

  it('keeps the answer links out of the attempt’s record when Slack’s answer echoes the message back', async () => {
    // A proxy (or a stand-in at STEPWISE_SLACK_API_URL) answering 200 with the request it was sent:
    // the client reads the text as Slack's error, and the attempt's detail would hold the whole form,
    // the member's answer links with it, for any admin reading the delivery's attempts to use. Not
    // Slack's JSON, it is no refusal of Slack's: tried again, and delivered.
    slack.echoNext(CHAT_POST_MESSAGE_PATH);
    const nudge = await owe(ADA);
    expect(await delivery(nudge)).toEqual({ state: 'DELIVERED', channel: 'SLACK' });
    const post = slack.requestsTo(CHAT_POST_MESSAGE_PATH).find((request) => (request.payload.metadata as { event_payload: { nudge_id: string } }).event_payload.nudge_id === nudge.nudgeId)!;
    const token = new URL(buttons(post.payload.blocks)[0].url!).pathname.split('/').pop()!;
    expect(answerLinks.verify(token)).toMatchObject({ memberId: ADA, nudgeId: nudge.nudgeId });
    const signature = token.split('.')[1];

    const [echoed, delivered, ...more] = await attempts(nudge);
    expect(more).toEqual([]);
    expect(delivered).toMatchObject({ channel: 'SLACK', outcome: 'DELIVERED', status_code: 200 });
    expect(echoed).toMatchObject({ channel: 'SLACK', outcome: 'RETRYABLE', status_code: 200 });
    expect(echoed.detail).not.toContain(token);
    expect(echoed.detail).not.toContain(signature.slice(0, 16));
    // The rest of what came back stays, each link's place marked.
    expect(echoed.detail).toMatch(/^the answer was not Slack's JSON \(a proxy in the way\?\): channel=U0ADA0001&text=/);
    expect(echoed.detail).toContain('%2Fanswers%2F[signed link]%3Fcloser%3DYES');
    expect(echoed.detail).toContain(`%22delivery_id%22%3A%22${memberDeliveryId(nudge.nudgeId)}%22`);
  });

  it('keeps the answer and unsubscribe links out of the attempt’s record when the SMTP server’s answer quotes the message', async () => {
    // A relay that reports what it queued: its answer is the attempt's detail, which admins read.
    smtp.echoNext((email) => `${email.header('list-unsubscribe')} ${/answers\/\S+/.exec(email.parsed.text ?? '')?.[0]}`);
    const nudge = await owe(BO);
    expect(await delivery(nudge)).toEqual({ state: 'DELIVERED', channel: 'EMAIL' });
    const email = smtp.messages.filter((message) => message.envelope.to.includes('bo.work@acme.example')).at(-1)!;
    const unsubscribeToken = email.header('list-unsubscribe')!.slice(1, -1).split('/').pop()!;
    const answerToken = /answers\/([^?\s]+)\?closer=YES/.exec(email.parsed.text ?? '')![1];
    expect(unsubscribeLinks.verify(unsubscribeToken)).toMatchObject({ memberId: BO });
    expect(answerLinks.verify(answerToken)).toMatchObject({ memberId: BO, nudgeId: nudge.nudgeId });

    const [attempt, ...more] = await attempts(nudge);
    expect(more).toEqual([]);
    expect(attempt).toMatchObject({ channel: 'EMAIL', outcome: 'DELIVERED', status_code: 250 });
    // Kept to its first 300 characters, which end inside the answer token: the piece of it left goes too.
    expect(attempt.detail).toBe(`250 queued: <${PUBLIC_URL}/unsubscribe/[signed link]> answers/[signed link]…`);
  });

  it('sends nudges to webhook endpoints from their read table, signed with the unsealed secret, and disables an endpoint that answers 410 by its command', async () => {
    // An organisation of its own: every nudge of the first one went to its endpoints too, and the gone one is long disabled.
    const own = await IntegrationsTenant.create(storage.eventStore, clock, box, [{ memberId: ELI }]);
    const endpoints = new SqlNudgesReadModel(new TenantReader(storage.database));
    const okEndpoint = await own.webhookEndpoint(endpoints, `${hooks.url}/ok`, ['nudge'], TEST_WEBHOOK_SECRET);
    const goneEndpoint = await own.webhookEndpoint(endpoints, `${hooks.url}/gone`, ['nudge'], TEST_WEBHOOK_SECRET);
    await production.runner.caughtUp();
    await seedPolicyMembers(storage.database, own.tenantId, [{ memberId: ELI }]);
    const nudge = owedNudge({ organisationId: own.tenantId, recipientId: ELI, rule: 'WEEKLY_DIGEST', subject: { journeyId: null, teamId: null, subjectId: 'week-2026-03-02' }, dueAt: clock.now().toISOString() });
    await insertOwedNudges(storage.database, [nudge]);
    expect(await delivery(nudge, nudgeWebhookDeliveryId(nudge.nudgeId, okEndpoint))).toMatchObject({ state: 'DELIVERED' });
    expect(hooks.handled.get(nudgeWebhookDeliveryId(nudge.nudgeId, okEndpoint))?.signature).toMatch(/^v1,/);
    expect(await delivery(nudge, nudgeWebhookDeliveryId(nudge.nudgeId, goneEndpoint))).toMatchObject({ state: 'DEAD' });
    const endpoint = await waitUntil(async () => {
      await production.runner.caughtUp();
      const found = await endpoints.webhookEndpoint(own.tenantId, goneEndpoint);
      return found?.status === 'DISABLED' ? found : undefined;
    }, 'the gone endpoint disabled');
    expect(endpoint).toMatchObject({ status: 'DISABLED', disabledReason: 'GONE' });
    const { rows } = await storage.database.query<{ data: { reason: string; statusCode: number; disabledBy: string } }>(
      `SELECT data FROM es_events WHERE tenant_id = $1 AND event_type = 'WebhookEndpointDisabled'`,
      [own.tenantId],
    );
    expect(rows.map((row) => row.data)).toEqual([expect.objectContaining({ reason: 'GONE', statusCode: 410, disabledBy: 'system:webhook-delivery' })]);
    // What else it was owed is kept for it (a dead letter to replay once enabled): disabled and still subscribed, read from its stream.
    const disabler = new CommandEndpointDisabler(storage.eventStore, clock, logger);
    expect(await disabler.standing(own.tenantId, goneEndpoint, 'nudge')).toBe('DISABLED');
    expect(await disabler.standing(own.tenantId, goneEndpoint, 'StepTaken')).toBe('NOT_RECEIVING');
    expect(await disabler.standing(own.tenantId, okEndpoint, 'nudge')).toBe('RECEIVING');
    expect(await disabler.standing(own.tenantId, okEndpoint, 'StepTaken')).toBe('NOT_RECEIVING');
    expect(await disabler.standing(own.tenantId, 'no-such-endpoint', 'nudge')).toBe('NOT_RECEIVING');
  });

  it('reads endpoints afresh for every nudge: one registered a moment before gets it, one removed a moment before gets nothing', async () => {
    const own = await IntegrationsTenant.create(storage.eventStore, clock, box, [{ memberId: ELI }]);
    const endpoints = new SqlNudgesReadModel(new TenantReader(storage.database));
    await seedPolicyMembers(storage.database, own.tenantId, [{ memberId: ELI }]);
    const digest = (week: string): OwedNudge =>
      owedNudge({ organisationId: own.tenantId, recipientId: ELI, rule: 'WEEKLY_DIGEST', subject: { journeyId: null, teamId: null, subjectId: `week-${week}` }, dueAt: clock.now().toISOString() });
    // A nudge taken in before the endpoint exists: the organisation's endpoints are looked up, and none found.
    const before = digest('2026-02-23');
    await insertOwedNudges(storage.database, [before]);
    expect(await delivery(before, memberDeliveryId(before.nudgeId))).toMatchObject({ state: 'DELIVERED' });

    const fresh = await own.webhookEndpoint(endpoints, `${hooks.url}/fresh`, ['nudge'], TEST_WEBHOOK_SECRET);
    await production.runner.caughtUp();
    const after = digest('2026-03-02');
    await insertOwedNudges(storage.database, [after]);
    expect(await delivery(after, nudgeWebhookDeliveryId(after.nudgeId, fresh))).toMatchObject({ state: 'DELIVERED' });

    await own.removeWebhookEndpoint(fresh);
    await production.runner.caughtUp();
    const removed = digest('2026-03-09');
    await insertOwedNudges(storage.database, [removed]);
    expect(await delivery(removed, memberDeliveryId(removed.nudgeId))).toMatchObject({ state: 'DELIVERED' });
    expect(await storage.database.query(`SELECT 1 FROM nudges.deliveries WHERE nudge_id = $1 AND kind = 'WEBHOOK'`, [removed.nudgeId])).toMatchObject({ rows: [] });
    expect([...hooks.handled.values()].filter((hook) => hook.path === '/fresh').map((hook) => hook.body.data.nudgeId)).toEqual([after.nudgeId]);
  });

  it('puts answer buttons in the Slack message where a Slack app receives the taps', async () => {
    const interactive = deliveryPorts({
      database: storage.database,
      eventStore: storage.eventStore,
      clock,
      logger,
      sealer: box,
      outbound: { allowPrivateAddresses: false, slackApiUrl: slack.apiUrl, exemptTestReceivers: [exempt(slack.apiUrl)] },
      leaseMs: 5_000,
      answerLinks,
      unsubscribeLinks,
      publicUrl: PUBLIC_URL,
      slackInteractive: true,
    });
    try {
      const nudge = owedNudge({ organisationId: tenant.tenantId, recipientId: DEE, subject: { journeyId: 'journey-x', teamId: configured, subjectId: 'step-x' } });
      const member = (await interactive.ports.reachability!.reachabilityOf(tenant.tenantId, DEE))!;
      const route = await interactive.ports.memberSenders!.SLACK!.route({ tenantId: tenant.tenantId, memberId: DEE, nudge, member, address: SLACK_IDS[DEE] });
      if ('unavailable' in route) throw new Error(route.unavailable);
      const message = { nudgeId: nudge.nudgeId, organisationId: tenant.tenantId, rule: 'REFLECT', recipientId: DEE, title: 'Time to reflect', text: 'Are we closer?', lines: ['Are we closer?'], actions: [], facts: {} };
      const carried: string[] = [];
      expect(await route.send(message, { deliveryId: 'delivery-x', attemptNumber: 1, at: clock.now() }, (token) => carried.push(token))).toMatchObject({ kind: 'delivered' });
      const post = slack.requestsTo(CHAT_POST_MESSAGE_PATH).at(-1)!;
      const answerBlock = (post.payload.blocks as { block_id?: string; elements?: { type: string; value?: string; url?: string }[] }[]).find((block) => block.block_id === SLACK_ANSWER_BLOCK_ID)!;
      expect(answerBlock.elements!.map((element) => element.type)).toEqual(['static_select', 'button', 'button', 'button']);
      const token = answerBlock.elements![1].value!.split(':').pop()!;
      expect(answerLinks.verify(token)).toMatchObject({ memberId: DEE, nudgeId: nudge.nudgeId, nonce: answerNonceOf('delivery-x') });
      expect(carried).toEqual([token]);
      expect(answerBlock.elements!.some((element) => element.url)).toBe(false);
    } finally {
      await interactive.close();
    }
  });
});
