/**
 * The lock and cache the command side uses unless a caller passes its own (tests do, to stand for
 * separate processes or to start cold). One of each per process.
 */
import { StreamLock } from './stream-lock';
import { StreamStateCache } from './stream-state.cache';

export const processStreamLock = new StreamLock();
export const processStreamStateCache = new StreamStateCache();
