/**
 * What members type (a step's title, their own name) travels in nudges to Slack, Teams and email,
 * and must arrive there as their words: never as a mention of the whole channel, a link dressed
 * up as something else, or formatting, posted under Stepwise's name. Through the production
 * delivery ports, on PostgreSQL and Redis, to the local receivers; Stepwise's own links (one-tap
 * answers, unsubscribe) still arrive as links.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  CHAT_POST_MESSAGE_PATH,
  readAsCommonMark,
  readAsSlackText,
  SlackReceiver,
  SmtpReceiver,
  TeamsReceiver,
  textObjectsOf,
  unescapedMarkdown,
  WORKFLOW_PATH,
  type ReceivedSlackRequest,
} from '@stepwise/integrations/testing';
import { FixedClock } from '@stepwise/kernel';
import { dedupeKeyOf, nudgeIdOf, type OwedNudge } from '@stepwise/nudges-domain';
import { createLogger, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { insertOwedNudges, IntegrationsTenant, openTestStorage, ProductionDelivery, seedPolicyMembers, testDeliverySettings, uniqueQueuePrefix, waitUntil } from '@stepwise/test-support';
import { AnswerLinkSigner } from '../answers/answer-link.signer';
import { UnsubscribeLinkSigner } from '../integrations/unsubscribe-link.signer';
import { memberDeliveryId } from '../relay/delivery-ids';
import { SecretBox } from '../secrets/secret-box';

const logger = createLogger('typed-words-test', process.env.STEPWISE_TEST_LOG_LEVEL ?? 'silent');
const PUBLIC_URL = 'https://stepwise.example.test';
const [ADA, BO, CY, DEE] = ['mem-ada', 'mem-bo', 'mem-cy', 'mem-dee'];
const BOT_TOKEN = 'xoxb-typed-words';
const CY_SLACK_ID = 'U0CY00001';
/** A name and a step title as a member could type them: a channel mention, disguised links, formatting. */
const NAME = '<!channel> [Ada](https://evil.example) *Lovelace*';
const stepTitle = () =>
  `${randomUUID().slice(0, 8)} <!here> urgent: <https://evil.example|reset your password> or [reset your password](https://evil.example) **now** _please_ ~~today~~ \`ok\``;

describe('what members type, in their nudges', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  const box = new SecretBox({ current: randomBytes(32) });
  const prefix = uniqueQueuePrefix('typed-words');
  const errors: unknown[] = [];
  let storage: Storage;
  let production: ProductionDelivery;
  let slack: SlackReceiver;
  let teams: TeamsReceiver;
  let smtp: SmtpReceiver;
  let tenant: IntegrationsTenant;
  let teamsTeam: string;
  let slackChannelTeam: string;
  let slackBotTeam: string;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', stepwiseSchema, { poolSize: 6 });
    production = new ProductionDelivery(storage, (error) => errors.push(error));
    await production.projectReadModels();
    [slack, teams, smtp] = await Promise.all([SlackReceiver.start({ token: BOT_TOKEN, users: [CY_SLACK_ID] }), TeamsReceiver.start(), SmtpReceiver.start()]);
    const members = [ADA, BO, CY, DEE];
    tenant = await IntegrationsTenant.create(
      storage.eventStore,
      clock,
      box,
      members.map((memberId) => ({ memberId, email: `${memberId}@acme.example`, displayName: NAME })),
    );
    teamsTeam = await tenant.team();
    await tenant.teams(teamsTeam, teams.url);
    // One team's Slack is an incoming webhook (a channel the whole team reads), the other's a bot (direct messages).
    slackChannelTeam = await tenant.team();
    slackBotTeam = await tenant.team();
    await tenant.slackWebhook(slackChannelTeam, slack.webhookUrl());
    await tenant.slackBot(slackBotTeam, BOT_TOKEN);
    await tenant.smtp({ host: '127.0.0.1', port: smtp.port, secure: false, fromAddress: 'nudges@acme.example' });
    await tenant.preferences(ADA, [{ channel: 'TEAMS', address: null }]);
    // A Slack user id is required; the team's incoming webhook posts in its channel whatever it is.
    await tenant.preferences(BO, [{ channel: 'SLACK', address: 'U0BO00001' }]);
    await tenant.preferences(CY, [{ channel: 'SLACK', address: CY_SLACK_ID }]);
    await tenant.preferences(DEE, [{ channel: 'EMAIL', address: null }]);
    await production.runner.caughtUp();
    await seedPolicyMembers(storage.database, tenant.tenantId, members.map((memberId) => ({ memberId })));
    await production.startDelivering({
      clock,
      logger,
      sealer: box,
      outbound: { allowPrivateAddresses: true, slackApiUrl: slack.apiUrl, timeoutMs: 2_000 },
      answerLinks: new AnswerLinkSigner(randomBytes(32)),
      unsubscribeLinks: new UnsubscribeLinkSigner(randomBytes(32)),
      publicUrl: PUBLIC_URL,
      slackInteractive: false,
      settings: testDeliverySettings(prefix, { maxAttempts: 1 }),
    });
  }, 60_000);

  afterAll(async () => {
    await production?.stop();
    await Promise.all([slack?.close(), teams?.close(), smtp?.close()]);
    await storage?.close();
    expect(errors).toEqual([]);
  });

  /** A nudge to reflect on the step titled `title`, for `recipientId`, about a journey of `teamId`. */
  const oweReflection = async (recipientId: string, teamId: string, title: string): Promise<OwedNudge> => {
    const subject = { journeyId: `journey-${randomUUID()}`, teamId, subjectId: `step-${randomUUID()}` };
    const dedupeKey = dedupeKeyOf('REFLECT', recipientId, subject);
    const nudge: OwedNudge = {
      nudgeId: nudgeIdOf(tenant.tenantId, dedupeKey),
      organisationId: tenant.tenantId,
      rule: 'REFLECT',
      recipientId,
      subject,
      dedupeKey,
      dueAt: clock.now().toISOString(),
      facts: { journeyTitle: 'Shared desks', stepTitle: title },
      causedByPosition: '1',
    };
    await insertOwedNudges(storage.database, [nudge]);
    return nudge;
  };

  const delivered = (nudge: OwedNudge) =>
    waitUntil(async () => {
      const { rows } = await storage.database.query<{ state: string }>('SELECT state FROM nudges.deliveries WHERE delivery_id = $1', [memberDeliveryId(nudge.nudgeId)]);
      return rows[0] && ['DELIVERED', 'DEAD'].includes(rows[0].state) ? rows[0].state : undefined;
    }, 'the delivery finished');

  /** The Slack post that carries `title`, and the words in its blocks (every text object's type and text). */
  const slackPostWith = (title: string): { post: ReceivedSlackRequest; texts: { type: string; text: string }[] } => {
    const [post] = slack.requests.filter((request) => readAsSlackText(String(request.payload.text)).includes(title));
    return { post, texts: textObjectsOf(post.payload.blocks as unknown[]) };
  };

  it("shows a member's name and step title in the team's Slack channel as the words they typed: no mention, no link, no formatting", async () => {
    const title = stepTitle();
    expect(await delivered(await oweReflection(BO, slackChannelTeam, title))).toBe('DELIVERED');

    const { post, texts } = slackPostWith(title);
    expect(post.path.startsWith('/services/')).toBe(true);
    expect(texts.filter((text) => text.type !== 'plain_text')).toEqual([]);
    expect(texts.map((text) => text.text)).toContainEqual(expect.stringContaining(`For ${NAME}:\nYou took “${title}”.`));
    expect(post.payload.mrkdwn).toBe(false);
    expect(String(post.payload.text)).not.toMatch(/[<>]/);
    expect(readAsSlackText(String(post.payload.text))).toContain(`For ${NAME}: You took “${title}”.`);
  });

  it("shows a step title in a member's Slack direct message as they typed it, beside Stepwise's answer links", async () => {
    const title = stepTitle();
    expect(await delivered(await oweReflection(CY, slackBotTeam, title))).toBe('DELIVERED');

    const { post, texts } = slackPostWith(title);
    expect(post.path).toBe(CHAT_POST_MESSAGE_PATH);
    expect(texts.filter((text) => text.type !== 'plain_text')).toEqual([]);
    expect(texts.map((text) => text.text)).toContainEqual(expect.stringContaining(`You took “${title}”.`));
    expect(post.payload.mrkdwn).toBe('false');
    expect(String(post.payload.text)).not.toMatch(/[<>]/);
    const buttons = (post.payload.blocks as { type: string; elements?: { url?: string }[] }[]).flatMap((block) => (block.type === 'actions' ? (block.elements ?? []) : []));
    expect(buttons.length).toBe(3);
    expect(buttons.every((button) => button.url?.startsWith(`${PUBLIC_URL}/answers/`))).toBe(true);
  });

  it("shows a member's name and step title in the team's Teams channel as the words they typed, with nothing Teams would read as markdown", async () => {
    const title = stepTitle();
    expect(await delivered(await oweReflection(ADA, teamsTeam, title))).toBe('DELIVERED');

    const [post] = teams.requests.filter((request) => request.path.startsWith(WORKFLOW_PATH) && request.body.includes(title.slice(0, 8)));
    const card = JSON.parse(post.body).attachments[0].content as { fallbackText: string; body: { type: string; text?: string }[]; actions?: unknown[] };
    const texts = [card.fallbackText, ...card.body.flatMap((element) => (element.text === undefined ? [] : [element.text]))];
    expect(texts.flatMap(unescapedMarkdown)).toEqual([]);
    expect(texts.map(readAsCommonMark)).toEqual(expect.arrayContaining([`For ${NAME}:`, `You took “${title}”.`]));
    expect(card.actions).toBeUndefined();
  });

  it("escapes the step title in the email's HTML, where only Stepwise's answer and unsubscribe links are links", async () => {
    const title = stepTitle();
    expect(await delivered(await oweReflection(DEE, teamsTeam, title))).toBe('DELIVERED');

    const [email] = smtp.messages.filter((message) => (message.parsed.text ?? '').includes(title));
    const html = email.parsed.html ?? '';
    expect(html).toContain('&lt;https://evil.example|reset your password&gt; or [reset your password](https://evil.example)');
    expect(html).not.toContain('<https://evil');
    const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThan(1);
    expect(links.every((link) => link.startsWith(`${PUBLIC_URL}/answers/`) || link.startsWith(`${PUBLIC_URL}/unsubscribe/`))).toBe(true);
    expect(email.header('list-unsubscribe')).toMatch(new RegExp(`^<${PUBLIC_URL}/unsubscribe/`));
  });
});
