import type { LogCheckpoint } from './event-store.port';

/** Orders places in the global log by (txId, globalPosition), the order readers see events in. */
export const compareCheckpoints = (a: LogCheckpoint, b: LogCheckpoint): number =>
  a.txId === b.txId ? a.globalPosition - b.globalPosition : a.txId - b.txId;
