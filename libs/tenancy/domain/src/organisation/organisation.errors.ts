import { CodedError, NotFoundError } from '@stepwise/kernel';

export class OrganisationAlreadyExistsError extends CodedError {
  constructor(organisationId: string) {
    super('ORGANISATION_ALREADY_EXISTS', 'This organisation already exists', { organisationId });
  }
}

export class OrganisationNotFoundError extends NotFoundError {
  constructor(organisationId: string) {
    super('ORGANISATION_NOT_FOUND', 'No such organisation', { organisationId });
  }
}

export class MemberNotFoundError extends NotFoundError {
  constructor(memberId: string) {
    super('MEMBER_NOT_FOUND', 'No such member in this organisation', { field: 'memberId', memberId });
  }
}

export class MemberAlreadyExistsError extends CodedError {
  constructor(subject: string) {
    super('MEMBER_ALREADY_EXISTS', 'This person is already a member of the organisation', { field: 'subject', subject });
  }
}

/** The member id was used before in this organisation (ids are never reused, even after leaving). */
export class MemberIdTakenError extends CodedError {
  constructor(memberId: string) {
    super('DUPLICATE_ID', 'This member id is already used in the organisation', { field: 'memberId', id: memberId });
  }
}

/** The actor may not do this (not a member, or not an ADMIN). Shared by the team aggregate. */
export class ForbiddenError extends CodedError {
  constructor(reason: string) {
    super('FORBIDDEN', reason);
  }
}

export class LastAdminError extends CodedError {
  constructor(memberId: string) {
    super('LAST_ADMIN', 'An organisation keeps at least one ADMIN', { memberId });
  }
}

/** Another current member already has this email address (compared without regard to case). */
export class MemberEmailTakenError extends CodedError {
  constructor() {
    super('MEMBER_EMAIL_TAKEN', 'Another member of the organisation already has this email address', { field: 'email' });
  }
}
