import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { MutationOutcome } from '../graphql/mutation-outcome';
import { OrgRoleEnum, PlanEnum, SubscriptionStatusEnum, TeamRoleEnum } from '../graphql/enums';
import { NodeInterface } from '../node/node.interface';
import type { ReadAfterWrite } from '../graphql/read-after-write';

@ObjectType('QuietHours', {
  description: 'A daily window, in the member’s timezone, when no nudge is delivered (nudges wait until it ends). A start later than the end spans midnight.',
})
export class QuietHoursModel {
  @Field({ description: 'Local time (HH:MM, 24-hour) the window starts.' })
  start!: string;

  @Field({ description: 'Local time (HH:MM, 24-hour) the window ends.' })
  end!: string;
}

@ObjectType('Organisation', { description: 'The tenant: every team, member and journey belongs to exactly one organisation. Seen here through your membership of it.' })
export class OrganisationModel {
  @Field(() => ID, { description: 'The organisation’s id (a UUID): send it in the `x-organisation-id` header to act in it.' })
  id!: string;

  @Field({ description: 'The organisation’s name (up to 100 characters).' })
  name!: string;

  @Field({ description: 'URL-safe short name: lower-case letters, digits and inner hyphens, up to 63 characters.' })
  slug!: string;

  @Field(() => ID, { description: 'Your member id in this organisation.' })
  myMemberId!: string;

  @Field(() => OrgRoleEnum, { description: 'Your role in this organisation.' })
  myRole!: OrgRoleEnum;
}

@ObjectType('Member', {
  description: 'A person in an organisation. Every member of the organisation can see every current member.',
  implements: () => [NodeInterface],
})
export class MemberModel implements NodeInterface {
  @Field(() => ID, { description: 'The member’s id (a UUID) in this organisation; the same person has another id in another organisation. Refetch with `node(id:)`.' })
  id!: string;

  @Field({ description: 'The name shown to others (up to 100 characters).' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'Email address, for nudges by email; null when none was given.' })
  email!: string | null;

  @Field(() => OrgRoleEnum, { description: 'The member’s role in the organisation.' })
  orgRole!: OrgRoleEnum;

  @Field({ description: 'IANA timezone name (e.g. Europe/London) that nudges and quiet hours follow.' })
  timezone!: string;

  @Field(() => QuietHoursModel, { nullable: true, description: 'When nudges wait; null when they may come at any time.' })
  quietHours!: QuietHoursModel | null;

  @Field({ description: 'When the member joined the organisation.' })
  joinedAt!: Date;
}

@ObjectType('TeamMember', { description: 'A member’s place on a team.' })
export class TeamMemberModel {
  @Field(() => ID, { description: 'The member (a Member id).' })
  memberId!: string;

  @Field({ description: 'The member’s display name.' })
  displayName!: string;

  @Field(() => TeamRoleEnum, { description: 'The member’s role on this team.' })
  role!: TeamRoleEnum;

  @Field({ description: 'When the member joined the team.' })
  joinedAt!: Date;
}

@ObjectType('Team', {
  description:
    'A group inside an organisation, and the unit of subscription (plan, seats, status). Admins see every team; other members ' +
    'see the teams they belong to.',
  implements: () => [NodeInterface],
})
export class TeamModel implements NodeInterface {
  @Field(() => ID, { description: 'The team’s id (a UUID). Refetch with `team(id:)` or `node(id:)`.' })
  id!: string;

  @Field({ description: 'The team’s name (up to 100 characters).' })
  name!: string;

  @Field(() => PlanEnum, { nullable: true, description: 'The subscribed plan; null until the team is first subscribed.' })
  plan!: PlanEnum | null;

  @Field(() => SubscriptionStatusEnum, { nullable: true, description: 'The subscription’s status; null until the team is first subscribed (the team is read-only until then).' })
  subscriptionStatus!: SubscriptionStatusEnum | null;

  @Field(() => Int, { nullable: true, description: 'Seats the plan allows (members on the team); null when the plan is UNLIMITED or the team was never subscribed. A cancelled team keeps its last plan’s limit, the one a new subscription on that plan would have.' })
  seatLimit!: number | null;

  @Field(() => Int, { description: 'Members on the team now (each takes a seat).' })
  memberCount!: number;

  @Field(() => TeamRoleEnum, { nullable: true, description: 'Your role on the team; null when you are not on it (an admin looking in).' })
  myRole!: TeamRoleEnum | null;

  @Field({ description: 'When the team was created.' })
  createdAt!: Date;
}

@ObjectType({ description: 'What `createOrganisation` answers.' })
export class OrganisationPayload {
  @Field(() => ID, { description: 'The new organisation’s id: the `x-organisation-id` of your requests to it, known even before the read models show it.' })
  organisationId!: string;

  @Field(() => OrganisationModel, { nullable: true, description: 'The new organisation as you now see it; null only if the read models had not caught up in time (see `outcome.projected`). Null too, with an error on this field alone (such as DATABASE_UNAVAILABLE), if it could not be read after the write.' })
  organisation!: ReadAfterWrite<OrganisationModel | null>;

  @Field(() => MutationOutcome, { description: 'What the write did to the organisation’s stream.' })
  outcome!: MutationOutcome;
}

@ObjectType({ description: 'What a member mutation answers: the member as they now read, and the write’s outcome.' })
export class MemberPayload {
  @Field(() => ID, { description: 'The member the mutation was about (for addMember, the new member’s id).' })
  memberId!: string;

  @Field(() => MemberModel, { nullable: true, description: 'The member as they now read; null when they have left (removeMember) or the read models had not caught up in time. Null too, with an error on this field alone (such as DATABASE_UNAVAILABLE), if it could not be read after the write.' })
  member!: ReadAfterWrite<MemberModel | null>;

  @Field(() => MutationOutcome, { description: 'What the write did to the organisation’s stream.' })
  outcome!: MutationOutcome;
}

@ObjectType({ description: 'What a team mutation answers: the team as it now reads, and the write’s outcome.' })
export class TeamPayload {
  @Field(() => ID, { description: 'The team the mutation was about (for createTeam, the new team’s id).' })
  teamId!: string;

  @Field(() => TeamModel, { nullable: true, description: 'The team as you now see it; null if the read models had not caught up in time (see `outcome.projected`), or if you may no longer see it (a replay after your role changed: admins see every team, others the teams they are on). Null too, with an error on this field alone (such as DATABASE_UNAVAILABLE), if it could not be read after the write.' })
  team!: ReadAfterWrite<TeamModel | null>;

  @Field(() => MutationOutcome, { description: 'What the write did to the team’s stream.' })
  outcome!: MutationOutcome;
}
