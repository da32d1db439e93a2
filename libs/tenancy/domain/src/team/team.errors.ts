import { CodedError, NotFoundError } from '@stepwise/kernel';

export { ForbiddenError } from '../organisation/organisation.errors';

export class TeamAlreadyExistsError extends CodedError {
  constructor(teamId: string) {
    super('TEAM_ALREADY_EXISTS', 'This team already exists', { teamId });
  }
}

/** `field`: the input that named the team (`teamId`, `id` for `team(id:)`, or `journeyId` for a journey's team). */
export class TeamNotFoundError extends NotFoundError {
  constructor(teamId: string, field = 'teamId') {
    super('TEAM_NOT_FOUND', 'No such team', { field, teamId });
  }
}

export class TeamMemberNotFoundError extends NotFoundError {
  /** `field`: the input that named the member (`ownerId` for a step's owner). */
  constructor(memberId: string, field = 'memberId') {
    super('TEAM_MEMBER_NOT_FOUND', 'This member is not on the team', { field, memberId });
  }
}

export class TeamMemberAlreadyExistsError extends CodedError {
  constructor(memberId: string) {
    super('TEAM_MEMBER_ALREADY_EXISTS', 'This member is already on the team', { field: 'memberId', memberId });
  }
}

/** `field`: the input that asked for too few seats (a plan chosen), none when a member added needs one more. */
export class SeatLimitReachedError extends CodedError {
  constructor(plan: string, seatLimit: number, seatsNeeded: number, field?: 'plan') {
    super('SEAT_LIMIT_REACHED', `The ${plan} plan has ${seatLimit} seats; the team needs ${seatsNeeded}`, { ...(field && { field }), plan, seatLimit, seatsNeeded });
  }
}

/**
 * Removing or demoting the team's only LEADER would leave nobody who may start a journey, revise a
 * vision, pivot or end a journey: make someone else LEADER first.
 */
export class LastTeamLeaderError extends CodedError {
  constructor(teamId: string, memberId: string) {
    super('LAST_TEAM_LEADER', 'A team keeps at least one LEADER; make someone else LEADER first', { teamId, memberId });
  }
}

/** The team has no subscription, or it is PAST_DUE or CANCELLED: the team is read-only. */
export class SubscriptionInactiveError extends CodedError {
  constructor(teamId: string, status: string | null) {
    super('SUBSCRIPTION_INACTIVE', 'The team has no active subscription and is read-only', { teamId, status });
  }
}

export class SubscriptionNotFoundError extends NotFoundError {
  constructor(teamId: string) {
    super('SUBSCRIPTION_NOT_FOUND', 'The team has no subscription', { field: 'teamId', teamId });
  }
}

export class SubscriptionAlreadyExistsError extends CodedError {
  constructor(teamId: string) {
    super('SUBSCRIPTION_ALREADY_EXISTS', 'The team already has a subscription; change it with changeSubscription instead', { field: 'teamId', teamId });
  }
}

export class SubscriptionCancelledError extends CodedError {
  constructor(teamId: string) {
    super('SUBSCRIPTION_CANCELLED', 'The subscription is cancelled; subscribe again instead', { field: 'teamId', teamId });
  }
}
