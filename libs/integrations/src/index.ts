export * from './channel';
export * from './http';
export * from './retry';
export * from './webhook';
