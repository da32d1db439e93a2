import type { OrgRole } from '../organisation/organisation.commands';

export type Plan = 'STARTER' | 'GROWTH' | 'UNLIMITED';
export const PLANS: readonly Plan[] = ['STARTER', 'GROWTH', 'UNLIMITED'];

/** Statuses a subscription can be set to; CANCELLED is reached only by CancelSubscription. */
export type SettableSubscriptionStatus = 'TRIALING' | 'ACTIVE' | 'PAST_DUE';
export type SubscriptionStatus = SettableSubscriptionStatus | 'CANCELLED';
/** A subscription starts on a trial or paid up. */
export type InitialSubscriptionStatus = 'TRIALING' | 'ACTIVE';
export const INITIAL_SUBSCRIPTION_STATUSES: readonly InitialSubscriptionStatus[] = ['TRIALING', 'ACTIVE'];
export const SETTABLE_SUBSCRIPTION_STATUSES: readonly SettableSubscriptionStatus[] = ['TRIALING', 'ACTIVE', 'PAST_DUE'];

export type TeamRole = 'LEADER' | 'STAFF';
export const TEAM_ROLES: readonly TeamRole[] = ['LEADER', 'STAFF'];

/**
 * The team aggregate cannot see the organisation's members, so the caller looks up the actor's
 * org role (and checks that an added member belongs to the organisation) before deciding.
 */
export interface TeamActor {
  readonly memberId: string;
  readonly orgRole: OrgRole;
}

export interface TeamCommandMetadata {
  readonly now: Date;
  readonly actor: TeamActor;
  /**
   * Members the team still holds who have left the organisation, as the organisation stream read
   * beside the team shows it: leaving the organisation is written there first and on each of its
   * teams after, and a decision in between counts them off the team already (no last LEADER kept by
   * someone who left, no role changed for them). Absent: none.
   */
  readonly leftOrganisation?: readonly string[];
}

type Command<Type extends string, Data> = { readonly type: Type; readonly data: Data; readonly metadata: TeamCommandMetadata };

export type CreateTeam = Command<'CreateTeam', { readonly teamId: string; readonly organisationId: string; readonly name: string }>;

export type Subscribe = Command<
  'Subscribe',
  { readonly teamId: string; readonly plan: Plan; readonly status: InitialSubscriptionStatus }
>;

/** At least one of plan and status. */
export type ChangeSubscription = Command<
  'ChangeSubscription',
  { readonly teamId: string; readonly plan?: Plan; readonly status?: SettableSubscriptionStatus }
>;

export type CancelSubscription = Command<'CancelSubscription', { readonly teamId: string; readonly reason?: string | null }>;

export type AddTeamMember = Command<'AddTeamMember', { readonly teamId: string; readonly memberId: string; readonly role: TeamRole }>;

export type ChangeTeamRole = Command<'ChangeTeamRole', { readonly teamId: string; readonly memberId: string; readonly role: TeamRole }>;

/**
 * `leftOrganisation`: the member left the organisation, so the team lets them go even as its last
 * LEADER (nobody can keep a person who has left; an admin then appoints another leader). Never set
 * from client input.
 */
export type RemoveTeamMember = Command<'RemoveTeamMember', { readonly teamId: string; readonly memberId: string; readonly leftOrganisation?: boolean }>;

export type TeamCommand =
  | CreateTeam
  | Subscribe
  | ChangeSubscription
  | CancelSubscription
  | AddTeamMember
  | ChangeTeamRole
  | RemoveTeamMember;
