/**
 * Dead letters are for admins, who fix what a delivery failed on (an SMTP server, an endpoint). A
 * member's nudge there must not say what it was about: a leader's support nudge is owed by a
 * reflection whose comfort is at or below the threshold, which only the team's leaders may know,
 * and a nudge id is a hash of the rule, the recipient and the reflection that anyone can recompute.
 */
import { FixedClock } from '@stepwise/kernel';
import { dedupeKeyOf, nudgeIdOf } from '@stepwise/nudges-domain';
import { freePort } from '../support/free-port';
import { waitUntil } from '../support/nudges';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { nudgeApi, type NudgeApi } from './support/nudge-documents';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type StepwiseApi } from './support/stepwise-api';

describe('dead letters of members’ nudges, as an admin lists them', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let nudges: NudgeApi;
  let org: OrgFixture;
  let journeyId: string;

  beforeAll(async () => {
    const closedPort = await freePort();
    stepwise = await startStepwise({
      clock,
      env: { STEPWISE_WEBHOOKS_ALLOW_HTTP: 'true', STEPWISE_NUDGE_LOOKAHEAD_MS: '0', STEPWISE_NUDGE_RELAY_POLL_MS: '100', STEPWISE_NUDGE_BACKOFF_BASE_MS: '50', STEPWISE_NUDGE_BACKOFF_CAP_MS: '100', STEPWISE_NUDGE_MAX_ATTEMPTS: '1' },
    });
    api = stepwiseApi(stepwise);
    nudges = nudgeApi(api);
    org = await buildOrg(api, { label: 'deadletters', staff: 2 });
    // Nothing listens on the SMTP port: every email to the leader dies at its first attempt.
    await api.mutate(org.admin, 'setSmtpIntegration', { host: '127.0.0.1', port: closedPort, secure: false, fromAddress: 'nudges@example.com', fromName: 'Stepwise' });
    await api.mutate(org.leader, 'updateNotificationPreferences', { memberId: org.leader.memberId, channels: [{ channel: 'EMAIL', address: 'leader@example.com' }] });
    journeyId = await startJourney(api, org, { title: 'Plans shared on Monday' });
  }, 120_000);

  afterAll(() => stepwise?.close());

  it('does not name the nudge, so which reflection owed the leader a support nudge stays the leaders’ to know', async () => {
    const [comfortable, struggling] = org.staff;
    const lastReflection = async (): Promise<{ id: string; memberId: string } | undefined> =>
      ((await api.send(org.admin, 'query($id: ID!) { journey(id: $id) { lastReflection { id memberId } } }', { id: journeyId })).data as { journey: { lastReflection?: { id: string; memberId: string } } }).journey.lastReflection;
    await api.mutate(comfortable, 'recordReflection', { journeyId, closer: 'YES', comfort: 5 });
    const high = await waitUntil(async () => ((await lastReflection())?.memberId === comfortable.memberId ? lastReflection() : undefined), 'the first reflection');
    clock.advance(60_000);
    await api.mutate(struggling, 'recordReflection', { journeyId, closer: 'NO', comfort: 1 });
    const low = await waitUntil(async () => ((await lastReflection())?.memberId === struggling.memberId ? lastReflection() : undefined), 'the second reflection');

    const dead = await waitUntil(async () => {
      const edges = (await nudges.deadLetters(org.admin)).data?.deadLetters?.edges ?? [];
      return edges.some(({ node }) => node.kind === 'MEMBER' && node.recipientId === org.leader.memberId) ? edges.map(({ node }) => node) : undefined;
    }, 'the leader’s dead email', 30_000);

    const supportNudgeOf = (reflectionId: string): string =>
      nudgeIdOf(org.organisationId, dedupeKeyOf('SUPPORT_LOW_COMFORT', org.leader.memberId, { journeyId, teamId: org.teamId, subjectId: reflectionId }));
    const members = dead.filter((delivery) => delivery.kind === 'MEMBER');
    expect(members.length).toBeGreaterThan(0);
    expect(members.map((delivery) => delivery.nudgeId)).toEqual(members.map(() => null));
    expect(JSON.stringify(dead)).not.toContain(supportNudgeOf(low!.id));
    expect(JSON.stringify(dead)).not.toContain(supportNudgeOf(high!.id));
  });
});
