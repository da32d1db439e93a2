/**
 * What each rule's timings and thresholds may be set to. A rule without a delay (or a threshold)
 * keeps `null` there and refuses a number; one with a delay refuses `null`. The ranges are the
 * values the policy can honour sensibly, not merely what fits in a column.
 */
import type { NudgeRule } from '../nudge-rules';

export interface Range {
  readonly min: number;
  readonly max: number;
}

export interface NudgeRuleLimits {
  /** Minutes; `null` when the rule has no delay. */
  readonly delayMinutes: Range | null;
  readonly threshold: Range | null;
}

const HOUR = 60;
const DAY = 24 * HOUR;
/** A time of day, as minutes after local midnight. */
const TIME_OF_DAY: Range = { min: 0, max: DAY - 1 };

export const NUDGE_RULE_LIMITS: { readonly [Rule in NudgeRule]: NudgeRuleLimits } = {
  REFLECT: { delayMinutes: { min: 0, max: 30 * DAY }, threshold: null },
  NEXT_STEP: { delayMinutes: { min: 0, max: 30 * DAY }, threshold: null },
  /** Consecutive NO reflections. */
  CONSIDER_PIVOT: { delayMinutes: null, threshold: { min: 1, max: 10 } },
  /** Comfort at most this (comfort is 1–5; 5 would nudge on every reflection). */
  SUPPORT_LOW_COMFORT: { delayMinutes: { min: 0, max: 7 * DAY }, threshold: { min: 1, max: 4 } },
  SUPPORT_WAITING: { delayMinutes: { min: 0, max: 14 * DAY }, threshold: null },
  STALLED_JOURNEY: { delayMinutes: { min: DAY, max: 365 * DAY }, threshold: null },
  VISION_REVISED: { delayMinutes: { min: 0, max: 7 * DAY }, threshold: null },
  COMMITMENT_DUE: { delayMinutes: TIME_OF_DAY, threshold: null },
  COMMITMENT_OVERDUE: { delayMinutes: TIME_OF_DAY, threshold: null },
  WEEKLY_DIGEST: { delayMinutes: null, threshold: null },
};
