/** A member's notification preferences, folded from their `notification-preferences-<memberId>` stream. */
import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationPreferences } from '../notification-preferences';
import type { NotificationPreferencesChanged } from '../nudge-preferences.events';

export interface NotificationPreferencesState {
  readonly preferences: NotificationPreferences;
}

export const initialNotificationPreferencesState = (): NotificationPreferencesState => ({ preferences: DEFAULT_NOTIFICATION_PREFERENCES });

export const evolveNotificationPreferences = (_state: NotificationPreferencesState, event: NotificationPreferencesChanged): NotificationPreferencesState => {
  const { channels, optedOut, dailyCap } = event.data;
  return { preferences: { channels, optedOut, dailyCap } };
};
