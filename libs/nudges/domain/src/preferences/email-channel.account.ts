/**
 * "My email" follows the account: an EMAIL channel whose address is the member's account email is
 * kept as `null` (the account email, read when each nudge goes out), so when the account email
 * changes, queued and later email nudges go to the new one. An address the member chose that differs
 * from their account email is kept as given.
 */
import { sameEmail } from '@stepwise/tenancy-domain';
import type { ChannelPreference } from '../notification-preferences';

export const followingAccountEmail = (channels: readonly ChannelPreference[], accountEmail: string | null): ChannelPreference[] =>
  channels.map((preference) => (preference.channel === 'EMAIL' && sameEmail(preference.address, accountEmail) ? { channel: 'EMAIL', address: null } : preference));
