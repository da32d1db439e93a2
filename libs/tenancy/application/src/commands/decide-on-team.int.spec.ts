/**
 * A team command decides on the organisation as its attempt read it, and commits only while the
 * organisation is still so: an admin demoted between that read and the team's append is refused
 * (FORBIDDEN, decided again on the new role), never left with a team change the log puts after
 * the demotion. The race is staged exactly: the store demotes them just before the team's append.
 * And a member who left the organisation counts as off its teams from that moment, though their
 * leaving reaches each team's stream a moment later.
 */
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '@stepwise/command-handling';
import { eventStoreMigrations, type EventStore } from '@stepwise/event-store';
import { FixedClock, runInTenant } from '@stepwise/kernel';
import { teamStreamId, type TeamCommand } from '@stepwise/tenancy-domain';
import { codeOf, openTestStorage, tenancyWrites } from '@stepwise/test-support';
import { decideOnTeam } from './decide-on-team';

describe('a team command racing its sender’s demotion', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  let storage: Awaited<ReturnType<typeof openTestStorage>>;

  beforeAll(async () => {
    storage = await openTestStorage('pglite', { migrations: eventStoreMigrations, upcasters: [] });
  });
  afterAll(() => storage?.close());

  const writesFor = (tenantId: string) => tenancyWrites(storage.eventStore, clock, tenantId, { memberId: 'mem-ada', subject: 'auth|ada' });

  it('is refused FORBIDDEN when the demotion commits between its read of the organisation and its append, and writes nothing', async () => {
    const tenantId = `org-${randomUUID()}`;
    const store = storage.eventStore;
    const writes = writesFor(tenantId);
    await writes.organisation({
      type: 'CreateOrganisation',
      data: { organisationId: tenantId, name: 'Acme', creator: { memberId: 'mem-ada', displayName: 'Ada', timezone: 'UTC' } },
    });
    await writes.organisation({
      type: 'AddMember',
      data: { organisationId: tenantId, memberId: 'mem-bo', subject: 'auth|bo', displayName: 'Bo', orgRole: 'ADMIN', timezone: 'UTC', quietHours: null },
    });
    // Bo's team append is the moment the demotion lands: after Bo's attempt read the organisation.
    let demoted = false;
    const racing: EventStore = new Proxy(store, {
      get: (target, property, receiver) => {
        if (property !== 'append') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<EventStore['append']>) => {
          if (!demoted && args[1].startsWith('team-')) {
            demoted = true;
            await writes.organisation({ type: 'ChangeMemberRole', data: { organisationId: tenantId, memberId: 'mem-bo', orgRole: 'MEMBER' } });
          }
          return target.append(...args);
        };
      },
    });
    const bo: CommandContext = { tenantId, subject: 'auth|bo', memberId: 'mem-bo', orgRole: 'ADMIN', commandId: randomUUID(), correlationId: randomUUID() };
    const teamId = `team-${randomUUID()}`;

    const code = await codeOf(runInTenant({ tenantId, correlationId: bo.correlationId }, () => decideOnTeam({ store: racing, clock }, { type: 'CreateTeam', data: { organisationId: tenantId, teamId, name: 'Bo’s' } }, bo)));

    expect(demoted).toBe(true);
    expect(code).toBe('FORBIDDEN');
    expect(await store.streamVersion(tenantId, `team-${teamId}`)).toBe(0);
  });

  it('counts a member who left the organisation off the team before the team hears of it: no last LEADER kept by them, no role changed for them', async () => {
    const tenantId = `org-${randomUUID()}`;
    const store = storage.eventStore;
    const teamId = randomUUID();
    const ada: CommandContext = { tenantId, subject: 'auth|ada', memberId: 'mem-ada', orgRole: 'ADMIN', commandId: randomUUID(), correlationId: randomUUID() };
    const asAda = (command: Omit<TeamCommand, 'metadata'>) =>
      runInTenant({ tenantId, correlationId: randomUUID() }, () => decideOnTeam({ store, clock }, command as TeamCommand, { ...ada, commandId: randomUUID() }));
    const writes = writesFor(tenantId);
    await writes.organisation({
      type: 'CreateOrganisation',
      data: { organisationId: tenantId, name: 'Acme', creator: { memberId: 'mem-ada', displayName: 'Ada', timezone: 'UTC' } },
    });
    for (const [memberId, name] of [['mem-lea', 'Lea'], ['mem-max', 'Max']]) {
      await writes.organisation({
        type: 'AddMember',
        data: { organisationId: tenantId, memberId, subject: `auth|${name.toLowerCase()}`, displayName: name, orgRole: 'MEMBER', timezone: 'UTC', quietHours: null },
      });
    }
    await asAda({ type: 'CreateTeam', data: { organisationId: tenantId, teamId, name: 'Leaders two' } });
    await asAda({ type: 'Subscribe', data: { teamId, plan: 'GROWTH', status: 'ACTIVE' } });
    for (const memberId of ['mem-lea', 'mem-max']) await asAda({ type: 'AddTeamMember', data: { teamId, memberId, role: 'LEADER' } });
    // Lea leaves the organisation: written on its stream; the team's stream has not heard yet.
    await writes.organisation({ type: 'RemoveMember', data: { organisationId: tenantId, memberId: 'mem-lea' } });
    const teamVersion = await store.streamVersion(tenantId, teamStreamId(teamId));

    expect(await codeOf(asAda({ type: 'ChangeTeamRole', data: { teamId, memberId: 'mem-max', role: 'STAFF' } }))).toBe('LAST_TEAM_LEADER');
    expect(await codeOf(asAda({ type: 'RemoveTeamMember', data: { teamId, memberId: 'mem-max' } }))).toBe('LAST_TEAM_LEADER');
    expect(await codeOf(asAda({ type: 'ChangeTeamRole', data: { teamId, memberId: 'mem-lea', role: 'STAFF' } }))).toBe('TEAM_MEMBER_NOT_FOUND');
    expect(await store.streamVersion(tenantId, teamStreamId(teamId))).toBe(teamVersion);
    // Taking her off the team goes through, even as a LEADER.
    expect((await asAda({ type: 'RemoveTeamMember', data: { teamId, memberId: 'mem-lea' } })).events.map((event) => event.type)).toEqual(['TeamMemberLeft']);
  });
});
