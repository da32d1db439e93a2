/**
 * Nudges where people work, end to end with a fixed clock: the api and the worker booted as
 * `npm start` composes them, with the worker's production delivery ports; only the Slack API URL
 * points at a local receiver and private addresses are allowed, as in local development. Over
 * GraphQL an admin connects the team's Slack (a bot token) and the organisation's SMTP server
 * (`smtp-server` on this machine), members choose their channels, and a journey is driven until a
 * step is taken. Four hours later the reflection nudge reaches the step's owner in Slack (or, for
 * another member, by email); the test follows the one-tap link in the message it received (YES,
 * then comfort) and the leader sees the reflection in their queries. The email's one-click
 * unsubscribe link turns that rule off for its member.
 */
import { CHAT_POST_MESSAGE_PATH, SlackReceiver, SmtpReceiver, type ReceivedSlackRequest } from '@stepwise/integrations/testing';
import { FixedClock } from '@stepwise/kernel';
import { freePort } from '../support/free-port';
import { waitUntil } from '../support/nudges';
import { http, startStepwise, type Stepwise } from '../support/stepwise-harness';
import { nudgeApi, type NudgeApi, type NudgeNode } from './support/nudge-documents';
import { openPage, submitComfort, written } from './support/one-tap';
import { buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type JourneyView, type Person, type StepwiseApi } from './support/stepwise-api';

const START = '2026-03-02T09:00:00.000Z';
const HOUR = 3_600_000;
const BOT_TOKEN = 'xoxb-2222-3333-e2eChannelsToken';
const ADA_SLACK = 'U0ADA0E2E';

describe('a reflection nudge on the member’s preferred channel, answered by one tap', () => {
  const clock = new FixedClock(START);
  let slack: SlackReceiver;
  let smtp: SmtpReceiver;
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let nudges: NudgeApi;
  let org: OrgFixture;
  let ada: Person;
  let bo: Person;
  let journeyId: string;

  const nudgeOf = (as: Person, rule: string, state?: NudgeNode['state']) => async () =>
    (await nudges.myNudges(as, { first: 50 })).edges.map(({ node }) => node).find((node) => node.rule === rule && (!state || node.state === state));
  const leaderSees = () => api.query(org.leader, 'journey', { id: journeyId }) as Promise<JourneyView>;

  beforeAll(async () => {
    [slack, smtp] = await Promise.all([SlackReceiver.start({ token: BOT_TOKEN, users: [ADA_SLACK] }), SmtpReceiver.start()]);
    // The api's port chosen first, so the public URL answer links carry is known before it starts.
    const port = await freePort();
    stepwise = await startStepwise({
      clock,
      env: {
        STEPWISE_PORT: String(port),
        STEPWISE_PUBLIC_URL: `http://127.0.0.1:${port}`,
        STEPWISE_SLACK_API_URL: slack.apiUrl,
        // Local development's setting: the Slack receiver, the SMTP server and the api itself are on loopback.
        STEPWISE_WEBHOOKS_ALLOW_HTTP: 'true',
        // Only what is due on the fixed clock goes to Redis (BullMQ's delays run on real time); the relay looks often.
        STEPWISE_NUDGE_LOOKAHEAD_MS: '0',
        STEPWISE_NUDGE_RELAY_POLL_MS: '100',
        STEPWISE_NUDGE_BACKOFF_BASE_MS: '50',
        STEPWISE_NUDGE_BACKOFF_CAP_MS: '100',
      },
    });
    api = stepwiseApi(stepwise);
    nudges = nudgeApi(api);
    org = await buildOrg(api, { label: 'channels', staff: 2 });
    [ada, bo] = org.staff;

    await api.mutate(org.admin, 'setSlackIntegration', { teamId: org.teamId, botToken: BOT_TOKEN });
    await api.mutate(org.admin, 'setSmtpIntegration', { host: '127.0.0.1', port: smtp.port, secure: false, fromAddress: 'nudges@channels.example', fromName: 'Stepwise' });
    await api.mutate(ada, 'updateNotificationPreferences', { memberId: ada.memberId, channels: [{ channel: 'SLACK', address: ADA_SLACK }, { channel: 'IN_APP' }] });
    await api.mutate(bo, 'updateNotificationPreferences', { memberId: bo.memberId, channels: [{ channel: 'EMAIL', address: 'bo@channels.example' }] });
    journeyId = await startJourney(api, org, { title: 'Plans shared on Monday' });
  }, 120_000);

  afterAll(async () => {
    await stepwise?.close();
    await Promise.all([slack?.close(), smtp?.close()]);
  });

  it('reaches the step’s owner in Slack four hours after the step, and one tap from the message records the reflection the leader then sees', async () => {
    const stepId = await takenStep(api, ada, journeyId, 'Share my plan in the channel');
    expect(await waitUntil(nudgeOf(ada, 'REFLECT', 'SCHEDULED'), 'the reflection nudge, scheduled')).toMatchObject({ dueAt: new Date(Date.parse(START) + 4 * HOUR).toISOString() });
    expect(slack.requestsTo(CHAT_POST_MESSAGE_PATH)).toEqual([]);

    clock.advance(4 * HOUR);
    const delivered = await waitUntil(nudgeOf(ada, 'REFLECT', 'DELIVERED'), 'the reflection nudge, delivered');
    expect(delivered).toMatchObject({ channel: 'SLACK', deliveredAt: clock.now().toISOString() });
    const post: ReceivedSlackRequest = await waitUntil(() => slack.requestsTo(CHAT_POST_MESSAGE_PATH)[0], 'the Slack message');
    expect(post.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post.payload.channel).toBe(ADA_SLACK);
    expect(post.payload.text).toContain('“Share my plan in the channel”');

    // The link in the message, as the member taps it: the page asks comfort, the second tap records both.
    const buttons = (post.payload.blocks as { type: string; elements?: { text: { text: string }; url?: string }[] }[]).flatMap((block) => (block.type === 'actions' ? (block.elements ?? []) : []));
    expect(buttons.map((button) => button.text.text)).toEqual(['Yes, closer', 'No, not closer', 'Unsure']);
    const yes = buttons[0].url!;
    expect(yes.startsWith(`${stepwise.url}/answers/`)).toBe(true);
    const before = await written(stepwise, org.organisationId, journeyId);
    const page = await openPage(yes);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post">');
    expect(await written(stepwise, org.organisationId, journeyId)).toEqual(before);
    const recorded = await submitComfort(yes, 'YES', 4);
    expect(recorded.status).toBe(200);
    expect(await written(stepwise, org.organisationId, journeyId)).toEqual({ events: before.events + 1, uses: before.uses + 1 });

    expect((await leaderSees()).lastReflection).toMatchObject({ memberId: ada.memberId, closer: 'YES', comfort: 4, stepId });
    const timeline = await api.query(org.leader, 'journeyTimeline', { journeyId, first: 50 });
    expect(timeline.edges.at(-1)!.node).toMatchObject({ eventType: 'ReflectionRecorded', actorId: ada.memberId, at: clock.now().toISOString() });
    // The same link again: used.
    expect((await submitComfort(yes, 'YES', 4)).status).toBe(409);
  });

  it('emails another member who prefers email, with answer links that record their reflection and a one-click unsubscribe that turns the rule off', async () => {
    const stepId = await takenStep(api, bo, journeyId, 'Pair on the Monday plan');
    clock.advance(4 * HOUR);
    expect(await waitUntil(nudgeOf(bo, 'REFLECT', 'DELIVERED'), 'bo’s reflection nudge, delivered')).toMatchObject({ channel: 'EMAIL' });
    const email = await waitUntil(() => smtp.messages.find((message) => message.envelope.to.includes('bo@channels.example')), 'the email');
    expect(email.envelope.from).toBe('nudges@channels.example');
    expect(email.parsed.subject).toBe('Time to reflect');
    expect(email.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<([^>]+)>$/.exec(email.header('list-unsubscribe') ?? '')?.[1];
    expect(unsubscribe?.startsWith(`${stepwise.url}/unsubscribe/`)).toBe(true);
    expect(email.parsed.html).toContain(`href="${unsubscribe}"`);

    const no = /No, not closer: (\S+)/.exec(email.parsed.text ?? '')?.[1];
    expect(no?.startsWith(`${stepwise.url}/answers/`)).toBe(true);
    expect((await submitComfort(no!, 'NO', 3)).status).toBe(200);
    expect((await leaderSees()).lastReflection).toMatchObject({ memberId: bo.memberId, closer: 'NO', comfort: 3, stepId });

    // A mail client's one-click POST (RFC 8058): REFLECT is off for Bo, as an event with Bo as actor.
    const unsubscribed = await http(unsubscribe!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(unsubscribed.status).toBe(200);
    const preferences = await waitUntil(async () => {
      const found = await api.query(bo, 'notificationPreferences', { memberId: bo.memberId });
      return found.optedOut.includes('REFLECT') ? found : undefined;
    }, 'REFLECT opted out');
    expect(preferences.channels).toEqual([{ channel: 'EMAIL', address: 'bo@channels.example' }]);
  });
});
