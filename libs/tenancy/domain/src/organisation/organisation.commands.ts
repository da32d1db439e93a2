import type { QuietHours } from './organisation.validation';

export type OrgRole = 'ADMIN' | 'MEMBER';
export const ORG_ROLES: readonly OrgRole[] = ['ADMIN', 'MEMBER'];

/** Who sends the command: the verified JWT `sub`. The decider finds their membership itself. */
export interface OrganisationActor {
  readonly subject: string;
}

export interface OrganisationCommandMetadata {
  readonly now: Date;
  readonly actor: OrganisationActor;
}

type Command<Type extends string, Data> = { readonly type: Type; readonly data: Data; readonly metadata: OrganisationCommandMetadata };

/** The person's profile as stored on their membership. */
export interface MemberProfile {
  readonly memberId: string;
  readonly displayName: string;
  readonly email?: string | null;
  readonly timezone: string;
  readonly quietHours?: QuietHours | null;
}

/** The actor creates the organisation and becomes its first ADMIN with `creator.memberId`. */
export type CreateOrganisation = Command<
  'CreateOrganisation',
  { readonly organisationId: string; readonly name: string; readonly slug?: string | null; readonly creator: MemberProfile }
>;

export type AddMember = Command<
  'AddMember',
  MemberProfile & { readonly organisationId: string; readonly subject: string; readonly orgRole: OrgRole }
>;

export type ChangeMemberRole = Command<
  'ChangeMemberRole',
  { readonly organisationId: string; readonly memberId: string; readonly orgRole: OrgRole }
>;

/** Omitted fields stay as they are; `quietHours: null` clears the quiet hours. */
export type UpdateMemberPreferences = Command<
  'UpdateMemberPreferences',
  { readonly organisationId: string; readonly memberId: string; readonly timezone?: string; readonly quietHours?: QuietHours | null }
>;

/** A member's own email address, or anyone's for an admin; `email: null` clears it, and leaving it out is refused, never read as clearing it. */
export type ChangeMemberEmail = Command<'ChangeMemberEmail', { readonly organisationId: string; readonly memberId: string; readonly email?: string | null }>;

/** An admin removes a member, or a member leaves. */
export type RemoveMember = Command<'RemoveMember', { readonly organisationId: string; readonly memberId: string }>;

/** An admin changes the organisation's settings; omitted fields stay as they are. */
export type UpdateOrganisationSettings = Command<
  'UpdateOrganisationSettings',
  {
    readonly organisationId: string;
    readonly timezone?: string;
    readonly minimumGroupSize?: number;
    readonly stalledAfterDays?: number;
    readonly reflectionWindowHours?: number;
  }
>;

export type OrganisationCommand =
  | CreateOrganisation
  | AddMember
  | ChangeMemberRole
  | UpdateMemberPreferences
  | ChangeMemberEmail
  | RemoveMember
  | UpdateOrganisationSettings;
