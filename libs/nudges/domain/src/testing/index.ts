// Story fixtures for specs (`@stepwise/nudges-domain/testing`); never exported by the main entry.
export * from './policy.fixtures';
