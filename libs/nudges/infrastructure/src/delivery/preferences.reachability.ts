/**
 * A member as delivery reaches them: who they are to the nudge policy (still in the organisation,
 * timezone, quiet hours, opt-outs, daily cap, from its own documents, which know every member the
 * policy owes a nudge to), and where they want nudges (their channels in order, with addresses, and
 * their own email, from the read tables). A member the read tables do not show yet (their runner is
 * behind) is reached with the policy's defaults, in-app, rather than not at all.
 */
import type { MemberReachability as PreferencesReadModel } from '@stepwise/nudges-application/read';
import type { MemberReach, MemberReachability } from './delivery.ports';

export class PreferencesMemberReachability implements MemberReachability {
  constructor(
    private readonly policy: MemberReachability,
    private readonly preferences: PreferencesReadModel,
  ) {}

  async reachabilityOf(tenantId: string, memberId: string): Promise<MemberReach | undefined> {
    const [member, preferences] = await Promise.all([this.policy.reachabilityOf(tenantId, memberId), this.preferences.member(tenantId, memberId)]);
    if (!member) return undefined;
    if (!preferences) return member;
    return { ...member, displayName: preferences.displayName, email: preferences.email, channels: preferences.channels };
  }
}
