/** Member reachability a test sets by hand: every member is reachable in-app with a generous cap unless the test says otherwise. */
import type { MemberReach, MemberReachability } from '@stepwise/nudges-infrastructure';

export const reachableMember = (overrides: Partial<MemberReach> = {}): MemberReach => ({
  active: true,
  displayName: null,
  email: null,
  timezone: 'UTC',
  quietHours: null,
  channels: [{ channel: 'IN_APP', address: null }],
  optedOut: [],
  dailyCap: 50,
  ...overrides,
});

export class StaticMemberReachability implements MemberReachability {
  readonly members = new Map<string, MemberReach>();

  constructor(private readonly fallback: MemberReach | undefined = reachableMember()) {}

  set(tenantId: string, memberId: string, reach: MemberReach): void {
    this.members.set(`${tenantId}/${memberId}`, reach);
  }

  async reachabilityOf(tenantId: string, memberId: string): Promise<MemberReach | undefined> {
    return this.members.get(`${tenantId}/${memberId}`) ?? this.fallback;
  }
}
