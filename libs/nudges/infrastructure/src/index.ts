export * from './nudges.migrations';
export * from './answers';
export * from './policy';
