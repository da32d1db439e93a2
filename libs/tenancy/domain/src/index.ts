export * from './organisation/organisation.commands';
export * from './organisation/organisation.events';
export * from './organisation/organisation.errors';
export * from './organisation/organisation.state';
export * from './organisation/organisation.validation';
export * from './organisation/organisation.settings';
export * from './organisation/organisation.decider';
export * from './team/team.commands';
export * from './team/team.events';
export {
  TeamAlreadyExistsError,
  TeamNotFoundError,
  TeamMemberNotFoundError,
  TeamMemberAlreadyExistsError,
  SeatLimitReachedError,
  LastTeamLeaderError,
  SubscriptionInactiveError,
  SubscriptionNotFoundError,
  SubscriptionAlreadyExistsError,
  SubscriptionCancelledError,
} from './team/team.errors';
export * from './team/team.state';
export * from './team/team.validation';
export * from './team/team.decider';
