import { Field, ID, InputType } from '@nestjs/graphql';
import { OrgRoleEnum, PlanEnum, SubscriptionStatusEnum, TeamRoleEnum } from '../graphql/enums';

@InputType()
export class QuietHoursInput {
  @Field({ description: 'HH:MM' })
  start!: string;

  @Field({ description: 'HH:MM' })
  end!: string;
}

@InputType({ isAbstract: true })
export abstract class MutationInput {
  @Field(() => String, { nullable: true, description: 'Your id for this mutation: sending it again applies it once.' })
  clientMutationId?: string | null;
}

@InputType()
export class CreateOrganisationInput extends MutationInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Derived from the name when omitted.' })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'Your name in the organisation; defaults to the token name or subject.' })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA timezone, default UTC.' })
  timezone?: string | null;
}

@InputType()
export class AddMemberInput extends MutationInput {
  @Field({ description: 'The subject (sub claim) of the person’s identity token.' })
  subject!: string;

  @Field()
  displayName!: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => OrgRoleEnum, { defaultValue: OrgRoleEnum.MEMBER })
  orgRole!: OrgRoleEnum;

  @Field(() => String, { nullable: true, description: 'IANA timezone, default UTC.' })
  timezone?: string | null;

  @Field(() => QuietHoursInput, { nullable: true })
  quietHours?: QuietHoursInput | null;
}

@InputType()
export class ChangeMemberRoleInput extends MutationInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => OrgRoleEnum)
  orgRole!: OrgRoleEnum;
}

@InputType()
export class UpdateMemberPreferencesInput extends MutationInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => String, { nullable: true })
  timezone?: string | null;

  @Field(() => QuietHoursInput, { nullable: true, description: 'Explicit null clears the quiet hours; omitted leaves them.' })
  quietHours?: QuietHoursInput | null;
}

@InputType()
export class RemoveMemberInput extends MutationInput {
  @Field(() => ID)
  memberId!: string;
}

@InputType()
export class CreateTeamInput extends MutationInput {
  @Field()
  name!: string;
}

@InputType()
export class SubscribeTeamInput extends MutationInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => PlanEnum)
  plan!: PlanEnum;

  @Field(() => SubscriptionStatusEnum, { defaultValue: SubscriptionStatusEnum.TRIALING, description: 'TRIALING or ACTIVE.' })
  status!: SubscriptionStatusEnum;
}

@InputType()
export class ChangeSubscriptionInput extends MutationInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => PlanEnum, { nullable: true })
  plan?: PlanEnum | null;

  @Field(() => SubscriptionStatusEnum, { nullable: true, description: 'TRIALING, ACTIVE or PAST_DUE (cancel with cancelSubscription).' })
  status?: SubscriptionStatusEnum | null;
}

@InputType()
export class CancelSubscriptionInput extends MutationInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@InputType()
export class TeamMemberInput extends MutationInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => ID)
  memberId!: string;
}

@InputType()
export class TeamMemberRoleInput extends TeamMemberInput {
  @Field(() => TeamRoleEnum)
  role!: TeamRoleEnum;
}
