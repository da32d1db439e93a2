/**
 * Read-your-writes: a mutation waits (bounded) until a processor's checkpoint reaches the position
 * of what it wrote. The waiting itself is in checkpoint-watch.ts; this file keeps one watch per
 * database and processor, and takes the runners' word that a checkpoint moved.
 */
import type { LogCheckpoint } from '@stepwise/event-store';
import { CHECKPOINT_CHANNEL } from './checkpoint-signal';
import { CheckpointWatch, type WatchedExecutor } from './checkpoint-watch';

export { CHECKPOINT_CHANNEL };
export { FALLBACK_FIRST_MS, FALLBACK_MAX_MS, isAtOrPast } from './checkpoint-watch';

const watches = new WeakMap<WatchedExecutor, Map<string, CheckpointWatch>>();
const watchesByProcessor = new Map<string, Set<CheckpointWatch>>();

/**
 * Tells this process's waiters that a processor's checkpoint moved, somewhere: the runner calls it
 * after each batch it commits here. Watches that listen hear their own database's moves announced;
 * any other reads its database again (a process may watch several), instead of at its fallback poll.
 */
export const checkpointMoved = (processor: string): void => {
  for (const watch of watchesByProcessor.get(processor) ?? []) watch.signal();
};

/**
 * Tells the waiters on `executor`'s database that a processor reached a checkpoint there (a runner
 * that committed it in this process, or a listener that heard it announced): waiters it covers
 * resolve without a read.
 */
export const checkpointReached = (executor: WatchedExecutor, processor: string, checkpoint: LogCheckpoint): void => {
  watches.get(executor)?.get(processor)?.reached(checkpoint);
};

const watchFor = (executor: WatchedExecutor, processor: string): CheckpointWatch => {
  let byProcessor = watches.get(executor);
  if (!byProcessor) {
    byProcessor = new Map();
    watches.set(executor, byProcessor);
  }
  let watch = byProcessor.get(processor);
  if (!watch) {
    watch = new CheckpointWatch(executor, processor);
    byProcessor.set(processor, watch);
    if (!watchesByProcessor.has(processor)) watchesByProcessor.set(processor, new Set());
    watchesByProcessor.get(processor)?.add(watch);
  }
  return watch;
};

/**
 * Waits (bounded) until a processor's checkpoint reaches a log position, so a client can read its
 * own writes. Resolves true when reached, false on timeout; it never throws for lateness. Given a
 * database (which can LISTEN), it normally sends no query at all: see checkpoint-watch.ts.
 */
export const waitForPosition = (executor: WatchedExecutor, processor: string, position: LogCheckpoint, timeoutMs: number): Promise<boolean> =>
  watchFor(executor, processor).wait(position, timeoutMs);
