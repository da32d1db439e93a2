/** Test data builders for organisation specs. */
import type { OrganisationActor, OrganisationCommandMetadata } from '../organisation/organisation.commands';
import type { MemberJoined, OrganisationCreated, OrganisationEvent } from '../organisation/organisation.events';

export const ORG_ID = 'org-1';
export const NOW = new Date('2026-03-02T09:00:00.000Z');
export const AT = NOW.toISOString();

export const ADA = { memberId: 'mem-ada', subject: 'auth|ada' } as const;
export const BEN = { memberId: 'mem-ben', subject: 'auth|ben' } as const;
export const CAL = { memberId: 'mem-cal', subject: 'auth|cal' } as const;

export const as = (actor: OrganisationActor, now: Date = NOW): OrganisationCommandMetadata => ({ now, actor: { subject: actor.subject } });

export const organisationCreated = (): OrganisationCreated => ({
  type: 'OrganisationCreated',
  data: { organisationId: ORG_ID, name: 'Acme Schools', slug: 'acme-schools', createdBy: ADA.memberId, at: AT },
});

export const memberJoined = (
  who: { memberId: string; subject: string },
  overrides: Partial<MemberJoined['data']> = {},
): MemberJoined => ({
  type: 'MemberJoined',
  data: {
    organisationId: ORG_ID,
    memberId: who.memberId,
    subject: who.subject,
    displayName: who.memberId.replace('mem-', ''),
    email: null,
    orgRole: 'MEMBER',
    timezone: 'Europe/London',
    quietHours: null,
    addedBy: ADA.memberId,
    at: AT,
    ...overrides,
  },
});

/** Ada (ADMIN) created the organisation; Ben is a MEMBER. */
export const acmeWithAdaAndBen = (): OrganisationEvent[] => [
  organisationCreated(),
  memberJoined(ADA, { orgRole: 'ADMIN' }),
  memberJoined(BEN),
];
