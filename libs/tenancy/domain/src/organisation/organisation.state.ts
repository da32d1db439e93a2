/** Organisation state, derived only by folding its events. */
import type { OrgRole } from './organisation.commands';
import type { OrganisationEvent } from './organisation.events';
import { sameEmail, type QuietHours } from './organisation.validation';
import { DEFAULT_ORGANISATION_SETTINGS, type OrganisationSettings } from './organisation.settings';

export interface OrganisationMember {
  readonly memberId: string;
  readonly subject: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly orgRole: OrgRole;
  readonly timezone: string;
  readonly quietHours: QuietHours | null;
}

export type OrganisationState =
  | { readonly status: 'NEW' }
  | {
      readonly status: 'CREATED';
      readonly organisationId: string;
      readonly name: string;
      readonly slug: string;
      /** Current members by member id. */
      readonly members: Readonly<Record<string, OrganisationMember>>;
      /** Ids of members who left; never handed out again. */
      readonly formerMemberIds: readonly string[];
      /**
       * The ids members who left had, by their sign-in subject: someone added again gets a new id
       * but is the same person, and what they did under an old id is theirs.
       */
      readonly formerMemberIdsBySubject: Readonly<Record<string, readonly string[]>>;
      readonly settings: OrganisationSettings;
    };

export type CreatedOrganisation = Extract<OrganisationState, { status: 'CREATED' }>;

export const initialOrganisationState = (): OrganisationState => ({ status: 'NEW' });

/** A current member by id, ignoring inherited keys such as "constructor". */
export const memberById = (state: CreatedOrganisation, memberId: string): OrganisationMember | undefined =>
  Object.hasOwn(state.members, memberId) ? state.members[memberId] : undefined;

/** The ids a person (sign-in subject) had as members who left, oldest first; none for someone who never left. */
export const formerMemberIdsOf = (state: CreatedOrganisation, subject: string): readonly string[] =>
  Object.hasOwn(state.formerMemberIdsBySubject, subject) ? state.formerMemberIdsBySubject[subject] : [];

export const findMemberBySubject = (state: CreatedOrganisation, subject: string): OrganisationMember | undefined =>
  Object.values(state.members).find((member) => member.subject === subject);

/** A current member other than `exceptMemberId` with this email address, compared without regard to case. */
export const findMemberByEmail = (state: CreatedOrganisation, email: string, exceptMemberId?: string): OrganisationMember | undefined =>
  Object.values(state.members).find((member) => member.memberId !== exceptMemberId && sameEmail(member.email, email));

export const adminCount = (state: CreatedOrganisation): number =>
  Object.values(state.members).filter((member) => member.orgRole === 'ADMIN').length;

const updateMember = (state: OrganisationState, memberId: string, change: Partial<OrganisationMember>): OrganisationState => {
  if (state.status !== 'CREATED' || !memberById(state, memberId)) return state;
  return { ...state, members: { ...state.members, [memberId]: { ...state.members[memberId], ...change } } };
};

export const evolveOrganisation = (state: OrganisationState, event: OrganisationEvent): OrganisationState => {
  switch (event.type) {
    case 'OrganisationCreated': {
      const { organisationId, name, slug } = event.data;
      return { status: 'CREATED', organisationId, name, slug, members: {}, formerMemberIds: [], formerMemberIdsBySubject: {}, settings: DEFAULT_ORGANISATION_SETTINGS };
    }
    case 'MemberJoined': {
      if (state.status !== 'CREATED') return state;
      const { memberId, subject, displayName, email, orgRole, timezone, quietHours } = event.data;
      const member: OrganisationMember = { memberId, subject, displayName, email, orgRole, timezone, quietHours };
      return { ...state, members: { ...state.members, [memberId]: member } };
    }
    case 'MemberRoleChanged':
      return updateMember(state, event.data.memberId, { orgRole: event.data.toRole });
    case 'MemberPreferencesUpdated':
      return updateMember(state, event.data.memberId, { timezone: event.data.timezone, quietHours: event.data.quietHours });
    case 'MemberEmailChanged':
      return updateMember(state, event.data.memberId, { email: event.data.email });
    case 'MemberLeft': {
      if (state.status !== 'CREATED') return state;
      const { memberId } = event.data;
      const left = memberById(state, memberId);
      const { [memberId]: _left, ...members } = state.members;
      const formerMemberIdsBySubject = left
        ? { ...state.formerMemberIdsBySubject, [left.subject]: [...formerMemberIdsOf(state, left.subject), memberId] }
        : state.formerMemberIdsBySubject;
      return { ...state, members, formerMemberIds: [...state.formerMemberIds, memberId], formerMemberIdsBySubject };
    }
    case 'OrganisationSettingsChanged': {
      if (state.status !== 'CREATED') return state;
      const { timezone, minimumGroupSize, stalledAfterDays, reflectionWindowHours } = event.data;
      return { ...state, settings: { timezone, minimumGroupSize, stalledAfterDays, reflectionWindowHours } };
    }
  }
};
