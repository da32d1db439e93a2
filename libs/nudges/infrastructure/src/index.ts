export * from './nudges.migrations';
