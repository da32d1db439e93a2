// Story fixtures for specs (`@stepwise/journeys-domain/testing`); never exported by the main entry.
export * from './journey.fixtures';
