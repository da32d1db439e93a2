export * from './http-status.classification';
export * from './retry-after';
export * from './retry-policy';
