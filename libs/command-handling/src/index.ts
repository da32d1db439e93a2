export * from './command-event-id';
export * from './handle-command';
export * from './load-state';
export * from './command-context';
export type { DomainEvent } from './domain-event';
export { StreamLock } from './stream-lock';
export { StreamStateCache, DEFAULT_CACHED_STREAMS, type StreamSnapshot, type AppliedCommand } from './stream-state.cache';
export { processStreamLock, processStreamStateCache } from './command-side.defaults';
export * from './derived-id';
