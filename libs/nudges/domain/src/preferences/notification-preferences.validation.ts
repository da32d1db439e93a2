/** Checks of a member's notification preferences; each failure names its field (`channels[1].address`). */
import { integerInRange, invalid, oneOf, optionalText, requiredText } from '@stepwise/kernel';
import { validEmail } from '@stepwise/tenancy-domain';
import { DAILY_CAP_RANGE, MEMBER_CHANNELS, type ChannelPreference, type MemberChannel } from '../notification-preferences';
import { NUDGE_RULES, type NudgeRule } from '../nudge-rules';

export const CHANNEL_ADDRESS_MAX_LENGTH = 254;
/** A Slack member id: U… for users, W… for Enterprise Grid users. */
const SLACK_USER_ID_PATTERN = /^[UW][A-Z0-9]{2,20}$/;

const channelAddress = (field: string, channel: MemberChannel, value: unknown): string | null => {
  switch (channel) {
    case 'EMAIL': {
      // null: the member's account email, following it when it changes. Any other address is kept
      // as account emails are (the domain in lower-case ASCII), so it is compared with them as one.
      // A blank string is no address, and not null either: refused, as an empty optional id is.
      if (typeof value === 'string' && value.trim() === '') return invalid(field, 'REQUIRED', `${field} must be an email address, or null for the account email`);
      const email = optionalText(field, value, CHANNEL_ADDRESS_MAX_LENGTH);
      return email === null ? null : validEmail(email, field);
    }
    case 'SLACK': {
      const userId = requiredText(field, value, CHANNEL_ADDRESS_MAX_LENGTH);
      return SLACK_USER_ID_PATTERN.test(userId) ? userId : invalid(field, 'INVALID_FORMAT', `${field} must be a Slack user id such as U0123ABCD`);
    }
    case 'IN_APP':
    case 'TEAMS':
      return optionalText(field, value, CHANNEL_ADDRESS_MAX_LENGTH) === null
        ? null
        : invalid(field, 'NOT_APPLICABLE', `${channel} takes no address of the member's; send null`);
  }
};

/** Channels in order of preference, each named once; an empty list means in-app only. */
export const validChannels = (value: unknown): ChannelPreference[] => {
  if (!Array.isArray(value)) return invalid('channels', 'REQUIRED', 'channels must be a list');
  const seen = new Set<MemberChannel>();
  return value.map((item: Partial<ChannelPreference> | null, index) => {
    const channel = oneOf(`channels[${index}].channel`, item?.channel, MEMBER_CHANNELS);
    if (seen.has(channel)) invalid(`channels[${index}].channel`, 'DUPLICATE', `${channel} is listed more than once`);
    seen.add(channel);
    return { channel, address: channelAddress(`channels[${index}].address`, channel, item?.address) };
  });
};

export const validOptedOut = (value: unknown): NudgeRule[] => {
  if (!Array.isArray(value)) return invalid('optedOut', 'REQUIRED', 'optedOut must be a list');
  const seen = new Set<NudgeRule>();
  return value.map((item, index) => {
    const rule = oneOf(`optedOut[${index}]`, item, NUDGE_RULES);
    if (seen.has(rule)) invalid(`optedOut[${index}]`, 'DUPLICATE', `${rule} is listed more than once`);
    seen.add(rule);
    return rule;
  });
};

export const validDailyCap = (value: unknown): number => integerInRange('dailyCap', value, DAILY_CAP_RANGE.min, DAILY_CAP_RANGE.max);
