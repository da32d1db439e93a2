/**
 * Checks of a nudge settings change. A failure names the field as `rules.<RULE>.<field>` (or
 * `rules[<index>].rule` when the rule itself is wrong), so a client can point at the input.
 */
import { invalid, oneOf } from '@stepwise/kernel';
import { NUDGE_RULES, type NudgeRule, type NudgeRuleSetting, type NudgeSettings } from '../nudge-rules';
import type { NudgeRuleChange } from './nudge-settings.commands';
import { NUDGE_RULE_LIMITS, type Range } from './nudge-settings.limits';

const wholeNumberIn = (field: string, value: unknown, range: Range): number => {
  if (typeof value !== 'number' || !Number.isInteger(value)) return invalid(field, 'INVALID_FORMAT', `${field} must be a whole number`);
  if (value < range.min || value > range.max) {
    return invalid(field, 'OUT_OF_RANGE', `${field} must be between ${range.min} and ${range.max}`, { min: range.min, max: range.max });
  }
  return value;
};

/** A delay or threshold: `undefined` keeps the current value; `null` only where the rule has none. */
const limitedValue = (field: string, value: unknown, range: Range | null, current: number | null): number | null => {
  if (value === undefined) return current;
  if (range === null) {
    return value === null ? null : invalid(field, 'NOT_APPLICABLE', `${field} does not apply to this rule; leave it out or send null`);
  }
  if (value === null) return invalid(field, 'REQUIRED', `${field} is required for this rule`);
  return wholeNumberIn(field, value, range);
};

const ruleSetting = (rule: NudgeRule, change: NudgeRuleChange, current: NudgeRuleSetting): NudgeRuleSetting => {
  const limits = NUDGE_RULE_LIMITS[rule];
  const { enabled } = change;
  if (enabled !== undefined && typeof enabled !== 'boolean') return invalid(`rules.${rule}.enabled`, 'INVALID_FORMAT', `rules.${rule}.enabled must be true or false`);
  return {
    enabled: enabled ?? current.enabled,
    delayMinutes: limitedValue(`rules.${rule}.delayMinutes`, change.delayMinutes, limits.delayMinutes, current.delayMinutes),
    threshold: limitedValue(`rules.${rule}.threshold`, change.threshold, limits.threshold, current.threshold),
  };
};

/** The rules after the changes, each rule named once; refuses an empty or malformed change. */
export const mergedNudgeSettings = (current: NudgeSettings, changes: unknown): NudgeSettings => {
  if (!Array.isArray(changes) || changes.length === 0) return invalid('rules', 'REQUIRED', 'Give at least one rule to change');
  const seen = new Set<NudgeRule>();
  const merged: Record<string, NudgeRuleSetting> = { ...current };
  changes.forEach((change: NudgeRuleChange, index) => {
    const rule = oneOf(`rules[${index}].rule`, change?.rule, NUDGE_RULES);
    if (seen.has(rule)) invalid(`rules[${index}].rule`, 'DUPLICATE', `${rule} is named more than once`);
    seen.add(rule);
    // A rule named with nothing to change about it is a mistake to say, not a change to skip.
    if (change.enabled === undefined && change.delayMinutes === undefined && change.threshold === undefined) {
      invalid(`rules[${index}]`, 'REQUIRED', `Give enabled, delayMinutes or threshold to change for ${rule}`, { oneOf: ['enabled', 'delayMinutes', 'threshold'] });
    }
    merged[rule] = ruleSetting(rule, change, current[rule]);
  });
  return merged as NudgeSettings;
};

export const sameRuleSettings = (a: NudgeSettings, b: NudgeSettings): boolean =>
  NUDGE_RULES.every(
    (rule) => a[rule].enabled === b[rule].enabled && a[rule].delayMinutes === b[rule].delayMinutes && a[rule].threshold === b[rule].threshold,
  );
