export * from './event-store.port';
export * from './event-store.errors';
export * from './log-checkpoint';
export { APPEND_LIMITS, READ_LIMITS } from './append/append.limits';
export * from './upcasting/upcaster.registry';
export * from './event-store.schema';
export * from './sql/event-store.migrations';
export { SqlEventStore, type SqlEventStoreOptions } from './sql/sql-event-store';
export { loadCheckpoint, saveCheckpoint } from './sql/checkpoint.store';
