// Story fixtures for specs (`@stepwise/tenancy-domain/testing`); never exported by the main entry.
export * from './organisation.fixtures';
