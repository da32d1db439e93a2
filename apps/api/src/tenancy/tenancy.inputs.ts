import { Field, ID, InputType } from '@nestjs/graphql';
import {
  CANCEL_REASON_MAX_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  ORGANISATION_NAME_MAX_LENGTH,
  SLUG_MAX_LENGTH,
  SUBJECT_MAX_LENGTH,
  TEAM_NAME_MAX_LENGTH,
} from '@stepwise/tenancy-domain';
import { OrgRoleEnum, PlanEnum, SubscriptionStatusEnum, TeamRoleEnum } from '../graphql/enums';

const TIMEZONE =
  'IANA timezone name (e.g. Europe/London) that nudges and quiet hours follow; a name without a region ("GB") or an old link ("US/Pacific") is stored as the zone it stands for; an unknown name, or an abbreviation that is no IANA name ("PST", "IST"), fails with VALIDATION_FAILED.';

const EMAIL =
  'Stored trimmed, with its domain in lower-case ASCII (an internationalised domain in its IDNA form: Ben@Bücher.DE is stored as Ben@xn--bcher-kva.de); the mailbox keeps its case. An address another current member has, in any case, fails with MEMBER_EMAIL_TAKEN naming email.';

@InputType({ description: 'A daily window, in the member’s timezone, when nudges wait. A start later than the end spans midnight.' })
export class QuietHoursInput {
  @Field({ description: 'Local time (HH:MM, 24-hour, e.g. 22:00) the window starts.' })
  start!: string;

  @Field({ description: 'Local time (HH:MM, 24-hour, e.g. 07:00) the window ends.' })
  end!: string;
}

@InputType({ isAbstract: true })
export abstract class MutationInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Your idempotency key for this mutation: 1 to 100 letters, digits, ".", "_", ":" or "-", scoped to you and the organisation the request is for (creating one: to you). Sending ' +
      'the same mutation with the same input and key again applies it once and answers with the first result ' +
      '(`outcome.replayed: true`); the key with another mutation or other input fails with IDEMPOTENCY_KEY_REUSED. Omit ' +
      'it to apply every request.',
  })
  clientMutationId?: string | null;
}

@InputType({ description: 'A new organisation, with you as its first ADMIN.' })
export class CreateOrganisationInput extends MutationInput {
  @Field({ description: `The organisation’s name, up to ${ORGANISATION_NAME_MAX_LENGTH} characters.` })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: `URL-safe short name: lower-case letters, digits and inner hyphens, up to ${SLUG_MAX_LENGTH} characters. Derived from the name when omitted.`,
  })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: `Your name in the organisation, up to ${DISPLAY_NAME_MAX_LENGTH} characters; defaults to your token’s name, else its subject.` })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: `Your timezone; UTC when omitted. ${TIMEZONE}` })
  timezone?: string | null;
}

@InputType({ description: 'A person to add to the organisation, known by their identity token’s subject.' })
export class AddMemberInput extends MutationInput {
  @Field({ description: `The subject (sub claim) of the person’s identity token, up to ${SUBJECT_MAX_LENGTH} characters. A current member’s subject fails with MEMBER_ALREADY_EXISTS.` })
  subject!: string;

  @Field({ description: `The name shown to others, up to ${DISPLAY_NAME_MAX_LENGTH} characters.` })
  displayName!: string;

  @Field(() => String, { nullable: true, description: `Email address for nudges by email, up to ${EMAIL_MAX_LENGTH} characters. ${EMAIL}` })
  email?: string | null;

  @Field(() => OrgRoleEnum, { defaultValue: OrgRoleEnum.MEMBER, description: 'The new member’s organisation role.' })
  orgRole!: OrgRoleEnum;

  @Field(() => String, { nullable: true, description: `The member’s timezone; UTC when omitted. ${TIMEZONE}` })
  timezone?: string | null;

  @Field(() => QuietHoursInput, { nullable: true, description: 'When nudges wait; none when omitted.' })
  quietHours?: QuietHoursInput | null;
}

@InputType({ description: 'A new organisation role for a member.' })
export class ChangeMemberRoleInput extends MutationInput {
  @Field(() => ID, { description: 'The member (a Member id).' })
  memberId!: string;

  @Field(() => OrgRoleEnum, { description: 'The role to give; demoting the last ADMIN fails with LAST_ADMIN.' })
  orgRole!: OrgRoleEnum;
}

@InputType({ description: 'A member’s nudge preferences. Omitted fields stay as they are.' })
export class UpdateMemberPreferencesInput extends MutationInput {
  @Field(() => ID, { description: 'The member (a Member id): yourself, or anyone if you are an ADMIN.' })
  memberId!: string;

  @Field(() => String, { nullable: true, description: `The new timezone; omitted or null leaves it. ${TIMEZONE}` })
  timezone?: string | null;

  @Field(() => QuietHoursInput, { nullable: true, description: 'The new quiet hours; an explicit null clears them, omitting the field leaves them.' })
  quietHours?: QuietHoursInput | null;
}

@InputType({ description: 'A member’s new email address.' })
export class ChangeMemberEmailInput extends MutationInput {
  @Field(() => ID, { description: 'The member (a Member id): yourself, or anyone if you are an ADMIN.' })
  memberId!: string;

  @Field(() => String, { nullable: true, description: `The new email address, up to ${EMAIL_MAX_LENGTH} characters; null clears it (required: left out, VALIDATION_FAILED with reason REQUIRED). Not an email address: VALIDATION_FAILED naming email. ${EMAIL}` })
  email?: string | null;
}

@InputType({ description: 'A member to remove from the organisation (and from its teams).' })
export class RemoveMemberInput extends MutationInput {
  @Field(() => ID, { description: 'The member (a Member id): anyone if you are an ADMIN, or yourself to leave. The last ADMIN cannot leave (LAST_ADMIN).' })
  memberId!: string;
}

@InputType({ description: 'A new team; it is read-only until subscribed.' })
export class CreateTeamInput extends MutationInput {
  @Field({ description: `The team’s name, up to ${TEAM_NAME_MAX_LENGTH} characters.` })
  name!: string;
}

@InputType({ description: 'A team’s first subscription.' })
export class SubscribeTeamInput extends MutationInput {
  @Field(() => ID, { description: 'The team (a Team id).' })
  teamId!: string;

  @Field(() => PlanEnum, { description: 'The plan, which sets the seat limit.' })
  plan!: PlanEnum;

  @Field(() => SubscriptionStatusEnum, { defaultValue: SubscriptionStatusEnum.TRIALING, description: 'TRIALING or ACTIVE; anything else fails with VALIDATION_FAILED.' })
  status!: SubscriptionStatusEnum;
}

@InputType({ description: 'A change to a team’s subscription. Omitted fields stay as they are.' })
export class ChangeSubscriptionInput extends MutationInput {
  @Field(() => ID, { description: 'The team (a Team id).' })
  teamId!: string;

  @Field(() => PlanEnum, { nullable: true, description: 'The new plan; a plan with fewer seats than the team’s members fails with SEAT_LIMIT_REACHED.' })
  plan?: PlanEnum | null;

  @Field(() => SubscriptionStatusEnum, { nullable: true, description: 'TRIALING, ACTIVE or PAST_DUE; cancel with cancelSubscription instead.' })
  status?: SubscriptionStatusEnum | null;
}

@InputType({ description: 'A subscription to cancel: the team becomes read-only.' })
export class CancelSubscriptionInput extends MutationInput {
  @Field(() => ID, { description: 'The team (a Team id).' })
  teamId!: string;

  @Field(() => String, { nullable: true, description: `Why, up to ${CANCEL_REASON_MAX_LENGTH} characters.` })
  reason?: string | null;
}

@InputType({ description: 'A member on a team.' })
export class TeamMemberInput extends MutationInput {
  @Field(() => ID, { description: 'The team (a Team id).' })
  teamId!: string;

  @Field(() => ID, { description: 'The member (a Member id of this organisation).' })
  memberId!: string;
}

@InputType({ description: 'A member on a team, with their role there.' })
export class TeamMemberRoleInput extends TeamMemberInput {
  @Field(() => TeamRoleEnum, { description: 'The member’s role on the team.' })
  role!: TeamRoleEnum;
}
