export * from './projection';
export * from './projection-runner';
export * from './read-models.processor';
export * from './rebuild-projections';
export * from './wait-for-position';
export * from './projections.migrations';
export * from './projection-stall';
export * from './checkpoint-signal';
