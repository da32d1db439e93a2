/** How the nudge engine learns where and when a member can be reached, from the read tables. */
import type { ChannelPreference, NudgeRule } from '@stepwise/nudges-domain';

export interface MemberReach {
  readonly memberId: string;
  /** The name they go by in the organisation (whom a personal nudge posted in a team's channel is for). */
  readonly displayName: string;
  /** False once the member has left the organisation: nothing more is delivered to them. */
  readonly active: boolean;
  /** The member's own email address (their profile), apart from any EMAIL channel address. */
  readonly email: string | null;
  readonly timezone: string;
  readonly quietHours: { readonly start: string; readonly end: string } | null;
  /** In order of preference; the defaults (in-app) where the member never set any. */
  readonly channels: readonly ChannelPreference[];
  readonly optedOut: readonly NudgeRule[];
  readonly dailyCap: number;
}

export interface MemberReachability {
  /** Undefined for an id that never named a member of the tenant. */
  member(tenantId: string, memberId: string): Promise<MemberReach | undefined>;
  /** The members among `memberIds` the tenant knows, in no particular order. */
  members(tenantId: string, memberIds: readonly string[]): Promise<MemberReach[]>;
}

export const MEMBER_REACHABILITY = Symbol('stepwise.member-reachability');
