/**
 * What a store tells whoever watches it (the process's metrics): durations of appends in their own
 * transaction and of reads, in seconds. Called on the hot path, so an observer does no more than
 * record a number.
 */
export interface EventStoreObserver {
  appended?(seconds: number, ok: boolean): void;
  read?(kind: 'stream' | 'all', seconds: number): void;
}
