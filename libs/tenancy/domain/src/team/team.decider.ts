/**
 * The team aggregate: a team inside an organisation, its subscription (plan, seats, status) and
 * its members with their team roles. Only organisation ADMINs manage teams.
 */
import type { EventSourcedDecider } from '@stepwise/kernel';
import { invalid, oneOf } from '@stepwise/kernel';
import type {
  AddTeamMember,
  CancelSubscription,
  ChangeSubscription,
  ChangeTeamRole,
  CreateTeam,
  RemoveTeamMember,
  Subscribe,
  TeamActor,
  TeamCommand,
  TeamCommandMetadata,
} from './team.commands';
import { INITIAL_SUBSCRIPTION_STATUSES, PLANS, SETTABLE_SUBSCRIPTION_STATUSES, TEAM_ROLES } from './team.commands';
import {
  ForbiddenError,
  LastTeamLeaderError,
  SeatLimitReachedError,
  SubscriptionAlreadyExistsError,
  SubscriptionCancelledError,
  SubscriptionInactiveError,
  SubscriptionNotFoundError,
  TeamAlreadyExistsError,
  TeamMemberAlreadyExistsError,
  TeamMemberNotFoundError,
  TeamNotFoundError,
} from './team.errors';
import { teamEventSchemaVersions, type TeamEvent } from './team.events';
import type { CreatedTeam, TeamState, TeamSubscription } from './team.state';
import { evolveTeam, initialTeamState, isWritable, leaderCount, seatLimit, seatsUsed, teamRoleOf } from './team.state';
import { validCancelReason, validTeamName } from './team.validation';

/** Whether a member the team holds is still a member of the organisation (see TeamCommandMetadata.leftOrganisation). */
const staying =
  (metadata: TeamCommandMetadata) =>
  (memberId: string): boolean =>
    !metadata.leftOrganisation?.includes(memberId);

const requireAdmin = (actor: TeamActor): void => {
  if (actor.orgRole !== 'ADMIN') throw new ForbiddenError('Only an organisation ADMIN manages teams');
};

const requireTeam = (state: TeamState, teamId: string): CreatedTeam => {
  if (state.status !== 'CREATED') throw new TeamNotFoundError(teamId);
  return state;
};

const requireWritable = (team: CreatedTeam): TeamSubscription => {
  if (!team.subscription || !isWritable(team)) throw new SubscriptionInactiveError(team.teamId, team.subscription?.status ?? null);
  return team.subscription;
};

const createTeam = ({ data, metadata }: CreateTeam, state: TeamState): TeamEvent[] => {
  requireAdmin(metadata.actor);
  const name = validTeamName(data.name);
  if (state.status !== 'NEW') throw new TeamAlreadyExistsError(data.teamId);
  return [
    {
      type: 'TeamCreated',
      data: { teamId: data.teamId, organisationId: data.organisationId, name, createdBy: metadata.actor.memberId, at: metadata.now.toISOString() },
    },
  ];
};

/** First subscription, or a new one after cancelling. */
const subscribe = ({ data, metadata }: Subscribe, state: TeamState): TeamEvent[] => {
  requireAdmin(metadata.actor);
  const plan = oneOf('plan', data.plan, PLANS);
  const status = oneOf('status', data.status, INITIAL_SUBSCRIPTION_STATUSES);
  const team = requireTeam(state, data.teamId);
  if (team.subscription && team.subscription.status !== 'CANCELLED') throw new SubscriptionAlreadyExistsError(team.teamId);
  if (seatsUsed(team) > seatLimit(plan)) throw new SeatLimitReachedError(plan, seatLimit(plan), seatsUsed(team), 'plan');
  return [
    {
      type: 'TeamSubscribed',
      data: { teamId: team.teamId, organisationId: team.organisationId, plan, status, subscribedBy: metadata.actor.memberId, at: metadata.now.toISOString() },
    },
  ];
};

const changeSubscription = ({ data, metadata }: ChangeSubscription, state: TeamState): TeamEvent[] => {
  requireAdmin(metadata.actor);
  const team = requireTeam(state, data.teamId);
  if (data.plan === undefined && data.status === undefined) invalid('input', 'REQUIRED', 'Give a plan, a status, or both', { oneOf: ['plan', 'status'] });
  const current = team.subscription;
  if (!current) throw new SubscriptionNotFoundError(team.teamId);
  if (current.status === 'CANCELLED') throw new SubscriptionCancelledError(team.teamId);
  const toPlan = data.plan === undefined ? current.plan : oneOf('plan', data.plan, PLANS);
  const toStatus = data.status === undefined ? current.status : oneOf('status', data.status, SETTABLE_SUBSCRIPTION_STATUSES);
  if (toPlan === current.plan && toStatus === current.status) return [];
  if (seatsUsed(team) > seatLimit(toPlan)) throw new SeatLimitReachedError(toPlan, seatLimit(toPlan), seatsUsed(team), 'plan');
  return [
    {
      type: 'SubscriptionChanged',
      data: {
        teamId: team.teamId,
        organisationId: team.organisationId,
        fromPlan: current.plan,
        toPlan,
        fromStatus: current.status,
        toStatus,
        changedBy: metadata.actor.memberId,
        at: metadata.now.toISOString(),
      },
    },
  ];
};

const cancelSubscription = ({ data, metadata }: CancelSubscription, state: TeamState): TeamEvent[] => {
  requireAdmin(metadata.actor);
  const reason = validCancelReason(data.reason);
  const team = requireTeam(state, data.teamId);
  if (!team.subscription) throw new SubscriptionNotFoundError(team.teamId);
  if (team.subscription.status === 'CANCELLED') throw new SubscriptionCancelledError(team.teamId);
  return [
    {
      type: 'SubscriptionCancelled',
      data: {
        teamId: team.teamId,
        organisationId: team.organisationId,
        plan: team.subscription.plan,
        reason,
        cancelledBy: metadata.actor.memberId,
        at: metadata.now.toISOString(),
      },
    },
  ];
};

const addTeamMember = ({ data, metadata }: AddTeamMember, state: TeamState): TeamEvent[] => {
  requireAdmin(metadata.actor);
  const role = oneOf('role', data.role, TEAM_ROLES);
  const team = requireTeam(state, data.teamId);
  const { plan } = requireWritable(team);
  if (teamRoleOf(team, data.memberId)) throw new TeamMemberAlreadyExistsError(data.memberId);
  if (seatsUsed(team) + 1 > seatLimit(plan)) throw new SeatLimitReachedError(plan, seatLimit(plan), seatsUsed(team) + 1);
  return [
    {
      type: 'TeamMemberJoined',
      data: {
        teamId: team.teamId,
        organisationId: team.organisationId,
        memberId: data.memberId,
        role,
        addedBy: metadata.actor.memberId,
        at: metadata.now.toISOString(),
      },
    },
  ];
};

const changeTeamRole = ({ data, metadata }: ChangeTeamRole, state: TeamState): TeamEvent[] => {
  requireAdmin(metadata.actor);
  const toRole = oneOf('role', data.role, TEAM_ROLES);
  const team = requireTeam(state, data.teamId);
  requireWritable(team);
  const fromRole = teamRoleOf(team, data.memberId);
  // Someone who has left the organisation is on their way off the team: no role to change.
  if (!fromRole || !staying(metadata)(data.memberId)) throw new TeamMemberNotFoundError(data.memberId);
  if (fromRole === toRole) return [];
  if (fromRole === 'LEADER' && leaderCount(team, staying(metadata)) === 1) throw new LastTeamLeaderError(team.teamId, data.memberId);
  return [
    {
      type: 'TeamMemberRoleChanged',
      data: {
        teamId: team.teamId,
        organisationId: team.organisationId,
        memberId: data.memberId,
        fromRole,
        toRole,
        changedBy: metadata.actor.memberId,
        at: metadata.now.toISOString(),
      },
    },
  ];
};

/**
 * Allowed on a read-only team too: taking someone's access away never waits on billing. The last
 * LEADER of a writable team stays until another is appointed (LAST_TEAM_LEADER), as an organisation
 * keeps its last ADMIN; but not when they left the organisation (nobody can be kept), nor on a
 * read-only team, where no leader can act and none can be appointed until it is writable again.
 */
const removeTeamMember = ({ data, metadata }: RemoveTeamMember, state: TeamState): TeamEvent[] => {
  requireAdmin(metadata.actor);
  const team = requireTeam(state, data.teamId);
  const role = teamRoleOf(team, data.memberId);
  if (!role) throw new TeamMemberNotFoundError(data.memberId);
  const left = data.leftOrganisation === true || !staying(metadata)(data.memberId);
  if (role === 'LEADER' && !left && leaderCount(team, staying(metadata)) === 1 && isWritable(team)) {
    throw new LastTeamLeaderError(team.teamId, data.memberId);
  }
  return [
    {
      type: 'TeamMemberLeft',
      data: {
        teamId: team.teamId,
        organisationId: team.organisationId,
        memberId: data.memberId,
        removedBy: metadata.actor.memberId,
        at: metadata.now.toISOString(),
      },
    },
  ];
};

export const decideTeam = (command: TeamCommand, state: TeamState): TeamEvent[] => {
  switch (command.type) {
    case 'CreateTeam':
      return createTeam(command, state);
    case 'Subscribe':
      return subscribe(command, state);
    case 'ChangeSubscription':
      return changeSubscription(command, state);
    case 'CancelSubscription':
      return cancelSubscription(command, state);
    case 'AddTeamMember':
      return addTeamMember(command, state);
    case 'ChangeTeamRole':
      return changeTeamRole(command, state);
    case 'RemoveTeamMember':
      return removeTeamMember(command, state);
  }
};

export const teamDecider: EventSourcedDecider<TeamCommand, TeamEvent, TeamState> = {
  initialState: initialTeamState,
  decide: decideTeam,
  evolve: evolveTeam,
  eventSchemaVersions: teamEventSchemaVersions,
};
