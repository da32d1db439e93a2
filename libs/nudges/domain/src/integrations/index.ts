export * from './channel-integration.events';
export * from './channel-integration.commands';
export * from './channel-integration.state';
export * from './channel-integration.validation';
export * from './channel-integration.decider';
export * from './unsubscribe-link';
