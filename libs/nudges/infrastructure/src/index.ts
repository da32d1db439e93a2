export * from './nudges.migrations';
export * from './answers';
