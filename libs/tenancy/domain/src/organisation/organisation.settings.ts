/** How an organisation's analytics read its history: where its weeks start and what counts as stalled. */
import { invalid } from '@stepwise/kernel';

export interface OrganisationSettings {
  /** IANA timezone; analytics weeks start Monday 00:00 here. */
  readonly timezone: string;
  /** Fewer distinct people than this in a cell above one team, or in a breakdown by person, and the cell is suppressed. */
  readonly minimumGroupSize: number;
  /** An active journey with no step taken for this many days counts as stalled. */
  readonly stalledAfterDays: number;
  /** A reflection within this many hours of its step's `takenAt` counts for loop discipline. */
  readonly reflectionWindowHours: number;
}

export const DEFAULT_ORGANISATION_SETTINGS: OrganisationSettings = {
  timezone: 'UTC',
  minimumGroupSize: 3,
  stalledAfterDays: 14,
  reflectionWindowHours: 72,
};

export const MINIMUM_GROUP_SIZE_RANGE = { min: 2, max: 50 } as const;
export const STALLED_AFTER_DAYS_RANGE = { min: 1, max: 365 } as const;
export const REFLECTION_WINDOW_HOURS_RANGE = { min: 1, max: 24 * 30 } as const;

const wholeNumberIn = (field: string, value: unknown, range: { readonly min: number; readonly max: number }): number => {
  if (typeof value !== 'number' || !Number.isInteger(value)) return invalid(field, 'INVALID_FORMAT', `${field} must be a whole number`);
  if (value < range.min || value > range.max) return invalid(field, 'OUT_OF_RANGE', `${field} must be between ${range.min} and ${range.max}`);
  return value;
};

export const validMinimumGroupSize = (value: unknown): number => wholeNumberIn('minimumGroupSize', value, MINIMUM_GROUP_SIZE_RANGE);
export const validStalledAfterDays = (value: unknown): number => wholeNumberIn('stalledAfterDays', value, STALLED_AFTER_DAYS_RANGE);
export const validReflectionWindowHours = (value: unknown): number => wholeNumberIn('reflectionWindowHours', value, REFLECTION_WINDOW_HOURS_RANGE);

export const sameSettings = (a: OrganisationSettings, b: OrganisationSettings): boolean =>
  a.timezone === b.timezone &&
  a.minimumGroupSize === b.minimumGroupSize &&
  a.stalledAfterDays === b.stalledAfterDays &&
  a.reflectionWindowHours === b.reflectionWindowHours;
