export * from './nudges.migrations';
export * from './answers';
export * from './secrets';
export * from './read-models';
