import { eventTypesOf, isEventTypeOf, type EventSchemaVersions } from '@stepwise/kernel';
import type { InitialSubscriptionStatus, Plan, SettableSubscriptionStatus, TeamRole } from './team.commands';

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

/**
 * The schema version each team event is written at today. A record keyed by the union, so the
 * compiler proves it names every event type and no other.
 */
export const teamEventSchemaVersions: EventSchemaVersions<TeamEvent> = {
  TeamCreated: 1,
  TeamSubscribed: 1,
  SubscriptionChanged: 1,
  SubscriptionCancelled: 1,
  TeamMemberJoined: 1,
  TeamMemberRoleChanged: 1,
  TeamMemberLeft: 1,
};

export const teamEventTypes: readonly TeamEventType[] = eventTypesOf(teamEventSchemaVersions);

export const isTeamEvent = (event: { type: string }): event is TeamEvent => isEventTypeOf(teamEventSchemaVersions, event.type);
