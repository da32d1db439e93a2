/** The documented limits of journey command fields, and the checks that apply them. */
import type { VisionInput } from './journey.commands';
import type { StartedJourney } from './journey.state';
import { ENTITY_ID_MAX_LENGTH, invalid, isoDate, isoDateTime, requiredText, textList } from '@stepwise/kernel';

export const TITLE_MAX_LENGTH = 200;
export const STATEMENT_MAX_LENGTH = 4000;
export const EXPECTATIONS_MAX = 20;
export const SUCCESS_SIGNALS_MAX = 20;
/** Each expectation and success signal. */
export const VISION_ITEM_MAX_LENGTH = 500;
export const DIRECTION_MAX_LENGTH = 1000;
export const REASON_MAX_LENGTH = 2000;
export const NOTE_MAX_LENGTH = 2000;
export const NEED_MAX_LENGTH = 2000;
export const MESSAGE_MAX_LENGTH = 2000;
export const COMMITMENT_DESCRIPTION_MAX_LENGTH = 1000;
export const SUMMARY_MAX_LENGTH = 4000;
export const COMFORT_MIN = 1;
export const COMFORT_MAX = 5;
export const PIVOT_REFLECTIONS_MAX = 50;
export const ID_MAX_LENGTH = ENTITY_ID_MAX_LENGTH;

/** UTC-12 (Baker Island): where today lasts longest. */
const LATEST_UTC_OFFSET_MS = 12 * 60 * 60 * 1000;

export interface ValidVision {
  statement: string;
  expectations: string[];
  successSignals: string[];
}

export const validVision = (input: VisionInput): ValidVision => ({
  statement: requiredText('statement', input.statement, STATEMENT_MAX_LENGTH),
  expectations: textList('expectations', input.expectations, EXPECTATIONS_MAX, VISION_ITEM_MAX_LENGTH),
  successSignals: textList('successSignals', input.successSignals, SUCCESS_SIGNALS_MAX, VISION_ITEM_MAX_LENGTH),
});

/** An id supplied by the caller for a new entity: a non-blank string of at most 100 characters. */
export const validId = (field: string, value: unknown): string => {
  if (typeof value !== 'string' || value.trim() !== value) return invalid(field, 'INVALID_ID', `${field} must be an id`);
  return requiredText(field, value, ID_MAX_LENGTH);
};

/**
 * A due date (YYYY-MM-DD) that is not already past. The member's timezone is unknown here, so a
 * date is accepted if it is today anywhere on Earth: no earlier than today at UTC-12, the last
 * place a day ends (yesterday in UTC until noon UTC, then today in UTC).
 */
export const validDueOn = (field: string, value: unknown, now: Date): string => {
  const dueOn = isoDate(field, value);
  const earliest = new Date(now.getTime() - LATEST_UTC_OFFSET_MS).toISOString().slice(0, 10);
  if (dueOn < earliest) return invalid(field, 'IN_THE_PAST', `${field} must not be in the past`, { earliest });
  return dueOn;
};

/**
 * How far ahead of the server's clock a client's may run: a `takenAt` of "now" read from it is
 * recorded as now, not refused (the same allowance a token's times get).
 */
export const TAKEN_AT_CLOCK_SKEW_MS = 5_000;

/** When a step was taken: defaults to now; never later than now (up to the clock skew, taken as now). */
export const validTakenAt = (value: unknown, now: Date): string => {
  if (value === undefined || value === null) return now.toISOString();
  const takenAt = isoDateTime('takenAt', value);
  if (takenAt.getTime() > now.getTime() + TAKEN_AT_CLOCK_SKEW_MS) {
    return invalid('takenAt', 'IN_THE_FUTURE', 'takenAt must not be in the future', { latest: now.toISOString() });
  }
  return (takenAt.getTime() > now.getTime() ? now : takenAt).toISOString();
};

/**
 * A step is taken while its journey was under way: not before it began, not before it had a vision
 * (no step is planned without one), and not inside a pause (no step is taken while paused). A step
 * recorded late may precede its planning, though.
 */
export const requireTakenWhileUnderWay = (takenAt: string, journey: Pick<StartedJourney, 'startedAt' | 'visionSince' | 'pauses'>): void => {
  const at = new Date(takenAt).getTime();
  if (at < new Date(journey.startedAt).getTime()) {
    invalid('takenAt', 'BEFORE_JOURNEY_STARTED', 'takenAt must not be before the journey began', { earliest: journey.startedAt });
  }
  if (journey.visionSince !== null && at < new Date(journey.visionSince).getTime()) {
    invalid('takenAt', 'BEFORE_VISION', 'takenAt must not be before the journey had a vision', { earliest: journey.visionSince });
  }
  const pause = journey.pauses.find((each) => at >= new Date(each.from).getTime() && (each.to === null || at < new Date(each.to).getTime()));
  if (pause) {
    invalid('takenAt', 'WHILE_PAUSED', 'takenAt must not fall while the journey was paused', { pausedAt: pause.from, resumedAt: pause.to });
  }
};

/** Reflection ids a pivot links to: distinct, at most PIVOT_REFLECTIONS_MAX. */
export const validReflectionIds = (value: unknown): string[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return invalid('reflectionIds', 'REQUIRED', 'reflectionIds must be a list');
  if (value.length > PIVOT_REFLECTIONS_MAX) {
    return invalid('reflectionIds', 'TOO_MANY', `reflectionIds takes at most ${PIVOT_REFLECTIONS_MAX} items`, { max: PIVOT_REFLECTIONS_MAX });
  }
  const ids = value.map((id, index) => validId(`reflectionIds[${index}]`, id));
  if (new Set(ids).size !== ids.length) return invalid('reflectionIds', 'DUPLICATE', 'reflectionIds lists a reflection twice');
  return ids;
};

/**
 * A direction as a reader sees it: one Unicode form (NFC: "é" as one character or as "e" and an
 * accent alike), invisible format characters (a zero-width space, a soft hyphen) and others that
 * show nothing (a Hangul filler, a variation selector) dropped, every run of spaces one space,
 * trimmed, lower case. Nothing else is folded: "10²" and "102" read differently.
 */
const directionAsRead = (direction: string): string =>
  direction
    .normalize('NFC')
    .replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '')
    .replace(/[\s\p{Z}]+/gu, ' ')
    .trim()
    .toLocaleLowerCase('en');

/** Directions that read the same are the same: "Weekly check-ins" is "weekly  check-\u200bins ". */
export const sameDirection = (a: string, b: string): boolean => directionAsRead(a) === directionAsRead(b);
