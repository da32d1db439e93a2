import { deciderSpec } from '@stepwise/kernel/testing';
import type { AddMember, ChangeMemberRole, CreateOrganisation, RemoveMember, UpdateMemberPreferences } from './organisation.commands';
import { organisationDecider } from './organisation.decider';
import { organisationStreamId } from './organisation.events';
import { ADA, AT, BEN, CAL, ORG_ID, acmeWithAdaAndBen, as, memberJoined, organisationCreated } from '../testing/organisation.fixtures';

const given = deciderSpec(organisationDecider);

const createOrganisation = (data: Partial<CreateOrganisation['data']> = {}): CreateOrganisation => ({
  type: 'CreateOrganisation',
  data: {
    organisationId: ORG_ID,
    name: 'Acme Schools',
    creator: { memberId: ADA.memberId, displayName: 'ada', timezone: 'Europe/London' },
    ...data,
  },
  metadata: as(ADA),
});

const addMember = (data: Partial<AddMember['data']> = {}, actor: { subject: string } = ADA): AddMember => ({
  type: 'AddMember',
  data: {
    organisationId: ORG_ID,
    memberId: CAL.memberId,
    subject: CAL.subject,
    displayName: 'cal',
    orgRole: 'MEMBER',
    timezone: 'Europe/London',
    ...data,
  },
  metadata: as(actor),
});

const changeRole = (memberId: string, orgRole: 'ADMIN' | 'MEMBER', actor: { subject: string } = ADA): ChangeMemberRole => ({
  type: 'ChangeMemberRole',
  data: { organisationId: ORG_ID, memberId, orgRole },
  metadata: as(actor),
});

const updatePreferences = (
  data: Omit<UpdateMemberPreferences['data'], 'organisationId'>,
  actor: { subject: string },
): UpdateMemberPreferences => ({ type: 'UpdateMemberPreferences', data: { organisationId: ORG_ID, ...data }, metadata: as(actor) });

const removeMember = (memberId: string, actor: { subject: string } = ADA): RemoveMember => ({
  type: 'RemoveMember',
  data: { organisationId: ORG_ID, memberId },
  metadata: as(actor),
});

describe('organisation stream id', () => {
  it('is organisation-<id>', () => expect(organisationStreamId('o-9')).toBe('organisation-o-9'));
});

describe('CreateOrganisation', () => {
  it('creates the organisation with a slug derived from the name, and the creator joins as ADMIN', () => {
    given([]).when(createOrganisation()).then([organisationCreated(), memberJoined(ADA, { displayName: 'ada', orgRole: 'ADMIN' })]);
  });

  it('keeps a given slug, email and quiet hours (trimmed)', () => {
    const creator = {
      memberId: ADA.memberId,
      displayName: '  Ada Lovelace ',
      email: 'ada@example.org',
      timezone: 'America/New_York',
      quietHours: { start: '22:00', end: '07:00' },
    };
    given([])
      .when(createOrganisation({ name: ' Acme ', slug: 'acme-1', creator }))
      .then([
        { type: 'OrganisationCreated', data: { organisationId: ORG_ID, name: 'Acme', slug: 'acme-1', createdBy: ADA.memberId, at: AT } },
        memberJoined(ADA, {
          displayName: 'Ada Lovelace',
          email: 'ada@example.org',
          orgRole: 'ADMIN',
          timezone: 'America/New_York',
          quietHours: { start: '22:00', end: '07:00' },
        }),
      ]);
  });

  it('derives a slug without accents or punctuation', () => {
    given([])
      .when(createOrganisation({ name: 'École Saint-Éloi & Co.' }))
      .then([
        { type: 'OrganisationCreated', data: { organisationId: ORG_ID, name: 'École Saint-Éloi & Co.', slug: 'ecole-saint-eloi-co', createdBy: ADA.memberId, at: AT } },
        memberJoined(ADA, { displayName: 'ada', orgRole: 'ADMIN' }),
      ]);
  });

  it.each([
    ['Ærø Skole – Ünïcode', 'aero-skole-unicode'],
    ['Straße Œuvre Łódź', 'strasse-oeuvre-lodz'],
    ['Þórsmörk Ðiðrik', 'thorsmork-didrik'],
  ])('spells out in a derived slug the letters that carry no accent to drop: %s', (name, slug) => {
    given([])
      .when(createOrganisation({ name }))
      .then([{ type: 'OrganisationCreated', data: { organisationId: ORG_ID, name, slug, createdBy: ADA.memberId, at: AT } }, memberJoined(ADA, { displayName: 'ada', orgRole: 'ADMIN' })]);
  });

  it('refuses to create it twice: ORGANISATION_ALREADY_EXISTS', () => {
    given(acmeWithAdaAndBen()).when(createOrganisation()).thenThrows('ORGANISATION_ALREADY_EXISTS');
  });

  it.each([
    ['a blank name', { name: '   ' }, 'name'],
    ['a name over 100 characters', { name: 'x'.repeat(101) }, 'name'],
    ['a slug with capitals', { slug: 'Acme' }, 'slug'],
    ['a name with nothing to derive a slug from', { name: '日本' }, 'slug'],
    ['an unknown timezone', { creator: { memberId: ADA.memberId, displayName: 'ada', timezone: 'Mars/Olympus' } }, 'timezone'],
    ['an invalid email', { creator: { memberId: ADA.memberId, displayName: 'ada', timezone: 'UTC', email: 'ada-at-example' } }, 'email'],
    ['quiet hours not HH:MM', { creator: { memberId: ADA.memberId, displayName: 'ada', timezone: 'UTC', quietHours: { start: '7:00', end: '22:00' } } }, 'quietHours.start'],
    ['quiet hours past 23:59', { creator: { memberId: ADA.memberId, displayName: 'ada', timezone: 'UTC', quietHours: { start: '07:00', end: '24:00' } } }, 'quietHours.end'],
    ['an empty quiet window', { creator: { memberId: ADA.memberId, displayName: 'ada', timezone: 'UTC', quietHours: { start: '07:00', end: '07:00' } } }, 'quietHours'],
    ['a blank display name', { creator: { memberId: ADA.memberId, displayName: ' ', timezone: 'UTC' } }, 'displayName'],
  ] as const)('refuses %s: VALIDATION_FAILED', (_case, data, field) => {
    given([]).when(createOrganisation(data as Partial<CreateOrganisation['data']>)).thenThrows('VALIDATION_FAILED', { field });
  });
});

describe('AddMember', () => {
  it('lets an ADMIN add a member', () => {
    given(acmeWithAdaAndBen()).when(addMember()).then([memberJoined(CAL)]);
  });

  it('refuses an organisation that does not exist: ORGANISATION_NOT_FOUND', () => {
    given([]).when(addMember()).thenThrows('ORGANISATION_NOT_FOUND');
  });

  it('refuses a non-admin: FORBIDDEN', () => {
    given(acmeWithAdaAndBen()).when(addMember({}, BEN)).thenThrows('FORBIDDEN');
  });

  it('refuses someone who is not a member at all (or no longer, removed as the request ran) as the guard does: ORGANISATION_NOT_FOUND', () => {
    given(acmeWithAdaAndBen()).when(addMember({}, { subject: 'auth|stranger' })).thenThrows('ORGANISATION_NOT_FOUND');
  });

  it('refuses a person who is already a member: MEMBER_ALREADY_EXISTS', () => {
    given(acmeWithAdaAndBen()).when(addMember({ subject: BEN.subject })).thenThrows('MEMBER_ALREADY_EXISTS', { field: 'subject', subject: BEN.subject });
  });

  it('never reuses a member id, even of a member who left: DUPLICATE_ID', () => {
    const left = { type: 'MemberLeft' as const, data: { organisationId: ORG_ID, memberId: BEN.memberId, removedBy: ADA.memberId, at: AT } };
    given([...acmeWithAdaAndBen(), left]).when(addMember({ memberId: BEN.memberId })).thenThrows('DUPLICATE_ID', { field: 'memberId' });
  });

  it('lets a person who left rejoin under a new member id', () => {
    const left = { type: 'MemberLeft' as const, data: { organisationId: ORG_ID, memberId: BEN.memberId, removedBy: ADA.memberId, at: AT } };
    given([...acmeWithAdaAndBen(), left])
      .when(addMember({ memberId: 'mem-ben-2', subject: BEN.subject, displayName: 'ben' }))
      .then([memberJoined({ memberId: 'mem-ben-2', subject: BEN.subject }, { displayName: 'ben' })]);
  });

  it('refuses an unknown org role: VALIDATION_FAILED', () => {
    given(acmeWithAdaAndBen())
      .when(addMember({ orgRole: 'OWNER' as 'ADMIN' }))
      .thenThrows('VALIDATION_FAILED', { field: 'orgRole' });
  });
});

describe('ChangeMemberRole', () => {
  it('lets an ADMIN promote a member', () => {
    given(acmeWithAdaAndBen())
      .when(changeRole(BEN.memberId, 'ADMIN'))
      .then([
        { type: 'MemberRoleChanged', data: { organisationId: ORG_ID, memberId: BEN.memberId, fromRole: 'MEMBER', toRole: 'ADMIN', changedBy: ADA.memberId, at: AT } },
      ]);
  });

  it('lets an ADMIN step down while another ADMIN remains', () => {
    const promoted = { type: 'MemberRoleChanged' as const, data: { organisationId: ORG_ID, memberId: BEN.memberId, fromRole: 'MEMBER' as const, toRole: 'ADMIN' as const, changedBy: ADA.memberId, at: AT } };
    given([...acmeWithAdaAndBen(), promoted])
      .when(changeRole(ADA.memberId, 'MEMBER'))
      .then([
        { type: 'MemberRoleChanged', data: { organisationId: ORG_ID, memberId: ADA.memberId, fromRole: 'ADMIN', toRole: 'MEMBER', changedBy: ADA.memberId, at: AT } },
      ]);
  });

  it('does nothing when the role is already the one asked for', () => {
    given(acmeWithAdaAndBen()).when(changeRole(BEN.memberId, 'MEMBER')).then([]);
  });

  it('refuses to demote the last ADMIN: LAST_ADMIN', () => {
    given(acmeWithAdaAndBen()).when(changeRole(ADA.memberId, 'MEMBER')).thenThrows('LAST_ADMIN');
  });

  it('refuses an unknown member: MEMBER_NOT_FOUND', () => {
    given(acmeWithAdaAndBen()).when(changeRole('mem-nobody', 'ADMIN')).thenThrows('MEMBER_NOT_FOUND');
  });

  it('refuses a non-admin: FORBIDDEN', () => {
    given(acmeWithAdaAndBen()).when(changeRole(BEN.memberId, 'ADMIN', BEN)).thenThrows('FORBIDDEN');
  });
});

describe('UpdateMemberPreferences', () => {
  const updated = (memberId: string, updatedBy: string, timezone: string, quietHours: { start: string; end: string } | null) => ({
    type: 'MemberPreferencesUpdated' as const,
    data: { organisationId: ORG_ID, memberId, timezone, quietHours, updatedBy, at: AT },
  });

  it('lets a member set their own timezone and quiet hours', () => {
    given(acmeWithAdaAndBen())
      .when(updatePreferences({ memberId: BEN.memberId, timezone: 'Australia/Sydney', quietHours: { start: '21:30', end: '06:30' } }, BEN))
      .then([updated(BEN.memberId, BEN.memberId, 'Australia/Sydney', { start: '21:30', end: '06:30' })]);
  });

  it('lets an ADMIN change them for another member, keeping what is not given', () => {
    given([...acmeWithAdaAndBen().slice(0, 2), memberJoined(BEN, { quietHours: { start: '22:00', end: '07:00' } })])
      .when(updatePreferences({ memberId: BEN.memberId, timezone: 'Asia/Tokyo' }, ADA))
      .then([updated(BEN.memberId, ADA.memberId, 'Asia/Tokyo', { start: '22:00', end: '07:00' })]);
  });

  it('clears quiet hours with null', () => {
    given([...acmeWithAdaAndBen().slice(0, 2), memberJoined(BEN, { quietHours: { start: '22:00', end: '07:00' } })])
      .when(updatePreferences({ memberId: BEN.memberId, quietHours: null }, BEN))
      .then([updated(BEN.memberId, BEN.memberId, 'Europe/London', null)]);
  });

  it('does nothing when nothing changes', () => {
    given(acmeWithAdaAndBen()).when(updatePreferences({ memberId: BEN.memberId, timezone: 'Europe/London' }, BEN)).then([]);
  });

  it("refuses a member changing someone else's preferences: FORBIDDEN", () => {
    given(acmeWithAdaAndBen()).when(updatePreferences({ memberId: ADA.memberId, timezone: 'UTC' }, BEN)).thenThrows('FORBIDDEN');
    // Before the input is read, and an unknown member before it too.
    given(acmeWithAdaAndBen()).when(updatePreferences({ memberId: ADA.memberId }, BEN)).thenThrows('FORBIDDEN');
    given(acmeWithAdaAndBen()).when(updatePreferences({ memberId: 'mem-nobody' }, ADA)).thenThrows('MEMBER_NOT_FOUND');
  });

  it('refuses a command that changes nothing at all: VALIDATION_FAILED', () => {
    given(acmeWithAdaAndBen()).when(updatePreferences({ memberId: BEN.memberId }, BEN)).thenThrows('VALIDATION_FAILED', { field: 'input', oneOf: ['timezone', 'quietHours'] });
  });

  it('refuses an unknown timezone: VALIDATION_FAILED', () => {
    given(acmeWithAdaAndBen())
      .when(updatePreferences({ memberId: BEN.memberId, timezone: 'Europe/Atlantis' }, BEN))
      .thenThrows('VALIDATION_FAILED', { field: 'timezone', reason: 'UNKNOWN_TIMEZONE' });
  });

  it('refuses an unknown member: MEMBER_NOT_FOUND', () => {
    given(acmeWithAdaAndBen()).when(updatePreferences({ memberId: 'mem-nobody', timezone: 'UTC' }, ADA)).thenThrows('MEMBER_NOT_FOUND');
  });
});

describe('RemoveMember', () => {
  const left = (memberId: string, removedBy: string) => ({
    type: 'MemberLeft' as const,
    data: { organisationId: ORG_ID, memberId, removedBy, at: AT },
  });

  it('lets an ADMIN remove a member', () => {
    given(acmeWithAdaAndBen()).when(removeMember(BEN.memberId)).then([left(BEN.memberId, ADA.memberId)]);
  });

  it('lets a member leave', () => {
    given(acmeWithAdaAndBen()).when(removeMember(BEN.memberId, BEN)).then([left(BEN.memberId, BEN.memberId)]);
  });

  it('refuses to remove the last ADMIN: LAST_ADMIN', () => {
    given(acmeWithAdaAndBen()).when(removeMember(ADA.memberId)).thenThrows('LAST_ADMIN');
  });

  it('refuses a member removing someone else: FORBIDDEN', () => {
    given(acmeWithAdaAndBen()).when(removeMember(ADA.memberId, BEN)).thenThrows('FORBIDDEN');
  });

  it('refuses a member who already left: MEMBER_NOT_FOUND', () => {
    given([...acmeWithAdaAndBen(), left(BEN.memberId, ADA.memberId)]).when(removeMember(BEN.memberId)).thenThrows('MEMBER_NOT_FOUND');
  });
});
