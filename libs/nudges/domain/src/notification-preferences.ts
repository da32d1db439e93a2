/**
 * A member's notification preferences, on top of the timezone and quiet hours the organisation
 * already keeps for them: where nudges reach them, in order of preference, which rules they opted
 * out of, and how many nudges a day at most.
 */
import type { NudgeRule } from './nudge-rules';

/** Channels a member can be reached on. In-app needs no address and is where every nudge can be read. */
export const MEMBER_CHANNELS = ['IN_APP', 'EMAIL', 'SLACK', 'TEAMS'] as const;
export type MemberChannel = (typeof MEMBER_CHANNELS)[number];

export interface ChannelPreference {
  readonly channel: MemberChannel;
  /**
   * The member's address on that channel (email address, Slack user id); `null` for in-app and
   * team-wide channels, and for EMAIL: the member's account email, whatever it is when a nudge goes
   * out (see email-channel.account).
   */
  readonly address: string | null;
}

export interface NotificationPreferences {
  /** First reachable wins; an empty list means in-app only. */
  readonly channels: readonly ChannelPreference[];
  readonly optedOut: readonly NudgeRule[];
  /** At most this many nudges delivered per local day (1–50). */
  readonly dailyCap: number;
}

export const DEFAULT_DAILY_CAP = 3;
export const DAILY_CAP_RANGE = { min: 1, max: 50 } as const;

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  channels: [{ channel: 'IN_APP', address: null }],
  optedOut: [],
  dailyCap: DEFAULT_DAILY_CAP,
};
