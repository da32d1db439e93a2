export * from './nudges.migrations';
export * from './answers';
export * from './policy';
export * from './secrets';
export * from './read-models';
export * from './integrations';
