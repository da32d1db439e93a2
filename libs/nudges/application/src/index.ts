// The write side: one command per use case, and the handlers the api registers. The read side's
// ports and access rules have their own entry point, `@stepwise/nudges-application/read`.
export * from './commands';
export * from './secret-sealer.port';
export * from './webhook-url.policy';
export * from './integrations/send-integration-test-message';
export * from './integrations/unsubscribe-from-rule';
