export * from './projection';
export * from './projection-runner';
export * from './rebuild-projections';
export * from './tenant-reader';
export * from './tenant-scope';
export * from './wait-for-position';
export * from './projections.migrations';
