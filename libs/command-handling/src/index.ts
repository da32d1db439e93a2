export * from './command-event-id';
export * from './handle-command';
export * from './command-context';
