export * from './channel-integrations-read.port';
export * from './channel-settings-directory.port';
export * from './integration-access.policy';
export * from './integration-test-message.port';
export * from './unsubscribe-link.port';
