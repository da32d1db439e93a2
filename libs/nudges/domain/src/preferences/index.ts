export * from './notification-preferences.commands';
export * from './notification-preferences.state';
export * from './notification-preferences.validation';
export * from './notification-preferences.decider';
