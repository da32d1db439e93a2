/**
 * Every channel reads a receiver's Retry-After the same way (parseRetryAfter): a customer webhook, a
 * Slack bot's chat.postMessage, a Slack incoming webhook and a Teams Workflows trigger, each a real
 * local receiver answering 429 with the same header. Seconds and every HTTP-date form are honoured;
 * trailing words, a sign, an ISO date are no hint; a delay too large to count is the largest wait.
 */
import type { DeliveryOutcome } from '../channel';
import { SlackSender } from '../slack/slack.sender';
import { CHAT_POST_MESSAGE_PATH, SlackReceiver } from '../slack/testing/slack.receiver';
import { TeamsSender } from '../teams/teams.sender';
import { TeamsReceiver } from '../teams/testing/teams.receiver';
import { startTestReceiver } from '../http/testing/test-receiver';
import { attempt, reflectionNudge } from '../testing/nudge-message.fixtures';
import { newWebhookSecret } from '../webhook/webhook-secret';
import { WebhookSender } from '../webhook/webhook.sender';

const TOKEN = 'xoxb-1111-2222-retryafter';
const MEMBER = 'U0123ABCD';
// The fixtures' attempt is at 2026-03-02T09:00:00Z.
const HEADERS: [string, number | null][] = [
  ['7', 7_000],
  ['Mon, 02 Mar 2026 09:01:30 GMT', 90_000],
  ['Monday, 02-Mar-26 09:01:30 GMT', 90_000],
  ['Mon Mar  2 09:01:30 2026', 90_000],
  ['5abc', null],
  ['-5', null],
  ['1.5', null],
  ['2026-03-02T09:01:30Z', null],
  ['99999999999999999999', Number.MAX_SAFE_INTEGER],
];

type Channel = (retryAfter: string) => Promise<DeliveryOutcome>;

const channels: Record<string, Channel> = {
  'a customer webhook': async (retryAfter) => {
    const receiver = await startTestReceiver(() => ({ status: 429, headers: { 'retry-after': retryAfter } }));
    try {
      const target = { endpointId: 'endpoint-1', url: `${receiver.url}/hooks`, secrets: [newWebhookSecret()] };
      return await new WebhookSender({ http: { allowPrivateAddresses: true } }).send({ type: 'nudge', timestamp: '2026-03-02T09:00:00.000Z', data: {} }, target, attempt());
    } finally {
      await receiver.close();
    }
  },
  'a Slack bot': async (retryAfter) => {
    const slack = await SlackReceiver.start({ token: TOKEN, users: [MEMBER] });
    try {
      slack.answerNext(CHAT_POST_MESSAGE_PATH, { status: 429, headers: { 'retry-after': retryAfter }, body: { ok: false, error: 'ratelimited' } });
      return await new SlackSender({ allowPlainHttp: true }).send(reflectionNudge(), { kind: 'bot', token: TOKEN, userId: MEMBER, apiUrl: slack.apiUrl }, attempt());
    } finally {
      await slack.close();
    }
  },
  'a Slack incoming webhook': async (retryAfter) => {
    const slack = await SlackReceiver.start({ token: TOKEN, users: [MEMBER] });
    try {
      const url = slack.webhookUrl();
      slack.answerNext(new URL(url).pathname, { status: 429, headers: { 'retry-after': retryAfter }, body: 'rate_limited' });
      return await new SlackSender({ allowPlainHttp: true }).send(reflectionNudge(), { kind: 'incoming-webhook', url }, attempt());
    } finally {
      await slack.close();
    }
  },
  'a Teams Workflows trigger': async (retryAfter) => {
    const teams = await TeamsReceiver.start();
    try {
      teams.answerNext({ status: 429, headers: { 'retry-after': retryAfter } });
      return await new TeamsSender({ allowPlainHttp: true }).send(reflectionNudge(), { url: teams.url }, attempt());
    } finally {
      await teams.close();
    }
  },
};

describe.each(Object.entries(channels))('the Retry-After of %s', (_channel, send) => {
  it.each(HEADERS)('%p: %p', async (retryAfter, expected) => {
    const outcome = await send(retryAfter);
    expect(outcome).toMatchObject({ kind: 'retryable', statusCode: 429 });
    expect(outcome.kind === 'retryable' && outcome.retryAfterMs).toBe(expected);
  });
});
