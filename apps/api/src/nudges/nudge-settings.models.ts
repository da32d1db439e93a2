import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { MutationOutcome } from '../graphql/mutation-outcome';
import { MutationInput } from '../tenancy/tenancy.inputs';
import { NudgeRuleEnum } from './nudges.enums';

@ObjectType('IntRange', { description: 'The whole numbers a setting accepts, inclusive.' })
export class IntRangeModel {
  @Field(() => Int, { description: 'The smallest value accepted.' })
  min!: number;

  @Field(() => Int, { description: 'The largest value accepted.' })
  max!: number;
}

@ObjectType('NudgeRuleSetting', { description: 'One rule as the organisation has set it, with the values each of its fields accepts.' })
export class NudgeRuleSettingModel {
  @Field(() => NudgeRuleEnum, { description: 'The rule.' })
  rule!: NudgeRuleEnum;

  @Field({ description: 'Whether nudges under this rule are sent at all.' })
  enabled!: boolean;

  @Field(() => Int, { nullable: true, description: 'Minutes after the triggering fact (or after local midnight, for the commitment rules) before the nudge is owed; null for a rule without a delay.' })
  delayMinutes!: number | null;

  @Field(() => Int, { nullable: true, description: 'The rule’s count or level (consecutive NOs, comfort at most); null for a rule without one.' })
  threshold!: number | null;

  @Field(() => IntRangeModel, { nullable: true, description: 'What delayMinutes accepts; null when the rule has no delay.' })
  delayMinutesRange!: IntRangeModel | null;

  @Field(() => IntRangeModel, { nullable: true, description: 'What threshold accepts; null when the rule has no threshold.' })
  thresholdRange!: IntRangeModel | null;
}

@ObjectType('NudgeSettings', { description: 'The organisation’s nudge rules: each on or off, with its timing and threshold.' })
export class NudgeSettingsModel {
  @Field(() => [NudgeRuleSettingModel], { description: 'Every rule, always all of them (the defaults where an admin changed nothing).' })
  rules!: NudgeRuleSettingModel[];

  @Field(() => Date, { nullable: true, description: 'When an admin last changed them; null while the defaults hold.' })
  updatedAt!: Date | null;
}

@InputType({ description: 'A change to one rule; omitted fields stay as they are.' })
export class NudgeRuleSettingInput {
  @Field(() => NudgeRuleEnum, { description: 'The rule to change; each rule at most once per update.' })
  rule!: NudgeRuleEnum;

  @Field(() => Boolean, { nullable: true, description: 'Turn the rule on or off; omitted leaves it.' })
  enabled?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Minutes, within the rule’s delayMinutesRange; omitted leaves it. A rule without a delay accepts only null; out of range: VALIDATION_FAILED naming rules.<RULE>.delayMinutes.',
  })
  delayMinutes?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Within the rule’s thresholdRange; omitted leaves it. A rule without a threshold accepts only null; out of range: VALIDATION_FAILED naming rules.<RULE>.threshold.',
  })
  threshold?: number | null;
}

@InputType({ description: 'Rules to change; the rules not named stay as they are. Any bad value refuses the whole change.' })
export class UpdateNudgeSettingsInput extends MutationInput {
  @Field(() => [NudgeRuleSettingInput], { description: 'At least one rule, each named once.' })
  rules!: NudgeRuleSettingInput[];
}

@ObjectType({ description: 'The result of updateNudgeSettings.' })
export class NudgeSettingsPayload {
  @Field(() => NudgeSettingsModel, { description: 'The settings after the change (as the read models show them; see outcome.projected).' })
  settings!: NudgeSettingsModel;

  @Field(() => MutationOutcome, { description: 'Where the change was recorded.' })
  outcome!: MutationOutcome;
}
