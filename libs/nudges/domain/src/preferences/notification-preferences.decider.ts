/** A member's notification preferences: where nudges reach them, which rules they opted out of, a daily cap. */
import type { EventSourcedDecider } from '@stepwise/kernel';
import { invalid } from '@stepwise/kernel';
import { ForbiddenError, MemberNotFoundError } from '@stepwise/tenancy-domain';
import type { NotificationPreferences } from '../notification-preferences';
import { nudgePreferencesEventSchemaVersions, type NotificationPreferencesChanged } from '../nudge-preferences.events';
import type { NotificationPreferencesCommand, UpdateNotificationPreferences } from './notification-preferences.commands';
import { evolveNotificationPreferences, initialNotificationPreferencesState, type NotificationPreferencesState } from './notification-preferences.state';
import { validChannels, validDailyCap, validOptedOut } from './notification-preferences.validation';
import { followingAccountEmail } from './email-channel.account';

const samePreferences = (a: NotificationPreferences, b: NotificationPreferences): boolean =>
  a.dailyCap === b.dailyCap &&
  a.channels.length === b.channels.length &&
  a.channels.every((channel, index) => channel.channel === b.channels[index].channel && channel.address === b.channels[index].address) &&
  a.optedOut.length === b.optedOut.length &&
  a.optedOut.every((rule) => b.optedOut.includes(rule));

const updateNotificationPreferences = ({ data, metadata }: UpdateNotificationPreferences, state: NotificationPreferencesState): NotificationPreferencesChanged[] => {
  const { actor } = metadata;
  if (actor.memberId !== data.memberId && actor.orgRole !== 'ADMIN') {
    throw new ForbiddenError('Only the member themself or an ADMIN may change these preferences');
  }
  if (!metadata.targetIsMember) throw new MemberNotFoundError(data.memberId);
  if (data.channels === undefined && data.optedOut === undefined && data.dailyCap === undefined) {
    invalid('input', 'REQUIRED', 'Give channels, optedOut, dailyCap, or any of them', { oneOf: ['channels', 'optedOut', 'dailyCap'] });
  }
  const current = state.preferences;
  const preferences: NotificationPreferences = {
    // Carried channels too: an address stored before this rule, equal to the account email, starts following it.
    channels: followingAccountEmail(data.channels === undefined ? current.channels : validChannels(data.channels), metadata.accountEmail),
    optedOut: data.optedOut === undefined ? current.optedOut : validOptedOut(data.optedOut),
    dailyCap: data.dailyCap === undefined ? current.dailyCap : validDailyCap(data.dailyCap),
  };
  if (samePreferences(preferences, current)) return [];
  return [
    {
      type: 'NotificationPreferencesChanged',
      data: {
        organisationId: data.organisationId,
        memberId: data.memberId,
        channels: [...preferences.channels],
        optedOut: [...preferences.optedOut],
        dailyCap: preferences.dailyCap,
        changedBy: actor.memberId,
        at: metadata.now.toISOString(),
      },
    },
  ];
};

export const notificationPreferencesDecider: EventSourcedDecider<NotificationPreferencesCommand, NotificationPreferencesChanged, NotificationPreferencesState> = {
  initialState: initialNotificationPreferencesState,
  decide: (command, state) => updateNotificationPreferences(command, state),
  evolve: evolveNotificationPreferences,
  eventSchemaVersions: { NotificationPreferencesChanged: nudgePreferencesEventSchemaVersions.NotificationPreferencesChanged },
};
