import type { InitialSubscriptionStatus, Plan, SettableSubscriptionStatus, TeamRole } from './team.commands';

export const teamEventSchemaVersion = 1;

export const TEAM_STREAM_PREFIX = 'team-';
export const teamStreamId = (teamId: string): string => `${TEAM_STREAM_PREFIX}${teamId}`;

type Event<Type extends string, Data> = { readonly type: Type; readonly data: Data };

/** `at` is the command's `now` as an ISO timestamp; `*By` fields are member ids. */
export type TeamCreated = Event<'TeamCreated', { teamId: string; organisationId: string; name: string; createdBy: string; at: string }>;

export type TeamSubscribed = Event<
  'TeamSubscribed',
  { teamId: string; organisationId: string; plan: Plan; status: InitialSubscriptionStatus; subscribedBy: string; at: string }
>;

export type SubscriptionChanged = Event<
  'SubscriptionChanged',
  {
    teamId: string;
    organisationId: string;
    fromPlan: Plan;
    toPlan: Plan;
    fromStatus: SettableSubscriptionStatus;
    toStatus: SettableSubscriptionStatus;
    changedBy: string;
    at: string;
  }
>;

export type SubscriptionCancelled = Event<
  'SubscriptionCancelled',
  { teamId: string; organisationId: string; plan: Plan; reason: string | null; cancelledBy: string; at: string }
>;

export type TeamMemberJoined = Event<
  'TeamMemberJoined',
  { teamId: string; organisationId: string; memberId: string; role: TeamRole; addedBy: string; at: string }
>;

export type TeamMemberRoleChanged = Event<
  'TeamMemberRoleChanged',
  { teamId: string; organisationId: string; memberId: string; fromRole: TeamRole; toRole: TeamRole; changedBy: string; at: string }
>;

export type TeamMemberLeft = Event<
  'TeamMemberLeft',
  { teamId: string; organisationId: string; memberId: string; removedBy: string; at: string }
>;

export type TeamEvent =
  | TeamCreated
  | TeamSubscribed
  | SubscriptionChanged
  | SubscriptionCancelled
  | TeamMemberJoined
  | TeamMemberRoleChanged
  | TeamMemberLeft;
export type TeamEventType = TeamEvent['type'];

// A record (not an array) so the compiler proves the list names every event type and no other.
const teamEventTypeSet: Record<TeamEventType, true> = {
  TeamCreated: true,
  TeamSubscribed: true,
  SubscriptionChanged: true,
  SubscriptionCancelled: true,
  TeamMemberJoined: true,
  TeamMemberRoleChanged: true,
  TeamMemberLeft: true,
};

export const teamEventTypes = Object.keys(teamEventTypeSet) as readonly TeamEventType[];

export const isTeamEvent = (event: { type: string }): event is TeamEvent =>
  Object.prototype.hasOwnProperty.call(teamEventTypeSet, event.type);
