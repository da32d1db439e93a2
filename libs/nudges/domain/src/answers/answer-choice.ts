/**
 * The answer a tap carries, as it arrives from outside (a query string, a form field, a Slack button
 * value): "are we closer?" and, apart from it, "how comfortable am I?". Each part is checked on its
 * own, with the journeys' own values and range.
 */
import { CLOSER_ANSWERS, COMFORT_MAX, COMFORT_MIN, type CloserAnswer } from '@stepwise/journeys-domain';
import { invalid } from '@stepwise/kernel';

export interface AnswerChoice {
  readonly closer: CloserAnswer;
  readonly comfort: number;
}

export const COMFORT_CHOICES: readonly number[] = Array.from({ length: COMFORT_MAX - COMFORT_MIN + 1 }, (_, index) => COMFORT_MIN + index);

export const closerChoice = (value: unknown): CloserAnswer => {
  if (typeof value === 'string' && (CLOSER_ANSWERS as readonly string[]).includes(value)) return value as CloserAnswer;
  return invalid('closer', 'NOT_ALLOWED', `closer must be one of ${CLOSER_ANSWERS.join(', ')}`, { allowed: CLOSER_ANSWERS });
};

/** A whole number from 1 to 5, given as a number or as its decimal digits. */
export const comfortChoice = (value: unknown): number => {
  const comfort = typeof value === 'string' && /^\d$/.test(value) ? Number(value) : value;
  if (typeof comfort === 'number' && COMFORT_CHOICES.includes(comfort)) return comfort;
  return invalid('comfort', 'OUT_OF_RANGE', `comfort must be a whole number from ${COMFORT_MIN} to ${COMFORT_MAX}`, { min: COMFORT_MIN, max: COMFORT_MAX });
};

export const answerChoice = (closer: unknown, comfort: unknown): AnswerChoice => ({ closer: closerChoice(closer), comfort: comfortChoice(comfort) });
