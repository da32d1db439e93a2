export * from './test-database';
export * from './pglite-module';
export * from './test-storage';
export * from './held-transaction';
export * from './nudges';
export * from './transaction.recorder';
export * from './free-port';
export * from './silent-server';
