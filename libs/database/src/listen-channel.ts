import { ValidationError } from '@stepwise/kernel';

// LISTEN takes an identifier, not a parameter, so channel names are restricted instead of quoted.
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export const assertChannel = (channel: string): string => {
  if (!CHANNEL.test(channel)) throw new ValidationError(`Invalid notification channel: ${channel}`, { field: 'channel' });
  return channel;
};
