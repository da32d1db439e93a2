/** Team state (identity, subscription, members), derived only by folding its events. */
import type { Plan, SubscriptionStatus, TeamRole } from './team.commands';
import type { TeamEvent } from './team.events';

export interface TeamSubscription {
  readonly plan: Plan;
  readonly status: SubscriptionStatus;
}

export type TeamState =
  | { readonly status: 'NEW' }
  | {
      readonly status: 'CREATED';
      readonly teamId: string;
      readonly organisationId: string;
      readonly name: string;
      readonly subscription: TeamSubscription | null;
      /** Team role by member id; each member holds one seat. */
      readonly members: Readonly<Record<string, TeamRole>>;
    };

export type CreatedTeam = Extract<TeamState, { status: 'CREATED' }>;

const SEAT_LIMITS: Readonly<Record<Plan, number>> = { STARTER: 10, GROWTH: 50, UNLIMITED: Number.POSITIVE_INFINITY };

/** Seats a plan allows; `Infinity` for UNLIMITED. */
export const seatLimit = (plan: Plan): number => SEAT_LIMITS[plan];

export const seatsUsed = (state: TeamState): number => (state.status === 'CREATED' ? Object.keys(state.members).length : 0);

/** A team takes writes (new members, journeys, steps…) only while TRIALING or ACTIVE. */
export const isWritable = (state: TeamState): boolean =>
  state.status === 'CREATED' && (state.subscription?.status === 'TRIALING' || state.subscription?.status === 'ACTIVE');

/** A member's team role, or undefined when not on the team (inherited keys such as "constructor" ignored). */
export const teamRoleOf = (team: CreatedTeam, memberId: string): TeamRole | undefined =>
  Object.hasOwn(team.members, memberId) ? team.members[memberId] : undefined;

/** The team's LEADERs, or those of them `counted` keeps. */
export const leaderCount = (team: CreatedTeam, counted: (memberId: string) => boolean = () => true): number =>
  Object.entries(team.members).filter(([memberId, role]) => role === 'LEADER' && counted(memberId)).length;

export const initialTeamState = (): TeamState => ({ status: 'NEW' });

export const evolveTeam = (state: TeamState, event: TeamEvent): TeamState => {
  if (event.type === 'TeamCreated') {
    const { teamId, organisationId, name } = event.data;
    return { status: 'CREATED', teamId, organisationId, name, subscription: null, members: {} };
  }
  if (state.status !== 'CREATED') return state;
  switch (event.type) {
    case 'TeamSubscribed':
      return { ...state, subscription: { plan: event.data.plan, status: event.data.status } };
    case 'SubscriptionChanged':
      return { ...state, subscription: { plan: event.data.toPlan, status: event.data.toStatus } };
    case 'SubscriptionCancelled':
      return { ...state, subscription: { plan: event.data.plan, status: 'CANCELLED' } };
    case 'TeamMemberJoined':
      return { ...state, members: { ...state.members, [event.data.memberId]: event.data.role } };
    case 'TeamMemberRoleChanged':
      return { ...state, members: { ...state.members, [event.data.memberId]: event.data.toRole } };
    case 'TeamMemberLeft': {
      const { [event.data.memberId]: _left, ...members } = state.members;
      return { ...state, members };
    }
  }
};
