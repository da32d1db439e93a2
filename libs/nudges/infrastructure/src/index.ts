export * from './nudges.migrations';
export * from './secrets';
export * from './read-models';
