/** The organisation aggregate: its identity and its members with their org roles and preferences. */
import type { EventSourcedDecider } from '@stepwise/kernel';
import { invalid, oneOf } from '@stepwise/kernel';
import type {
  AddMember,
  ChangeMemberEmail,
  ChangeMemberRole,
  CreateOrganisation,
  OrganisationActor,
  OrganisationCommand,
  RemoveMember,
  UpdateMemberPreferences,
  UpdateOrganisationSettings,
} from './organisation.commands';
import { ORG_ROLES } from './organisation.commands';
import {
  ForbiddenError,
  LastAdminError,
  MemberAlreadyExistsError,
  MemberEmailTakenError,
  MemberIdTakenError,
  MemberNotFoundError,
  OrganisationAlreadyExistsError,
  OrganisationNotFoundError,
} from './organisation.errors';
import { organisationEventSchemaVersions, type MemberJoined, type OrganisationEvent } from './organisation.events';
import type { CreatedOrganisation, OrganisationMember, OrganisationState } from './organisation.state';
import { adminCount, evolveOrganisation, findMemberByEmail, findMemberBySubject, initialOrganisationState, memberById } from './organisation.state';
import {
  validDisplayName,
  validEmail,
  validName,
  validQuietHours,
  validSlug,
  validSubject,
  validTimezone,
} from './organisation.validation';
import { sameSettings, validMinimumGroupSize, validReflectionWindowHours, validStalledAfterDays } from './organisation.settings';

const requireCreated = (state: OrganisationState, organisationId: string): CreatedOrganisation => {
  if (state.status !== 'CREATED') throw new OrganisationNotFoundError(organisationId);
  return state;
};

const requireActorMember = (state: CreatedOrganisation, actor: OrganisationActor): OrganisationMember => {
  const member = findMemberBySubject(state, actor.subject);
  // Removed a moment ago (the request's membership was still kept): no longer a member of it, as the guard says.
  if (!member) throw new OrganisationNotFoundError(state.organisationId);
  return member;
};

const requireAdmin = (state: CreatedOrganisation, actor: OrganisationActor): OrganisationMember => {
  const member = requireActorMember(state, actor);
  if (member.orgRole !== 'ADMIN') throw new ForbiddenError('Only an organisation ADMIN may do this');
  return member;
};

const requireMember = (state: CreatedOrganisation, memberId: string): OrganisationMember => {
  const member = memberById(state, memberId);
  if (!member) throw new MemberNotFoundError(memberId);
  return member;
};

const createOrganisation = ({ data, metadata }: CreateOrganisation, state: OrganisationState): OrganisationEvent[] => {
  const name = validName(data.name);
  const slug = validSlug(data.slug, name);
  const subject = validSubject(metadata.actor.subject);
  const joined = memberJoined(data.organisationId, { ...data.creator, subject, orgRole: 'ADMIN' }, data.creator.memberId, metadata.now);
  if (state.status !== 'NEW') throw new OrganisationAlreadyExistsError(data.organisationId);
  const at = metadata.now.toISOString();
  return [
    { type: 'OrganisationCreated', data: { organisationId: data.organisationId, name, slug, createdBy: data.creator.memberId, at } },
    joined,
  ];
};

const memberJoined = (
  organisationId: string,
  input: Omit<AddMember['data'], 'organisationId'>,
  addedBy: string,
  now: Date,
): MemberJoined => ({
  type: 'MemberJoined',
  data: {
    organisationId,
    memberId: input.memberId,
    subject: validSubject(input.subject),
    displayName: validDisplayName(input.displayName),
    email: validEmail(input.email),
    orgRole: oneOf('orgRole', input.orgRole, ORG_ROLES),
    timezone: validTimezone(input.timezone),
    quietHours: validQuietHours(input.quietHours),
    addedBy,
    at: now.toISOString(),
  },
});

const addMember = ({ data, metadata }: AddMember, state: OrganisationState): OrganisationEvent[] => {
  const organisation = requireCreated(state, data.organisationId);
  const admin = requireAdmin(organisation, metadata.actor);
  const joined = memberJoined(organisation.organisationId, data, admin.memberId, metadata.now);
  if (memberById(organisation, data.memberId) || organisation.formerMemberIds.includes(data.memberId)) {
    throw new MemberIdTakenError(data.memberId);
  }
  if (findMemberBySubject(organisation, joined.data.subject)) throw new MemberAlreadyExistsError(joined.data.subject);
  if (joined.data.email !== null && findMemberByEmail(organisation, joined.data.email)) throw new MemberEmailTakenError();
  return [joined];
};

const changeMemberRole = ({ data, metadata }: ChangeMemberRole, state: OrganisationState): OrganisationEvent[] => {
  const toRole = oneOf('orgRole', data.orgRole, ORG_ROLES);
  const organisation = requireCreated(state, data.organisationId);
  const admin = requireAdmin(organisation, metadata.actor);
  const member = requireMember(organisation, data.memberId);
  if (member.orgRole === toRole) return [];
  if (member.orgRole === 'ADMIN' && adminCount(organisation) === 1) throw new LastAdminError(member.memberId);
  return [
    {
      type: 'MemberRoleChanged',
      data: {
        organisationId: organisation.organisationId,
        memberId: member.memberId,
        fromRole: member.orgRole,
        toRole,
        changedBy: admin.memberId,
        at: metadata.now.toISOString(),
      },
    },
  ];
};

const updateMemberPreferences = ({ data, metadata }: UpdateMemberPreferences, state: OrganisationState): OrganisationEvent[] => {
  const organisation = requireCreated(state, data.organisationId);
  const actor = requireActorMember(organisation, metadata.actor);
  if (actor.memberId !== data.memberId && actor.orgRole !== 'ADMIN') {
    throw new ForbiddenError('Only the member themself or an ADMIN may change these preferences');
  }
  const member = requireMember(organisation, data.memberId);
  // Who may, and whose, before what: someone refused learns nothing of the input.
  if (data.timezone === undefined && data.quietHours === undefined) {
    invalid('input', 'REQUIRED', 'Give a timezone, quiet hours, or both', { oneOf: ['timezone', 'quietHours'] });
  }
  const timezone = data.timezone === undefined ? member.timezone : validTimezone(data.timezone);
  const quietHours = data.quietHours === undefined ? member.quietHours : validQuietHours(data.quietHours);
  const unchanged =
    timezone === member.timezone &&
    quietHours?.start === member.quietHours?.start &&
    quietHours?.end === member.quietHours?.end;
  if (unchanged) return [];
  return [
    {
      type: 'MemberPreferencesUpdated',
      data: {
        organisationId: organisation.organisationId,
        memberId: member.memberId,
        timezone,
        quietHours,
        updatedBy: actor.memberId,
        at: metadata.now.toISOString(),
      },
    },
  ];
};

const changeMemberEmail = ({ data, metadata }: ChangeMemberEmail, state: OrganisationState): OrganisationEvent[] => {
  const organisation = requireCreated(state, data.organisationId);
  const actor = requireActorMember(organisation, metadata.actor);
  if (actor.memberId !== data.memberId && actor.orgRole !== 'ADMIN') {
    throw new ForbiddenError('Only the member themself or an ADMIN may change this email address');
  }
  const member = requireMember(organisation, data.memberId);
  // Where the other updates leave an omitted field as it is, this one has a single field: omitting it asks for nothing.
  if (data.email === undefined) invalid('email', 'REQUIRED', 'Give the new email address, or null to clear it');
  const email = validEmail(data.email);
  if (email === member.email) return [];
  if (email !== null && findMemberByEmail(organisation, email, member.memberId)) throw new MemberEmailTakenError();
  return [
    {
      type: 'MemberEmailChanged',
      data: { organisationId: organisation.organisationId, memberId: member.memberId, email, changedBy: actor.memberId, at: metadata.now.toISOString() },
    },
  ];
};

const removeMember = ({ data, metadata }: RemoveMember, state: OrganisationState): OrganisationEvent[] => {
  const organisation = requireCreated(state, data.organisationId);
  const actor = requireActorMember(organisation, metadata.actor);
  if (actor.memberId !== data.memberId && actor.orgRole !== 'ADMIN') {
    throw new ForbiddenError('Only an ADMIN may remove another member');
  }
  const member = requireMember(organisation, data.memberId);
  if (member.orgRole === 'ADMIN' && adminCount(organisation) === 1) throw new LastAdminError(member.memberId);
  return [
    {
      type: 'MemberLeft',
      data: { organisationId: organisation.organisationId, memberId: member.memberId, removedBy: actor.memberId, at: metadata.now.toISOString() },
    },
  ];
};

const updateOrganisationSettings = ({ data, metadata }: UpdateOrganisationSettings, state: OrganisationState): OrganisationEvent[] => {
  const organisation = requireCreated(state, data.organisationId);
  const admin = requireAdmin(organisation, metadata.actor);
  const given = [data.timezone, data.minimumGroupSize, data.stalledAfterDays, data.reflectionWindowHours];
  if (given.every((value) => value === undefined)) invalid('input', 'REQUIRED', 'Give at least one setting to change', { oneOf: ['timezone', 'minimumGroupSize', 'stalledAfterDays', 'reflectionWindowHours'] });
  const current = organisation.settings;
  const settings = {
    timezone: data.timezone === undefined ? current.timezone : validTimezone(data.timezone),
    minimumGroupSize: data.minimumGroupSize === undefined ? current.minimumGroupSize : validMinimumGroupSize(data.minimumGroupSize),
    stalledAfterDays: data.stalledAfterDays === undefined ? current.stalledAfterDays : validStalledAfterDays(data.stalledAfterDays),
    reflectionWindowHours:
      data.reflectionWindowHours === undefined ? current.reflectionWindowHours : validReflectionWindowHours(data.reflectionWindowHours),
  };
  if (sameSettings(settings, current)) return [];
  return [
    {
      type: 'OrganisationSettingsChanged',
      data: { organisationId: organisation.organisationId, ...settings, changedBy: admin.memberId, at: metadata.now.toISOString() },
    },
  ];
};

export const decideOrganisation = (command: OrganisationCommand, state: OrganisationState): OrganisationEvent[] => {
  switch (command.type) {
    case 'CreateOrganisation':
      return createOrganisation(command, state);
    case 'AddMember':
      return addMember(command, state);
    case 'ChangeMemberRole':
      return changeMemberRole(command, state);
    case 'UpdateMemberPreferences':
      return updateMemberPreferences(command, state);
    case 'ChangeMemberEmail':
      return changeMemberEmail(command, state);
    case 'RemoveMember':
      return removeMember(command, state);
    case 'UpdateOrganisationSettings':
      return updateOrganisationSettings(command, state);
  }
};

export const organisationDecider: EventSourcedDecider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState: initialOrganisationState,
  decide: decideOrganisation,
  evolve: evolveOrganisation,
  eventSchemaVersions: organisationEventSchemaVersions,
};
