/**
 * A team's shared channel (a Slack incoming webhook, a Teams Workflows trigger) through the
 * production delivery ports, on PostgreSQL and Redis, to local receivers: a nudge owed to several
 * members of the team (the vision revised, to the team; consider a pivot, to each leader) whose
 * preferred channel is that shared channel is posted there once, not once per member. Every member's
 * delivery still ends honestly: the one that posted says what the receiver answered, the others
 * that the team's channel already has it and by which delivery. A post that fails is retried and
 * still arrives once; one that dies, or whose member has another channel by its retry, is taken over
 * by another member's delivery, and a replay of the dead one posts nothing more. A member's own
 * nudge (reflect on their step) stays a post of its own there, saying whom it is for.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SlackReceiver, SmtpReceiver, TeamsReceiver, WORKFLOW_PATH } from '@stepwise/integrations/testing';
import { FixedClock } from '@stepwise/kernel';
import { dedupeKeyOf, nudgeIdOf, type NudgeRule, type NudgeSubject, type OwedNudge } from '@stepwise/nudges-domain';
import { createLogger, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { insertOwedNudges, IntegrationsTenant, openTestStorage, ProductionDelivery, seedPolicyMembers, testDeliverySettings, uniqueQueuePrefix, waitUntil } from '@stepwise/test-support';
import { AnswerLinkSigner } from '../answers/answer-link.signer';
import { NudgeHistoryActions } from '../history/nudge-history.actions';
import type { NudgeDeliverySettings } from '../delivery/nudge-delivery.engine';
import { UnsubscribeLinkSigner } from '../integrations/unsubscribe-link.signer';
import { memberDeliveryId } from '../relay/delivery-ids';
import { SecretBox } from '../secrets/secret-box';

const logger = createLogger('shared-channel-test', process.env.STEPWISE_TEST_LOG_LEVEL ?? 'silent');
const HOUR = 3_600_000;
const [ADA, BO, CY, DEE, ELI, FAY, GUS, HAL, IVY] = ['mem-ada', 'mem-bo', 'mem-cy', 'mem-dee', 'mem-eli', 'mem-fay', 'mem-gus', 'mem-hal', 'mem-ivy'];
const EVERYONE = [ADA, BO, CY, DEE, ELI, FAY, GUS, HAL, IVY];
const NAMES: Record<string, string> = { [HAL]: 'Hal Hughes', [IVY]: 'Ivy Ito' };
const SLACK_IDS: Record<string, string> = { [ADA]: 'U0ADA0001', [BO]: 'U0BO00001', [CY]: 'U0CY00001' };

const settings = (prefix: string): NudgeDeliverySettings => testDeliverySettings(prefix);

interface DeliveryRow {
  delivery_id: string;
  state: string;
  channel: string | null;
}

interface AttemptRow {
  delivery_id: string;
  attempt_number: number;
  at: Date;
  channel: string;
  outcome: string;
  status_code: number | null;
  detail: string | null;
}

describe('a nudge owed to several members, into their team’s shared channel', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  const box = new SecretBox({ current: randomBytes(32) });
  const prefix = uniqueQueuePrefix('shared-channel');
  const errors: unknown[] = [];
  let storage: Storage;
  let production: ProductionDelivery;
  let slack: SlackReceiver;
  let teams: TeamsReceiver;
  let smtp: SmtpReceiver;
  let tenant: IntegrationsTenant;
  let slackTeam: string;
  let teamsTeam: string;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', stepwiseSchema, { poolSize: 6 });
    production = new ProductionDelivery(storage, (error) => errors.push(error));
    await production.projectReadModels();
    [slack, teams, smtp] = await Promise.all([SlackReceiver.start({ token: 'xoxb-unused', users: [] }), TeamsReceiver.start(), SmtpReceiver.start()]);
    tenant = await IntegrationsTenant.create(
      storage.eventStore,
      clock,
      box,
      EVERYONE.map((memberId) => ({ memberId, email: `${memberId}@acme.example`, displayName: NAMES[memberId] })),
    );
    // One team posts nudges into a Slack channel through an incoming webhook, the other into a Teams channel.
    slackTeam = await tenant.team();
    teamsTeam = await tenant.team();
    await tenant.slackWebhook(slackTeam, slack.webhookUrl());
    await tenant.teams(teamsTeam, teams.url);
    await tenant.smtp({ host: '127.0.0.1', port: smtp.port, secure: false, fromAddress: 'nudges@acme.example' });
    for (const member of [ADA, BO, CY]) await tenant.preferences(member, [{ channel: 'SLACK', address: SLACK_IDS[member] }, { channel: 'TEAMS', address: null }]);
    for (const member of [DEE, FAY, GUS, HAL, IVY]) await tenant.preferences(member, [{ channel: 'TEAMS', address: null }]);
    await tenant.preferences(ELI, [{ channel: 'EMAIL', address: null }]);
    await production.runner.caughtUp();
    await seedPolicyMembers(storage.database, tenant.tenantId, EVERYONE.map((memberId) => ({ memberId })));
    await production.startDelivering({
      clock,
      logger,
      sealer: box,
      outbound: { allowPrivateAddresses: true, timeoutMs: 2_000 },
      answerLinks: new AnswerLinkSigner(randomBytes(32)),
      unsubscribeLinks: new UnsubscribeLinkSigner(randomBytes(32)),
      publicUrl: 'https://stepwise.example.test',
      slackInteractive: false,
      settings: settings(prefix),
    });
  }, 60_000);

  afterAll(async () => {
    await production?.stop();
    await Promise.all([slack?.close(), teams?.close(), smtp?.close()]);
    await storage?.close();
    expect(errors).toEqual([]);
  });

  const subjectOf = (teamId: string): NudgeSubject => ({ journeyId: `journey-${randomUUID()}`, teamId, subjectId: `subject-${randomUUID()}` });

  /** One nudge per recipient under `rule` about one subject, as the policy addresses a team's nudge (the same facts for each). */
  const oweTeam = async (rule: NudgeRule, subject: NudgeSubject, recipients: readonly string[], facts: OwedNudge['facts'], dueAt = clock.now()): Promise<OwedNudge[]> => {
    const nudges = recipients.map((recipientId): OwedNudge => {
      const dedupeKey = dedupeKeyOf(rule, recipientId, subject);
      return {
        nudgeId: nudgeIdOf(tenant.tenantId, dedupeKey),
        organisationId: tenant.tenantId,
        rule,
        recipientId,
        subject,
        dedupeKey,
        dueAt: dueAt.toISOString(),
        facts,
        causedByPosition: '1',
      };
    });
    await insertOwedNudges(storage.database, nudges);
    return nudges;
  };

  const finished = (nudges: readonly OwedNudge[], states = ['DELIVERED', 'DEAD', 'SUPPRESSED']) =>
    waitUntil(async () => {
      const { rows } = await storage.database.query<DeliveryRow>('SELECT delivery_id, state, channel FROM nudges.deliveries WHERE delivery_id = ANY($1::text[])', [
        nudges.map((nudge) => memberDeliveryId(nudge.nudgeId)),
      ]);
      return rows.length === nudges.length && rows.every((row) => states.includes(row.state)) ? rows : undefined;
    }, `${nudges.length} deliveries finished`);

  const stateOf = async (nudges: readonly OwedNudge[]): Promise<Record<string, string>> => {
    const rows = await finished(nudges);
    const byId = new Map(rows.map((row) => [row.delivery_id, `${row.state} ${row.channel}`]));
    return Object.fromEntries(nudges.map((nudge) => [nudge.recipientId, byId.get(memberDeliveryId(nudge.nudgeId))!]));
  };

  const attemptsOf = async (nudges: readonly OwedNudge[]): Promise<AttemptRow[]> =>
    (
      await storage.database.query<AttemptRow>(
        'SELECT delivery_id, attempt_number, at, channel, outcome, status_code, detail FROM nudges.delivery_attempts WHERE delivery_id = ANY($1::text[]) ORDER BY at, delivery_id, attempt_number',
        [nudges.map((nudge) => memberDeliveryId(nudge.nudgeId))],
      )
    ).rows;

  const slackPostsWith = (text: string) => slack.requests.filter((request) => request.path.startsWith('/services/') && String(request.payload.text).includes(text));
  const teamsPostsWith = (text: string) => teams.requests.filter((request) => request.path.startsWith(WORKFLOW_PATH) && request.body.includes(text));

  it('posts the vision revised for the whole team once in the team’s Slack channel, and each other member’s delivery says the channel already has it', async () => {
    const title = `Desks shared ${randomUUID().slice(0, 8)}`;
    const nudges = await oweTeam('VISION_REVISED', subjectOf(slackTeam), [ADA, BO, CY], { journeyTitle: title, visionVersion: 2, revisedBy: DEE });
    expect(await stateOf(nudges)).toEqual({ [ADA]: 'DELIVERED SLACK', [BO]: 'DELIVERED SLACK', [CY]: 'DELIVERED SLACK' });
    expect(slackPostsWith(title)).toHaveLength(1);

    const attempts = await attemptsOf(nudges);
    const posted = attempts.filter((attempt) => attempt.status_code === 200);
    expect(posted).toHaveLength(1);
    const covered = attempts.filter((attempt) => attempt.delivery_id !== posted[0].delivery_id);
    expect(covered).toHaveLength(2);
    for (const attempt of covered) {
      expect(attempt).toMatchObject({ channel: 'SLACK', outcome: 'DELIVERED', status_code: null });
      expect(attempt.detail).toBe(`the team's Slack channel (127.0.0.1:${new URL(slack.webhookUrl()).port}) already has this nudge: posted once for the team by delivery ${posted[0].delivery_id}`);
    }
  });

  it('posts it once for a member whose own time comes later too: their delivery, when it comes, finds it posted', async () => {
    const title = `Later ${randomUUID().slice(0, 8)}`;
    const facts = { journeyTitle: title, visionVersion: 3, revisedBy: DEE };
    const subject = subjectOf(slackTeam);
    const now = await oweTeam('VISION_REVISED', subject, [ADA, BO], facts);
    // Cy's quiet hours moved their nudge an hour on: the same nudge, for the same team's channel.
    const later = await oweTeam('VISION_REVISED', subject, [CY], facts, new Date(clock.now().getTime() + HOUR));
    expect(await stateOf(now)).toEqual({ [ADA]: 'DELIVERED SLACK', [BO]: 'DELIVERED SLACK' });
    clock.advance(HOUR);
    expect(await stateOf(later)).toEqual({ [CY]: 'DELIVERED SLACK' });
    expect(slackPostsWith(title)).toHaveLength(1);
  });

  it('posts a pivot to consider, owed to each leader, once in the Teams channel through a 500 and its retry, while the leader who prefers email gets an email', async () => {
    const title = `Pivot ${randomUUID().slice(0, 8)}`;
    teams.answerNext({ status: 500, body: 'BadGateway' });
    const nudges = await oweTeam('CONSIDER_PIVOT', subjectOf(teamsTeam), [ADA, DEE, ELI], { journeyTitle: title, consecutiveNo: 2, firstReflectionId: 'reflection-1' });
    expect(await stateOf(nudges)).toEqual({ [ADA]: 'DELIVERED TEAMS', [DEE]: 'DELIVERED TEAMS', [ELI]: 'DELIVERED EMAIL' });
    const cards = teamsPostsWith(title);
    // The one post, twice: the 500, then its retry that the flow accepted.
    expect(cards).toHaveLength(2);
    expect(cards[1].body).toBe(cards[0].body);
    expect(smtp.messages.filter((message) => message.envelope.to.includes(`${ELI}@acme.example`) && (message.parsed.text ?? '').includes(title))).toHaveLength(1);
    const attempts = await attemptsOf(nudges);
    const outcomes = attempts.filter((attempt) => attempt.channel === 'TEAMS').map((attempt) => `${attempt.outcome} ${attempt.status_code}`);
    expect(outcomes.sort()).toEqual(['DELIVERED 202', 'DELIVERED null', 'RETRYABLE 500']);
  });

  it('has another member’s delivery post it when the first one’s post dies, and posts nothing more when the dead one is replayed', async () => {
    const title = `Dies ${randomUUID().slice(0, 8)}`;
    // Every attempt the first delivery is allowed (3) fails; the next post is accepted.
    teams.answerNext({ status: 500, body: 'BadGateway' }, { status: 500, body: 'BadGateway' }, { status: 500, body: 'BadGateway' });
    const nudges = await oweTeam('VISION_REVISED', subjectOf(teamsTeam), [ADA, BO, DEE], { journeyTitle: title, visionVersion: 4, revisedBy: CY });
    const states = await stateOf(nudges);
    expect(Object.values(states).sort()).toEqual(['DEAD TEAMS', 'DELIVERED TEAMS', 'DELIVERED TEAMS']);
    expect(teamsPostsWith(title).length).toBe(4);
    const dead = nudges.find((nudge) => states[nudge.recipientId] === 'DEAD TEAMS')!;

    const admin = { organisationId: tenant.tenantId, memberId: 'mem-admin', orgRole: 'ADMIN' as const, commandId: randomUUID(), fingerprint: 'replay' };
    expect((await new NudgeHistoryActions(storage.database, clock).replay(admin, memberDeliveryId(dead.nudgeId))).view).toMatchObject({ state: 'PENDING' });
    expect(await stateOf([dead])).toEqual({ [dead.recipientId]: 'DELIVERED TEAMS' });
    expect(teamsPostsWith(title).length).toBe(4);
  });

  it('has another member’s delivery post it when the one that was posting it goes to its member’s new channel on its retry', async () => {
    const title = `Moves ${randomUUID().slice(0, 8)}`;
    // Its retry waits 2 s on the fixed clock: until the test moves it on, after the member's change.
    teams.answerNext({ status: 429, headers: { 'retry-after': '2' }, body: 'Too many requests' });
    const nudges = await oweTeam('VISION_REVISED', subjectOf(teamsTeam), [FAY, GUS], { journeyTitle: title, visionVersion: 5, revisedBy: CY });
    const [first] = await waitUntil(async () => {
      const attempts = await attemptsOf(nudges);
      return attempts.some((attempt) => attempt.status_code === 429) ? attempts : undefined;
    }, 'the first post answered 429');
    const carrier = nudges.find((nudge) => memberDeliveryId(nudge.nudgeId) === first.delivery_id)!;
    const other = nudges.find((nudge) => nudge !== carrier)!;
    await tenant.preferences(carrier.recipientId, [{ channel: 'EMAIL', address: null }]);
    await production.runner.caughtUp();

    clock.advance(2_000);
    expect(await stateOf(nudges)).toEqual({ [carrier.recipientId]: 'DELIVERED EMAIL', [other.recipientId]: 'DELIVERED TEAMS' });
    expect(teamsPostsWith(title).map((request) => request.body)).toHaveLength(2);
    expect(smtp.messages.filter((message) => message.envelope.to.includes(`${carrier.recipientId}@acme.example`) && (message.parsed.text ?? '').includes(title))).toHaveLength(1);
    // Posted by the other member's delivery once the first had gone elsewhere, not beside it.
    expect((await attemptsOf([other])).map((attempt) => [attempt.outcome, attempt.status_code, new Date(attempt.at).toISOString()])).toEqual([['DELIVERED', 202, clock.now().toISOString()]]);
  });

  it('posts a member’s own nudge (reflect on their step) as a post of its own in the team’s channel, naming whom it is for', async () => {
    const steps = { [HAL]: `Hal’s step ${randomUUID().slice(0, 8)}`, [IVY]: `Ivy’s step ${randomUUID().slice(0, 8)}` };
    const nudges = [];
    for (const member of [HAL, IVY]) {
      nudges.push(...(await oweTeam('REFLECT', subjectOf(teamsTeam), [member], { journeyTitle: 'Shared desks', stepTitle: steps[member] })));
    }
    expect(await stateOf(nudges)).toEqual({ [HAL]: 'DELIVERED TEAMS', [IVY]: 'DELIVERED TEAMS' });
    for (const member of [HAL, IVY]) {
      const cards = teamsPostsWith(steps[member]);
      expect(cards).toHaveLength(1);
      const card = JSON.parse(cards[0].body).attachments[0].content as { fallbackText: string; body: { text?: string }[] };
      expect(card.body.map((block) => block.text)).toContain(`For ${NAMES[member]}:`);
      expect(card.fallbackText).toContain(`For ${NAMES[member]}: You took “${steps[member]}”.`);
      // No answer links: anyone in the channel could answer as them.
      expect(cards[0].body).not.toContain('/answers/');
    }
    // The same in a Slack channel (an incoming webhook): Ada joined as `mem-ada`.
    const step = `Ada’s step ${randomUUID().slice(0, 8)}`;
    const [ada] = await oweTeam('REFLECT', subjectOf(slackTeam), [ADA], { journeyTitle: 'Shared desks', stepTitle: step });
    expect(await stateOf([ada])).toEqual({ [ADA]: 'DELIVERED SLACK' });
    expect(slackPostsWith(step).map((request) => request.payload.text)).toEqual([`Time to reflect\nFor ${ADA}: You took “${step}”. Are we closer to where we want to be? And, separately, how comfortable does it feel?`]);
  });
});
