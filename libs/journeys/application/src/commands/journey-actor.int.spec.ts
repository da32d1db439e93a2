/**
 * Work planned or promised for someone names a member of the team, and someone who left the
 * organisation is no longer one, though their leaving reaches the team's stream a moment after the
 * organisation's (the removal writes the organisation first, then each team). The journey command
 * reads the organisation beside the journey, so from the moment they left, a step owned by them or a
 * commitment made for them is refused, naming the field, and nothing is written.
 */
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '@stepwise/command-handling';
import { eventStoreMigrations } from '@stepwise/event-store';
import { journeyStreamId } from '@stepwise/journeys-domain';
import { FixedClock, runInTenant } from '@stepwise/kernel';
import { openTestStorage, tenancyWrites } from '@stepwise/test-support';
import { decideOnJourney } from './decide-on-journey';

describe('a journey command naming someone who has just left the organisation', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  let storage: Awaited<ReturnType<typeof openTestStorage>>;

  beforeAll(async () => {
    storage = await openTestStorage('pglite', { migrations: eventStoreMigrations, upcasters: [] });
  });
  afterAll(() => storage?.close());

  const tenantId = `org-${randomUUID()}`;
  const teamId = randomUUID();
  const journeyId = randomUUID();
  const lea: CommandContext = { tenantId, subject: 'auth|lea', memberId: 'mem-lea', orgRole: 'MEMBER', commandId: randomUUID(), correlationId: randomUUID() };

  const asLea = (command: Parameters<typeof decideOnJourney>[1]) =>
    runInTenant({ tenantId, correlationId: randomUUID() }, () => decideOnJourney({ store: storage.eventStore, clock }, command, { ...lea, commandId: randomUUID() }));

  beforeAll(async () => {
    const { organisation, team } = tenancyWrites(storage.eventStore, clock, tenantId, { memberId: 'mem-ada', subject: 'auth|ada' });
    await organisation({ type: 'CreateOrganisation', data: { organisationId: tenantId, name: 'Acme', creator: { memberId: 'mem-ada', displayName: 'Ada', timezone: 'UTC' } } });
    for (const [memberId, name] of [['mem-lea', 'Lea'], ['mem-max', 'Max']]) {
      await organisation({
        type: 'AddMember',
        data: { organisationId: tenantId, memberId, subject: `auth|${name.toLowerCase()}`, displayName: name, orgRole: 'MEMBER', timezone: 'UTC', quietHours: null },
      });
    }
    await team({ type: 'CreateTeam', data: { organisationId: tenantId, teamId, name: 'Year 5' } });
    await team({ type: 'Subscribe', data: { teamId, plan: 'GROWTH', status: 'ACTIVE' } });
    await team({ type: 'AddTeamMember', data: { teamId, memberId: 'mem-lea', role: 'LEADER' } });
    await team({ type: 'AddTeamMember', data: { teamId, memberId: 'mem-max', role: 'STAFF' } });
    await asLea({ type: 'StartJourney', data: { journeyId, teamId, title: 'Feedback that lands' } });
    // Max leaves: written on the organisation's stream; the team's has not heard yet.
    await organisation({ type: 'RemoveMember', data: { organisationId: tenantId, memberId: 'mem-max' } });
  });

  it.each([
    ['a step owned by them', 'ownerId', () => ({ type: 'PlanStep', data: { journeyId, stepId: randomUUID(), title: 'Mark in green', ownerId: 'mem-max' } }) as const],
    ['a commitment made for them', 'memberId', () => ({ type: 'MakeCommitment', data: { journeyId, commitmentId: randomUUID(), memberId: 'mem-max', description: 'Read the comments', dueOn: '2026-03-09' } }) as const],
  ])('%s: TEAM_MEMBER_NOT_FOUND naming %s, nothing written', async (_label, field, command) => {
    const before = await storage.eventStore.streamVersion(tenantId, journeyStreamId(journeyId));
    await expect(asLea(command())).rejects.toMatchObject({ code: 'TEAM_MEMBER_NOT_FOUND', details: { field, memberId: 'mem-max' } });
    expect(await storage.eventStore.streamVersion(tenantId, journeyStreamId(journeyId))).toBe(before);
  });
});
