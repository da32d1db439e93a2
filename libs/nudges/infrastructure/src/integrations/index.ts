export * from './channel-integrations.migrations';
export * from './channel-integrations.projection';
export * from './sql-channel-integrations.read-model';
export * from './sql-channel-settings.directory';
export * from './teams-integration-url.check';
export * from './channel-test-message.sender';
export * from './sql-integration-test-webhook.targets';
export * from './unsubscribe-link.signer';
