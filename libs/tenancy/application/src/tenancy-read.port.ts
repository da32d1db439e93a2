/** What the api reads about organisations, members and teams (answered from read tables). */
export interface OrganisationView {
  readonly organisationId: string;
  readonly name: string;
  readonly slug: string;
  readonly memberId: string;
  readonly orgRole: 'ADMIN' | 'MEMBER';
}

export interface MemberView {
  readonly memberId: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly orgRole: 'ADMIN' | 'MEMBER';
  readonly timezone: string;
  readonly quietHours: { readonly start: string; readonly end: string } | null;
  readonly joinedAt: Date;
}

export interface TeamView {
  readonly teamId: string;
  readonly name: string;
  readonly plan: string | null;
  readonly subscriptionStatus: string | null;
  readonly memberCount: number;
  /** The asking member's role in the team, when they belong to it. */
  readonly myRole: 'LEADER' | 'STAFF' | null;
  readonly createdAt: Date;
}

export interface TeamMemberView {
  readonly memberId: string;
  readonly displayName: string;
  readonly role: 'LEADER' | 'STAFF';
  readonly joinedAt: Date;
}

/** The organisation's analytics settings; the defaults until an admin changes them. */
export interface OrganisationSettingsView {
  readonly timezone: string;
  readonly minimumGroupSize: number;
  readonly stalledAfterDays: number;
  readonly reflectionWindowHours: number;
  /** When they last changed; null while the defaults hold. */
  readonly updatedAt: Date | null;
  /** When the timezone last changed; null while it is the one the organisation started with. */
  readonly timezoneSince: Date | null;
}

/** An admin's change of the minimum group size: in force from `at` until the next change. */
export interface MinimumGroupSizeChange {
  readonly at: Date;
  readonly minimumGroupSize: number;
}

export interface TenancyReadModel {
  /** Undefined when the organisation has no read-model row (yet). */
  settings(tenantId: string): Promise<OrganisationSettingsView | undefined>;
  /** Every change of the minimum group size, in the order made; empty while the default holds. */
  minimumGroupSizeChanges(tenantId: string): Promise<MinimumGroupSizeChange[]>;
  organisationsOf(subject: string): Promise<OrganisationView[]>;
  members(tenantId: string): Promise<MemberView[]>;
  member(tenantId: string, memberId: string): Promise<MemberView | undefined>;
  teams(tenantId: string, askingMemberId: string, options: { onlyMine: boolean }): Promise<TeamView[]>;
  team(tenantId: string, teamId: string, askingMemberId: string): Promise<TeamView | undefined>;
  teamMembers(tenantId: string, teamId: string): Promise<TeamMemberView[]>;
  /** The teams a member is on. */
  teamIdsOf(tenantId: string, memberId: string): Promise<string[]>;
}

export const TENANCY_READ_MODEL = Symbol('stepwise.tenancy-read-model');
