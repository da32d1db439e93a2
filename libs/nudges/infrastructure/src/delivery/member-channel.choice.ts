/**
 * Where a nudge reaches its member: the first channel of their preferences that can reach them now
 * (a sender is configured and, where it needs one, an address is known), else in-app, which always
 * can (the nudge is in their list in the app whatever happens).
 */
import type { MemberChannel } from '@stepwise/nudges-domain';
import type { MemberReach } from './delivery.ports';

export interface ChosenChannel {
  readonly channel: MemberChannel;
  /** The address the sender gets; null for in-app. */
  readonly address: string | null;
}

export const IN_APP: ChosenChannel = { channel: 'IN_APP', address: null };

export const chooseMemberChannel = (member: MemberReach, reachable: ReadonlySet<MemberChannel>): ChosenChannel => {
  for (const preference of member.channels) {
    if (preference.channel === 'IN_APP') return IN_APP;
    if (!reachable.has(preference.channel)) continue;
    const address = preference.address ?? (preference.channel === 'EMAIL' ? member.email : null);
    if (address) return { channel: preference.channel, address };
  }
  return IN_APP;
};
