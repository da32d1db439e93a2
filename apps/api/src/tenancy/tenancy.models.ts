import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { MutationOutcome } from '../graphql/mutation-outcome';
import { OrgRoleEnum, PlanEnum, SubscriptionStatusEnum, TeamRoleEnum } from '../graphql/enums';

@ObjectType('QuietHours', { description: 'Local times (HH:MM) in the member timezone when no nudge is delivered.' })
export class QuietHoursModel {
  @Field()
  start!: string;

  @Field()
  end!: string;
}

@ObjectType('Organisation')
export class OrganisationModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  slug!: string;

  @Field(() => ID, { description: 'Your member id in this organisation.' })
  myMemberId!: string;

  @Field(() => OrgRoleEnum)
  myRole!: OrgRoleEnum;
}

@ObjectType('Member')
export class MemberModel {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => OrgRoleEnum)
  orgRole!: OrgRoleEnum;

  @Field()
  timezone!: string;

  @Field(() => QuietHoursModel, { nullable: true })
  quietHours!: QuietHoursModel | null;

  @Field()
  joinedAt!: Date;
}

@ObjectType('TeamMember')
export class TeamMemberModel {
  @Field(() => ID)
  memberId!: string;

  @Field()
  displayName!: string;

  @Field(() => TeamRoleEnum)
  role!: TeamRoleEnum;

  @Field()
  joinedAt!: Date;
}

@ObjectType('Team')
export class TeamModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => PlanEnum, { nullable: true })
  plan!: PlanEnum | null;

  @Field(() => SubscriptionStatusEnum, { nullable: true })
  subscriptionStatus!: SubscriptionStatusEnum | null;

  @Field(() => Int, { nullable: true, description: 'Seats the plan allows; null when unlimited or unsubscribed.' })
  seatLimit!: number | null;

  @Field(() => Int)
  memberCount!: number;

  @Field(() => TeamRoleEnum, { nullable: true, description: 'Your role in the team, if you belong to it.' })
  myRole!: TeamRoleEnum | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class OrganisationPayload {
  @Field(() => OrganisationModel, { nullable: true, description: 'Null only if the read models had not caught up in time.' })
  organisation!: OrganisationModel | null;

  @Field(() => MutationOutcome)
  outcome!: MutationOutcome;
}

@ObjectType()
export class MemberPayload {
  @Field(() => ID)
  memberId!: string;

  @Field(() => MemberModel, { nullable: true, description: 'Null when the member has left (or the read models had not caught up).' })
  member!: MemberModel | null;

  @Field(() => MutationOutcome)
  outcome!: MutationOutcome;
}

@ObjectType()
export class TeamPayload {
  @Field(() => ID)
  teamId!: string;

  @Field(() => TeamModel, { nullable: true, description: 'Null only if the read models had not caught up in time.' })
  team!: TeamModel | null;

  @Field(() => MutationOutcome)
  outcome!: MutationOutcome;
}
