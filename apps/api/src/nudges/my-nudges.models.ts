import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MEMBER_CHANNELS, SUPPRESSION_REASONS } from '@stepwise/nudges-domain';
import { MEMBER_NUDGE_STATES } from '@stepwise/nudges-infrastructure';
import { Connection } from '../graphql/connection';
import { InPlaceMutationOutcome } from '../graphql/mutation-outcome';
import { MutationInput } from '../tenancy/tenancy.inputs';
import { NudgeRuleEnum } from './nudges.enums';

const enumOf = <T extends string>(values: readonly T[]): { [K in T]: K } => Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const NudgeStateEnum = enumOf(MEMBER_NUDGE_STATES);
export const SuppressionReasonEnum = enumOf(SUPPRESSION_REASONS);
export const NudgeChannelEnum = enumOf(MEMBER_CHANNELS);

registerEnumType(NudgeStateEnum, {
  name: 'NudgeState',
  description: 'Where a nudge stands for its member.',
  valuesMap: {
    SCHEDULED: {
      description:
        'Owed and waiting for its time (quiet hours and timezone respected), or being delivered. Whether it still applies is decided when it comes due: one whose reason has gone by then (the reflection arrived, the journey ended) turns SUPPRESSED and is never sent.',
    },
    DELIVERED: { description: 'Delivered on `channel`; in-app it is here.' },
    SUPPRESSED: { description: 'Not delivered, for `suppressedReason`.' },
    DEAD: { description: 'Its channel failed for good or every attempt failed; an admin may replay it. Still readable here.' },
    DISMISSED: { description: 'You dismissed it (one dismissed before its time is not delivered; one dismissed while it was being sent shows `deliveredAt`).' },
  },
});
registerEnumType(SuppressionReasonEnum, {
  name: 'NudgeSuppressionReason',
  description: 'Why a nudge was not delivered.',
  valuesMap: {
    NO_LONGER_RELEVANT: { description: 'What it was about no longer calls for it (or it was dismissed before its time).' },
    JOURNEY_ENDED: { description: 'The journey was completed or abandoned.' },
    MEMBER_LEFT: { description: 'The member left the organisation, or the team the nudge is about.' },
    OPTED_OUT: { description: 'The member opted out of this rule.' },
    RULE_DISABLED: { description: 'The organisation turned this rule off.' },
    DAILY_CAP_REACHED: { description: 'The member had their most nudges for the day (in their timezone).' },
    STALE: { description: 'Its time passed long ago.' },
    SUBSCRIPTION_INACTIVE: { description: 'The team’s subscription is past due, cancelled or missing: its journeys are read-only, so nothing is asked of them.' },
  },
});
registerEnumType(NudgeChannelEnum, {
  name: 'NudgeChannel',
  description: 'Where a nudge reached its member.',
  valuesMap: {
    IN_APP: { description: 'In the app (this list).' },
    EMAIL: { description: 'By email.' },
    SLACK: { description: 'As a Slack message.' },
    TEAMS: { description: 'In Microsoft Teams.' },
  },
});

@ObjectType('Nudge', { description: 'A short coaching message to you: owed under a rule, delivered on a channel, always readable here.' })
export class NudgeModel {
  @Field(() => ID, { description: 'The nudge’s id.' })
  id!: string;

  @Field(() => NudgeRuleEnum, { description: 'The rule it was owed under.' })
  rule!: NudgeRuleEnum;

  @Field({ description: 'A short headline.' })
  title!: string;

  @Field({ description: 'The whole message as plain text.' })
  text!: string;

  @Field(() => NudgeStateEnum, { description: 'Where it stands.' })
  state!: keyof typeof NudgeStateEnum;

  @Field(() => SuppressionReasonEnum, { nullable: true, description: 'Why it was not delivered: set while SUPPRESSED, and kept when you dismiss it after (DISMISSED); null otherwise.' })
  suppressedReason!: keyof typeof SuppressionReasonEnum | null;

  @Field(() => NudgeChannelEnum, { nullable: true, description: 'The channel it reached you on (or failed on); null before it went out.' })
  channel!: keyof typeof NudgeChannelEnum | null;

  @Field(() => ID, { nullable: true, description: 'The journey it is about, if any.' })
  journeyId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The team it is about, if any.' })
  teamId!: string | null;

  @Field({ description: 'When it is (or was) due, after your quiet hours.' })
  dueAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was delivered; null if it was not.' })
  deliveredAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When you dismissed it; null if you did not.' })
  dismissedAt!: Date | null;

  @Field({ description: 'When it was owed.' })
  createdAt!: Date;
}

export const NudgeConnection = Connection(NudgeModel, 'Nudge');

@InputType({ description: 'The nudge to dismiss.' })
export class DismissNudgeInput extends MutationInput {
  @Field(() => ID, { description: 'One of your nudges (a Nudge id); anyone else’s fails with NUDGE_NOT_FOUND.' })
  nudgeId!: string;
}

@ObjectType({ description: 'The dismissed nudge.' })
export class DismissNudgePayload {
  @Field(() => NudgeModel, { description: 'The nudge, now DISMISSED.' })
  nudge!: NudgeModel;

  @Field(() => InPlaceMutationOutcome, { description: 'Whether this was a retry of a dismissal already applied.' })
  outcome!: InPlaceMutationOutcome;
}
