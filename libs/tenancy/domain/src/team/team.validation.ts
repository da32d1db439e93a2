/** Limits for the fields of team commands. */
import { optionalText, requiredLine } from '@stepwise/kernel';

export const TEAM_NAME_MAX_LENGTH = 100;
export const CANCEL_REASON_MAX_LENGTH = 500;

export const validTeamName = (value: unknown): string => requiredLine('name', value, TEAM_NAME_MAX_LENGTH);
export const validCancelReason = (value: unknown): string | null => optionalText('reason', value, CANCEL_REASON_MAX_LENGTH);
