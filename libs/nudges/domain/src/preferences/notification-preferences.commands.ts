import type { ChannelPreference } from '../notification-preferences';
import type { NudgeRule } from '../nudge-rules';
import type { NudgesCommandMetadata } from '../settings/member-actor';

export interface NotificationPreferencesCommandMetadata extends NudgesCommandMetadata {
  /** Whether `memberId` names a current member of the organisation (its stream says, on the same attempt). */
  readonly targetIsMember: boolean;
  /** That member's account email on the same attempt (null: none): an EMAIL address equal to it follows the account. */
  readonly accountEmail: string | null;
}

/** A member's own preferences, or anyone's for an admin. Omitted fields stay as they are. */
export interface UpdateNotificationPreferences {
  readonly type: 'UpdateNotificationPreferences';
  readonly data: {
    readonly organisationId: string;
    readonly memberId: string;
    readonly channels?: readonly ChannelPreference[];
    readonly optedOut?: readonly NudgeRule[];
    readonly dailyCap?: number;
  };
  readonly metadata: NotificationPreferencesCommandMetadata;
}

export type NotificationPreferencesCommand = UpdateNotificationPreferences;
