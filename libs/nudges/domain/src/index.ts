export * from './nudge-rules';
export * from './notification-preferences';
export * from './owed-nudge';
export * from './nudge-preferences.events';
export * from './answers';
export * from './policy';
