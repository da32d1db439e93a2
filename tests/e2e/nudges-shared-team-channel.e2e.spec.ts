/**
 * A team's nudge in the team's shared channel, end to end with a fixed clock: the api and the worker
 * as `npm start` composes them, a Teams Workflows trigger on this machine (private addresses allowed,
 * as in local development). The admin connects the team's Teams channel over GraphQL and the staff
 * choose Teams; the leader revises the vision. The policy owes "the vision was revised" to each of
 * the three staff, and the team's channel gets it once: one card, not one per member. Each member
 * sees the nudge delivered on Teams in their own list.
 */
import { TeamsReceiver, WORKFLOW_PATH } from '@stepwise/integrations/testing';
import { FixedClock } from '@stepwise/kernel';
import { waitUntil } from '../support/nudges';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { nudgeApi, type NudgeApi } from './support/nudge-documents';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type Person, type StepwiseApi } from './support/stepwise-api';

const START = '2026-03-02T09:00:00.000Z';

describe('a team’s nudge in the team’s Teams channel', () => {
  const clock = new FixedClock(START);
  let teams: TeamsReceiver;
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let nudges: NudgeApi;
  let org: OrgFixture;
  let journeyId: string;

  const visionRevisedOf = (person: Person) => async () =>
    (await nudges.myNudges(person, { first: 50 })).edges.map(({ node }) => node).find((node) => node.rule === 'VISION_REVISED' && node.state === 'DELIVERED');

  beforeAll(async () => {
    teams = await TeamsReceiver.start();
    stepwise = await startStepwise({
      clock,
      env: {
        STEPWISE_WEBHOOKS_ALLOW_HTTP: 'true',
        STEPWISE_NUDGE_LOOKAHEAD_MS: '0',
        STEPWISE_NUDGE_RELAY_POLL_MS: '100',
        STEPWISE_NUDGE_BACKOFF_BASE_MS: '50',
        STEPWISE_NUDGE_BACKOFF_CAP_MS: '100',
      },
    });
    api = stepwiseApi(stepwise);
    nudges = nudgeApi(api);
    org = await buildOrg(api, { label: 'shared', staff: 3 });
    await api.mutate(org.admin, 'setTeamsIntegration', { teamId: org.teamId, webhookUrl: teams.url });
    for (const person of org.staff) await api.mutate(person, 'updateNotificationPreferences', { memberId: person.memberId, channels: [{ channel: 'TEAMS' }] });
    journeyId = await startJourney(api, org, { title: 'Shared desks' });
  }, 120_000);

  afterAll(async () => {
    await stepwise?.close();
    await teams?.close();
  });

  it('posts the revised vision once for the team, and every member sees it delivered on Teams', async () => {
    await api.mutate(org.leader, 'reviseVision', { journeyId, statement: 'Every desk is shared by Friday', reason: 'We grew' });
    for (const person of org.staff) {
      expect(await waitUntil(visionRevisedOf(person), `${person.name}’s vision nudge, delivered`)).toMatchObject({ channel: 'TEAMS', journeyId });
    }
    const cards = teams.requests.filter((request) => request.path.startsWith(WORKFLOW_PATH) && request.body.includes('The vision was revised'));
    expect(cards).toHaveLength(1);
    expect(cards[0].body).toContain('“Shared desks”');
  });
});
