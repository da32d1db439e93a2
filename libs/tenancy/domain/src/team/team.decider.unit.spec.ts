import { foldEvents } from '@stepwise/kernel';
import { deciderSpec } from '@stepwise/kernel/testing';
import type { Plan, SettableSubscriptionStatus, TeamActor, TeamCommand, TeamRole } from './team.commands';
import { teamDecider } from './team.decider';
import type { TeamEvent } from './team.events';
import { teamEventTypes, teamStreamId } from './team.events';
import { isWritable, seatLimit, seatsUsed } from './team.state';

const given = deciderSpec(teamDecider);

const TEAM_ID = 'team-1';
const ORG_ID = 'org-1';
const NOW = new Date('2026-03-02T09:00:00.000Z');
const AT = NOW.toISOString();
const ADMIN: TeamActor = { memberId: 'mem-ada', orgRole: 'ADMIN' };
const MEMBER: TeamActor = { memberId: 'mem-ben', orgRole: 'MEMBER' };
const ids = { teamId: TEAM_ID, organisationId: ORG_ID };

const command = <C extends TeamCommand>(type: C['type'], data: C['data'], actor: TeamActor = ADMIN): C =>
  ({ type, data, metadata: { now: NOW, actor } }) as C;

/** The command as decided while Sam, who left the organisation, is still on the team's stream. */
const leaving = <C extends TeamCommand>(decided: C): C => ({ ...decided, metadata: { ...decided.metadata, leftOrganisation: ['mem-sam'] } });

const teamCreated = (): TeamEvent => ({ type: 'TeamCreated', data: { ...ids, name: 'Year 5', createdBy: ADMIN.memberId, at: AT } });
const subscribed = (plan: Plan = 'STARTER', status: 'TRIALING' | 'ACTIVE' = 'ACTIVE'): TeamEvent => ({
  type: 'TeamSubscribed',
  data: { ...ids, plan, status, subscribedBy: ADMIN.memberId, at: AT },
});
const changed = (fromPlan: Plan, toPlan: Plan, fromStatus: SettableSubscriptionStatus, toStatus: SettableSubscriptionStatus): TeamEvent => ({
  type: 'SubscriptionChanged',
  data: { ...ids, fromPlan, toPlan, fromStatus, toStatus, changedBy: ADMIN.memberId, at: AT },
});
const cancelled = (plan: Plan = 'STARTER'): TeamEvent => ({
  type: 'SubscriptionCancelled',
  data: { ...ids, plan, reason: null, cancelledBy: ADMIN.memberId, at: AT },
});
const joined = (memberId: string, role: TeamRole = 'STAFF'): TeamEvent => ({
  type: 'TeamMemberJoined',
  data: { ...ids, memberId, role, addedBy: ADMIN.memberId, at: AT },
});
const members = (count: number): TeamEvent[] => Array.from({ length: count }, (_, i) => joined(`mem-${i + 1}`));

const activeTeam = (plan: Plan = 'STARTER'): TeamEvent[] => [teamCreated(), subscribed(plan)];

describe('team helpers', () => {
  it('names the stream team-<id> and lists every event type', () => {
    expect(teamStreamId('t-9')).toBe('team-t-9');
    expect(teamEventTypes).toContain('TeamMemberLeft');
    expect(teamEventTypes).toHaveLength(7);
  });

  it('gives the seat limit per plan', () => {
    expect([seatLimit('STARTER'), seatLimit('GROWTH'), seatLimit('UNLIMITED')]).toEqual([10, 50, Number.POSITIVE_INFINITY]);
  });

  it('is writable only while TRIALING or ACTIVE', () => {
    const state = (events: TeamEvent[]) => foldEvents(teamDecider, events);
    expect(isWritable(state([]))).toBe(false);
    expect(isWritable(state([teamCreated()]))).toBe(false);
    expect(isWritable(state([teamCreated(), subscribed('STARTER', 'TRIALING')]))).toBe(true);
    expect(isWritable(state(activeTeam()))).toBe(true);
    expect(isWritable(state([...activeTeam(), changed('STARTER', 'STARTER', 'ACTIVE', 'PAST_DUE')]))).toBe(false);
    expect(isWritable(state([...activeTeam(), cancelled()]))).toBe(false);
  });

  it('counts a seat per member and frees it when they leave', () => {
    const left: TeamEvent = { type: 'TeamMemberLeft', data: { ...ids, memberId: 'mem-1', removedBy: ADMIN.memberId, at: AT } };
    expect(seatsUsed(foldEvents(teamDecider, [...activeTeam(), ...members(3), left]))).toBe(2);
  });
});

describe('CreateTeam', () => {
  it('lets an ADMIN create a team', () => {
    given([]).when(command('CreateTeam', { ...ids, name: ' Year 5 ' })).then([teamCreated()]);
  });

  it('refuses a non-admin: FORBIDDEN', () => {
    given([]).when(command('CreateTeam', { ...ids, name: 'Year 5' }, MEMBER)).thenThrows('FORBIDDEN');
  });

  it('refuses to create it twice: TEAM_ALREADY_EXISTS', () => {
    given([teamCreated()]).when(command('CreateTeam', { ...ids, name: 'Year 5' })).thenThrows('TEAM_ALREADY_EXISTS');
  });

  it('refuses a name over 100 characters: VALIDATION_FAILED', () => {
    given([]).when(command('CreateTeam', { ...ids, name: 'x'.repeat(101) })).thenThrows('VALIDATION_FAILED', { field: 'name', reason: 'TOO_LONG' });
  });
});

describe('Subscribe', () => {
  it('subscribes the team on a trial', () => {
    given([teamCreated()]).when(command('Subscribe', { teamId: TEAM_ID, plan: 'GROWTH', status: 'TRIALING' })).then([subscribed('GROWTH', 'TRIALING')]);
  });

  it('subscribes again after cancelling', () => {
    given([...activeTeam(), cancelled()]).when(command('Subscribe', { teamId: TEAM_ID, plan: 'STARTER', status: 'ACTIVE' })).then([subscribed()]);
  });

  it('refuses a team that does not exist: TEAM_NOT_FOUND', () => {
    given([]).when(command('Subscribe', { teamId: TEAM_ID, plan: 'STARTER', status: 'ACTIVE' })).thenThrows('TEAM_NOT_FOUND');
  });

  it('refuses a second subscription: SUBSCRIPTION_ALREADY_EXISTS', () => {
    given(activeTeam()).when(command('Subscribe', { teamId: TEAM_ID, plan: 'GROWTH', status: 'ACTIVE' })).thenThrows('SUBSCRIPTION_ALREADY_EXISTS', { field: 'teamId', teamId: TEAM_ID });
  });

  it('refuses to start PAST_DUE or on an unknown plan: VALIDATION_FAILED', () => {
    given([teamCreated()])
      .when(command('Subscribe', { teamId: TEAM_ID, plan: 'STARTER', status: 'PAST_DUE' as 'ACTIVE' }))
      .thenThrows('VALIDATION_FAILED', { field: 'status' });
    given([teamCreated()])
      .when(command('Subscribe', { teamId: TEAM_ID, plan: 'FREE' as Plan, status: 'ACTIVE' }))
      .thenThrows('VALIDATION_FAILED', { field: 'plan' });
  });

  it('refuses to resubscribe on a plan too small for the team: SEAT_LIMIT_REACHED', () => {
    given([teamCreated(), subscribed('GROWTH'), ...members(11), cancelled('GROWTH')])
      .when(command('Subscribe', { teamId: TEAM_ID, plan: 'STARTER', status: 'ACTIVE' }))
      .thenThrows('SEAT_LIMIT_REACHED', { field: 'plan', seatLimit: 10, seatsNeeded: 11 });
  });

  it('refuses a non-admin: FORBIDDEN', () => {
    given([teamCreated()]).when(command('Subscribe', { teamId: TEAM_ID, plan: 'STARTER', status: 'ACTIVE' }, MEMBER)).thenThrows('FORBIDDEN');
  });
});

describe('ChangeSubscription', () => {
  it('upgrades the plan', () => {
    given(activeTeam()).when(command('ChangeSubscription', { teamId: TEAM_ID, plan: 'GROWTH' })).then([changed('STARTER', 'GROWTH', 'ACTIVE', 'ACTIVE')]);
  });

  it('marks a subscription PAST_DUE and back to ACTIVE', () => {
    given(activeTeam()).when(command('ChangeSubscription', { teamId: TEAM_ID, status: 'PAST_DUE' })).then([changed('STARTER', 'STARTER', 'ACTIVE', 'PAST_DUE')]);
    given([...activeTeam(), changed('STARTER', 'STARTER', 'ACTIVE', 'PAST_DUE')])
      .when(command('ChangeSubscription', { teamId: TEAM_ID, status: 'ACTIVE' }))
      .then([changed('STARTER', 'STARTER', 'PAST_DUE', 'ACTIVE')]);
  });

  it('downgrades when the members still fit', () => {
    given([...activeTeam('GROWTH'), ...members(10)])
      .when(command('ChangeSubscription', { teamId: TEAM_ID, plan: 'STARTER' }))
      .then([changed('GROWTH', 'STARTER', 'ACTIVE', 'ACTIVE')]);
  });

  it('does nothing when nothing changes', () => {
    given(activeTeam()).when(command('ChangeSubscription', { teamId: TEAM_ID, plan: 'STARTER', status: 'ACTIVE' })).then([]);
  });

  it('refuses a change that names neither a plan nor a status, naming the input', () => {
    given(activeTeam()).when(command('ChangeSubscription', { teamId: TEAM_ID })).thenThrows('VALIDATION_FAILED', { field: 'input', oneOf: ['plan', 'status'] });
    // A team that is not there is named first: the input cannot change it.
    given([]).when(command('ChangeSubscription', { teamId: TEAM_ID })).thenThrows('TEAM_NOT_FOUND');
  });

  it('refuses to downgrade below the seats in use: SEAT_LIMIT_REACHED', () => {
    given([...activeTeam('GROWTH'), ...members(11)])
      .when(command('ChangeSubscription', { teamId: TEAM_ID, plan: 'STARTER' }))
      .thenThrows('SEAT_LIMIT_REACHED', { plan: 'STARTER', seatLimit: 10, seatsNeeded: 11 });
  });

  it('refuses a team without a subscription: SUBSCRIPTION_NOT_FOUND', () => {
    given([teamCreated()]).when(command('ChangeSubscription', { teamId: TEAM_ID, plan: 'GROWTH' })).thenThrows('SUBSCRIPTION_NOT_FOUND', { field: 'teamId', teamId: TEAM_ID });
  });

  it('refuses a cancelled subscription: SUBSCRIPTION_CANCELLED', () => {
    given([...activeTeam(), cancelled()]).when(command('ChangeSubscription', { teamId: TEAM_ID, plan: 'GROWTH' })).thenThrows('SUBSCRIPTION_CANCELLED', { field: 'teamId' });
  });

  it('refuses a change of nothing, or to CANCELLED: VALIDATION_FAILED', () => {
    given(activeTeam()).when(command('ChangeSubscription', { teamId: TEAM_ID })).thenThrows('VALIDATION_FAILED');
    given(activeTeam())
      .when(command('ChangeSubscription', { teamId: TEAM_ID, status: 'CANCELLED' as 'ACTIVE' }))
      .thenThrows('VALIDATION_FAILED', { field: 'status' });
  });

  it('refuses a non-admin: FORBIDDEN', () => {
    given(activeTeam()).when(command('ChangeSubscription', { teamId: TEAM_ID, plan: 'GROWTH' }, MEMBER)).thenThrows('FORBIDDEN');
  });
});

describe('CancelSubscription', () => {
  it('cancels the subscription, with an optional reason', () => {
    given(activeTeam()).when(command('CancelSubscription', { teamId: TEAM_ID })).then([cancelled()]);
    given(activeTeam())
      .when(command('CancelSubscription', { teamId: TEAM_ID, reason: ' moving schools ' }))
      .then([{ type: 'SubscriptionCancelled', data: { ...ids, plan: 'STARTER', reason: 'moving schools', cancelledBy: ADMIN.memberId, at: AT } }]);
  });

  it('refuses a team without a subscription: SUBSCRIPTION_NOT_FOUND', () => {
    given([teamCreated()]).when(command('CancelSubscription', { teamId: TEAM_ID })).thenThrows('SUBSCRIPTION_NOT_FOUND');
  });

  it('refuses to cancel twice: SUBSCRIPTION_CANCELLED', () => {
    given([...activeTeam(), cancelled()]).when(command('CancelSubscription', { teamId: TEAM_ID })).thenThrows('SUBSCRIPTION_CANCELLED');
  });

  it('refuses a non-admin: FORBIDDEN', () => {
    given(activeTeam()).when(command('CancelSubscription', { teamId: TEAM_ID }, MEMBER)).thenThrows('FORBIDDEN');
  });
});

describe('AddTeamMember', () => {
  const add = (memberId: string, role: TeamRole = 'STAFF', actor: TeamActor = ADMIN) =>
    command('AddTeamMember', { teamId: TEAM_ID, memberId, role }, actor);

  it('adds a member with a team role', () => {
    given(activeTeam()).when(add('mem-lee', 'LEADER')).then([joined('mem-lee', 'LEADER')]);
  });

  it('fills the last seat of the plan', () => {
    given([...activeTeam(), ...members(9)]).when(add('mem-10')).then([joined('mem-10')]);
  });

  it('refuses past the seat limit: SEAT_LIMIT_REACHED', () => {
    given([...activeTeam(), ...members(10)]).when(add('mem-11')).thenThrows('SEAT_LIMIT_REACHED', { plan: 'STARTER', seatLimit: 10, seatsNeeded: 11 });
  });

  it('has no seat limit on UNLIMITED', () => {
    given([...activeTeam('UNLIMITED'), ...members(60)]).when(add('mem-61')).then([joined('mem-61')]);
  });

  it('refuses a team without a subscription: SUBSCRIPTION_INACTIVE', () => {
    given([teamCreated()]).when(add('mem-lee')).thenThrows('SUBSCRIPTION_INACTIVE', { status: null });
  });

  it('refuses a PAST_DUE or cancelled team: SUBSCRIPTION_INACTIVE', () => {
    given([...activeTeam(), changed('STARTER', 'STARTER', 'ACTIVE', 'PAST_DUE')]).when(add('mem-lee')).thenThrows('SUBSCRIPTION_INACTIVE', { status: 'PAST_DUE' });
    given([...activeTeam(), cancelled()]).when(add('mem-lee')).thenThrows('SUBSCRIPTION_INACTIVE', { status: 'CANCELLED' });
  });

  it('refuses a member already on the team: TEAM_MEMBER_ALREADY_EXISTS', () => {
    given([...activeTeam(), joined('mem-lee')]).when(add('mem-lee', 'LEADER')).thenThrows('TEAM_MEMBER_ALREADY_EXISTS');
  });

  it('refuses an unknown role: VALIDATION_FAILED', () => {
    given(activeTeam()).when(add('mem-lee', 'CAPTAIN' as TeamRole)).thenThrows('VALIDATION_FAILED', { field: 'role' });
  });

  it('refuses a non-admin: FORBIDDEN', () => {
    given(activeTeam()).when(add('mem-lee', 'STAFF', MEMBER)).thenThrows('FORBIDDEN');
  });
});

describe('ChangeTeamRole', () => {
  const change = (memberId: string, role: TeamRole, actor: TeamActor = ADMIN) =>
    command('ChangeTeamRole', { teamId: TEAM_ID, memberId, role }, actor);

  it('changes a member from STAFF to LEADER', () => {
    given([...activeTeam(), joined('mem-lee')])
      .when(change('mem-lee', 'LEADER'))
      .then([{ type: 'TeamMemberRoleChanged', data: { ...ids, memberId: 'mem-lee', fromRole: 'STAFF', toRole: 'LEADER', changedBy: ADMIN.memberId, at: AT } }]);
  });

  it('does nothing when the role is unchanged', () => {
    given([...activeTeam(), joined('mem-lee')]).when(change('mem-lee', 'STAFF')).then([]);
  });

  it('refuses a member not on the team: TEAM_MEMBER_NOT_FOUND', () => {
    given(activeTeam()).when(change('mem-lee', 'LEADER')).thenThrows('TEAM_MEMBER_NOT_FOUND');
  });

  it('refuses a read-only team: SUBSCRIPTION_INACTIVE', () => {
    given([...activeTeam(), joined('mem-lee'), cancelled()]).when(change('mem-lee', 'LEADER')).thenThrows('SUBSCRIPTION_INACTIVE');
  });

  it('refuses a non-admin: FORBIDDEN', () => {
    given([...activeTeam(), joined('mem-lee')]).when(change('mem-lee', 'LEADER', MEMBER)).thenThrows('FORBIDDEN');
  });

  it('refuses to make the only LEADER STAFF: LAST_TEAM_LEADER', () => {
    given([...activeTeam(), joined('mem-lee', 'LEADER'), joined('mem-sam')])
      .when(change('mem-lee', 'STAFF'))
      .thenThrows('LAST_TEAM_LEADER', { teamId: TEAM_ID, memberId: 'mem-lee' });
  });

  it('makes a LEADER STAFF once another LEADER is appointed', () => {
    given([...activeTeam(), joined('mem-lee', 'LEADER'), joined('mem-sam', 'LEADER')])
      .when(change('mem-lee', 'STAFF'))
      .then([{ type: 'TeamMemberRoleChanged', data: { ...ids, memberId: 'mem-lee', fromRole: 'LEADER', toRole: 'STAFF', changedBy: ADMIN.memberId, at: AT } }]);
  });

  describe('with a member who left the organisation and whose leaving has not reached the team', () => {
    it('counts them off: the LEADER who stays is the last one (LAST_TEAM_LEADER)', () => {
      given([...activeTeam(), joined('mem-lee', 'LEADER'), joined('mem-sam', 'LEADER')])
        .when(leaving(change('mem-lee', 'STAFF')))
        .thenThrows('LAST_TEAM_LEADER', { teamId: TEAM_ID, memberId: 'mem-lee' });
    });

    it('changes no role of theirs: TEAM_MEMBER_NOT_FOUND', () => {
      given([...activeTeam(), joined('mem-lee', 'LEADER'), joined('mem-sam', 'LEADER')]).when(leaving(change('mem-sam', 'STAFF'))).thenThrows('TEAM_MEMBER_NOT_FOUND');
    });
  });
});

describe('RemoveTeamMember', () => {
  const remove = (memberId: string, actor: TeamActor = ADMIN) => command('RemoveTeamMember', { teamId: TEAM_ID, memberId }, actor);
  const left = (memberId: string): TeamEvent => ({ type: 'TeamMemberLeft', data: { ...ids, memberId, removedBy: ADMIN.memberId, at: AT } });

  it('removes a member and frees the seat', () => {
    given([...activeTeam(), ...members(10)]).when(remove('mem-3')).then([left('mem-3')]);
    given([...activeTeam(), ...members(10), left('mem-3')]).when(command('AddTeamMember', { teamId: TEAM_ID, memberId: 'mem-11', role: 'STAFF' })).then([joined('mem-11')]);
  });

  it('removes a member even while the team is read-only', () => {
    given([...activeTeam(), joined('mem-lee'), cancelled()]).when(remove('mem-lee')).then([left('mem-lee')]);
  });

  it('keeps the last LEADER who stays, though a LEADER who left the organisation is still on the team; lets that one go', () => {
    const team = [...activeTeam(), joined('mem-lee', 'LEADER'), joined('mem-sam', 'LEADER')];
    given(team).when(leaving(remove('mem-lee'))).thenThrows('LAST_TEAM_LEADER', { teamId: TEAM_ID, memberId: 'mem-lee' });
    given([...activeTeam(), joined('mem-sam', 'LEADER')]).when(leaving(remove('mem-sam'))).then([left('mem-sam')]);
  });

  it('refuses a member not on the team: TEAM_MEMBER_NOT_FOUND', () => {
    given(activeTeam()).when(remove('mem-lee')).thenThrows('TEAM_MEMBER_NOT_FOUND');
  });

  it('refuses a non-admin: FORBIDDEN', () => {
    given([...activeTeam(), joined('mem-lee')]).when(remove('mem-lee', MEMBER)).thenThrows('FORBIDDEN');
  });

  describe('the last LEADER', () => {
    it('stays until another is appointed: LAST_TEAM_LEADER, with staff on the team or alone on it', () => {
      given([...activeTeam(), joined('mem-lee', 'LEADER'), joined('mem-sam')]).when(remove('mem-lee')).thenThrows('LAST_TEAM_LEADER', { teamId: TEAM_ID, memberId: 'mem-lee' });
      given([...activeTeam(), joined('mem-lee', 'LEADER')]).when(remove('mem-lee')).thenThrows('LAST_TEAM_LEADER');
    });

    it('can go once another LEADER is on the team', () => {
      given([...activeTeam(), joined('mem-lee', 'LEADER'), joined('mem-kim', 'LEADER')]).when(remove('mem-lee')).then([left('mem-lee')]);
    });

    it('leaves with the organisation: nobody is kept on a team after leaving it', () => {
      given([...activeTeam(), joined('mem-lee', 'LEADER'), joined('mem-sam')])
        .when(command('RemoveTeamMember', { teamId: TEAM_ID, memberId: 'mem-lee', leftOrganisation: true }))
        .then([left('mem-lee')]);
    });

    it('can be removed from a read-only team, where no leader can act and none can be appointed', () => {
      given([...activeTeam(), joined('mem-lee', 'LEADER'), joined('mem-sam'), cancelled()]).when(remove('mem-lee')).then([left('mem-lee')]);
    });
  });
});
