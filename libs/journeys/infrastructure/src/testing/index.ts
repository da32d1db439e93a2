// Stories written to a real event store and read models, for specs (`@stepwise/journeys-infrastructure/testing`).
export * from './journey-story.fixtures';
