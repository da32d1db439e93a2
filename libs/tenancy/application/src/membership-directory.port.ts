import type { AtOnce } from '@stepwise/kernel';

/** How the edge learns who a verified subject is inside an organisation: from Stepwise's own records. */
export interface OrganisationMembership {
  readonly organisationId: string;
  readonly memberId: string;
  readonly orgRole: 'ADMIN' | 'MEMBER';
  readonly displayName: string;
}

export interface MembershipDirectory {
  /**
   * The subject's current membership of the organisation, or undefined (also for another tenant's
   * id); given at once, not as a promise, when the directory already knows it (kept in memory).
   */
  findBySubject(organisationId: string, subject: string): AtOnce<OrganisationMembership | undefined>;
}

export const MEMBERSHIP_DIRECTORY = Symbol('stepwise.membership-directory');
