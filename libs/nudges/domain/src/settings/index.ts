export * from './member-actor';
export * from './nudge-settings.limits';
export * from './nudge-settings.commands';
export * from './nudge-settings.state';
export * from './nudge-settings.validation';
export * from './nudge-settings.decider';
