import type { NudgeRule, NudgeRuleSetting } from '../nudge-rules';
import type { NudgesCommandMetadata } from './member-actor';

/** A change to one rule: omitted fields stay as they are. */
export interface NudgeRuleChange {
  readonly rule: NudgeRule;
  readonly enabled?: boolean;
  readonly delayMinutes?: NudgeRuleSetting['delayMinutes'];
  readonly threshold?: NudgeRuleSetting['threshold'];
}

/** An admin changes some rules; the rules not named, and the fields not given, stay as they are. */
export interface UpdateNudgeSettings {
  readonly type: 'UpdateNudgeSettings';
  readonly data: { readonly organisationId: string; readonly rules: readonly NudgeRuleChange[] };
  readonly metadata: NudgesCommandMetadata;
}

export type NudgeSettingsCommand = UpdateNudgeSettings;
