/**
 * Dead letters are for admins, who fix what a delivery failed on (an SMTP server, an endpoint). A
 * member's nudge there must not say what it was about, and a leader's support nudge owed on low
 * comfort is not there at all (it goes in-app alone, so it cannot die on a channel either): it is owed by a reflection whose comfort is at or below the threshold,
 * which only the team's leaders may know. A nudge id is a hash of the rule, the recipient and the
 * reflection that anyone can recompute; and an admin who runs the failing SMTP server and sets the
 * rule's delay would read, from which reflection owed a dead letter and when it was tried, whose
 * comfort was low.
 */
import { FixedClock } from '@stepwise/kernel';
import { dedupeKeyOf, nudgeIdOf } from '@stepwise/nudges-domain';
import { memberDeliveryId } from '@stepwise/nudges-infrastructure';
import { freePort } from '../support/free-port';
import { waitUntil } from '../support/nudges';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { nudgeApi, type NudgeApi } from './support/nudge-documents';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type StepwiseApi } from './support/stepwise-api';

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

  it('leaves out a support nudge owed on low comfort and names none of the rest, so which reflection owed it stays the leaders’ to know', async () => {
    const [comfortable, struggling] = org.staff;
    const lastReflection = async (): Promise<{ id: string; memberId: string } | undefined> =>
      ((await api.send(org.admin, 'query($id: ID!) { journey(id: $id) { lastReflection { id memberId } } }', { id: journeyId })).data as { journey: { lastReflection?: { id: string; memberId: string } } }).journey.lastReflection;
    const reflected = async (who: typeof comfortable, closer: 'YES' | 'NO', comfort: number): Promise<string> => {
      clock.advance(60_000);
      const before = (await lastReflection())?.id;
      await api.mutate(who, 'recordReflection', { journeyId, closer, comfort });
      return (await waitUntil(async () => {
        const last = await lastReflection();
        return last && last.id !== before && last.memberId === who.memberId ? last : undefined;
      }, 'the reflection')).id;
    };
    const supportNudgeOf = (reflectionId: string): string =>
      nudgeIdOf(org.organisationId, dedupeKeyOf('SUPPORT_LOW_COMFORT', org.leader.memberId, { journeyId, teamId: org.teamId, subjectId: reflectionId }));

    const high = await reflected(comfortable, 'YES', 5);
    const low = await reflected(struggling, 'NO', 1);
    // The support nudge the low comfort owed never tries the leader's email: it is read in Stepwise alone.
    await waitUntil(
      async () => (await nudges.myNudges(org.leader, { first: 50 })).edges.find(({ node }) => node.id === supportNudgeOf(low) && node.state === 'DELIVERED' && node.channel === 'IN_APP'),
      'the support nudge delivered in-app',
    );
    // A second NO in a row owes the leader a nudge to consider a pivot (directions are the team's to
    // read), which dies on the same email: that dead letter is listed.
    await reflected(comfortable, 'NO', 5);
    await waitUntil(async () => (await nudges.myNudges(org.leader, { first: 50 })).edges.find(({ node }) => node.rule === 'CONSIDER_PIVOT' && node.state === 'DEAD'), 'the pivot nudge dead', 30_000);
    const dead = ((await nudges.deadLetters(org.admin)).data?.deadLetters?.edges ?? []).map(({ node }) => node);

    const members = dead.filter((delivery) => delivery.kind === 'MEMBER');
    expect(members.map(({ recipientId, nudgeId }) => ({ recipientId, nudgeId }))).toEqual([{ recipientId: org.leader.memberId, nudgeId: null }]);
    expect(JSON.stringify(dead)).not.toContain(supportNudgeOf(low));
    expect(JSON.stringify(dead)).not.toContain(supportNudgeOf(high));
    // Nor is the support nudge's delivery named by id: a replay of it reads as no dead letter at all.
    expect(errorCode(await nudges.replayDeadLetter(org.admin, memberDeliveryId(supportNudgeOf(low))))).toBe('DELIVERY_NOT_FOUND');
    expect((await nudges.replayDeadLetter(org.admin, members[0].id)).data?.replayDeadLetter?.delivery.state).toBe('PENDING');
  });
});
