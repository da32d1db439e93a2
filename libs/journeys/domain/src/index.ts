export * from './journey.commands';
export * from './journey.events';
export * from './journey.errors';
export * from './journey.state';
export * from './journey.validation';
export * from './journey.decider';
export * from './keyed-entries';
export { isSamePerson } from './journey.guards';
