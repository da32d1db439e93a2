import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DAILY_CAP_RANGE } from '@stepwise/nudges-domain';
import { MutationOutcome } from '../graphql/mutation-outcome';
import { MutationInput } from '../tenancy/tenancy.inputs';
import { MemberChannelEnum, NudgeRuleEnum } from './nudges.enums';

@ObjectType('ChannelPreference', { description: 'A channel a member is reached on, with their address there.' })
export class ChannelPreferenceModel {
  @Field(() => MemberChannelEnum, { description: 'The channel.' })
  channel!: MemberChannelEnum;

  @Field(() => String, {
    nullable: true,
    description:
      'The member’s Slack user id (SLACK), or the email address they chose (EMAIL) when it is not their account email; null for IN_APP and TEAMS, and for EMAIL at the account email, which then follows it when it changes.',
  })
  address!: string | null;
}

@ObjectType('NotificationPreferences', {
  description: 'How a member wants to be nudged, on top of their timezone and quiet hours. Seen by the member themself and by admins.',
})
export class NotificationPreferencesModel {
  @Field(() => ID, { description: 'The member (a Member id).' })
  memberId!: string;

  @Field(() => [ChannelPreferenceModel], { description: 'Channels in order of preference: the first reachable one is used. Empty means in-app only.' })
  channels!: ChannelPreferenceModel[];

  @Field(() => [NudgeRuleEnum], { description: 'Rules the member receives no nudges under.' })
  optedOut!: NudgeRuleEnum[];

  @Field(() => Int, { description: `At most this many nudges are delivered to the member per local day (${DAILY_CAP_RANGE.min}-${DAILY_CAP_RANGE.max}; 3 by default).` })
  dailyCap!: number;

  @Field(() => Date, { nullable: true, description: 'When they last changed; null while the defaults hold.' })
  updatedAt!: Date | null;
}

@InputType({ description: 'A channel to be reached on, with the address it needs.' })
export class ChannelPreferenceInput {
  @Field(() => MemberChannelEnum, { description: 'The channel; each at most once in the list.' })
  channel!: MemberChannelEnum;

  @Field(() => String, {
    nullable: true,
    description:
      'EMAIL: an email address, or null for your account email (an address equal to it is the same): that one follows the account email when it changes, any other stays as given; SLACK: a Slack user id such as U0123ABCD; IN_APP and TEAMS: null. Otherwise VALIDATION_FAILED naming channels[i].address.',
  })
  address?: string | null;
}

@InputType({ description: 'A member’s notification preferences to change; omitted fields stay as they are.' })
export class UpdateNotificationPreferencesInput extends MutationInput {
  @Field(() => ID, { description: 'The member (a Member id): yourself, or anyone if you are an ADMIN.' })
  memberId!: string;

  @Field(() => [ChannelPreferenceInput], { nullable: true, description: 'The channels in order of preference (replaces the list; empty means in-app only).' })
  channels?: ChannelPreferenceInput[] | null;

  @Field(() => [NudgeRuleEnum], { nullable: true, description: 'The rules to receive no nudges under (replaces the list; empty opts back in to all).' })
  optedOut?: NudgeRuleEnum[] | null;

  @Field(() => Int, { nullable: true, description: `Nudges per local day at most, ${DAILY_CAP_RANGE.min} to ${DAILY_CAP_RANGE.max}.` })
  dailyCap?: number | null;
}

@ObjectType({ description: 'The result of updateNotificationPreferences.' })
export class NotificationPreferencesPayload {
  @Field(() => ID, { description: 'The member the preferences belong to.' })
  memberId!: string;

  @Field(() => NotificationPreferencesModel, {
    nullable: true,
    description: 'The preferences after the change (as the read models show them; see outcome.projected). Null if you may no longer read them (a replay after your role changed: the member themself or an ADMIN reads them).',
  })
  preferences!: NotificationPreferencesModel | null;

  @Field(() => MutationOutcome, { description: 'Where the change was recorded.' })
  outcome!: MutationOutcome;
}
