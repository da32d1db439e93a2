export * from './nudges.migrations';
export * from './policy';
