import type { SqlExecutor } from '@stepwise/database';
import { loadCheckpoint, type LogCheckpoint } from '@stepwise/event-store';
import { CHECKPOINT_CHANNEL } from './checkpoint-signal';

export { CHECKPOINT_CHANNEL };

export const isAtOrPast = (checkpoint: LogCheckpoint, position: LogCheckpoint): boolean =>
  checkpoint.txId > position.txId || (checkpoint.txId === position.txId && checkpoint.globalPosition >= position.globalPosition);

interface Waiter {
  readonly position: LogCheckpoint;
  readonly deadline: number;
  /** The first read that started after this waiter joined: only such a read may time it out. */
  readonly firstRead: number;
  readonly resolve: (reached: boolean) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Between reads, waiters sleep until a signal; the fallback poll (doubling from the first pause up
 * to the last) only covers a signal that never comes: a notification lost while the listener
 * reconnects, or a runner in another process whose notifications this process does not hear.
 */
export const FALLBACK_FIRST_MS = 50;
export const FALLBACK_MAX_MS = 400;

/**
 * All waiters on one processor's checkpoint in this process share one reader: one query at a time
 * however many mutations wait, where a poller per waiter would put dozens of checkpoint reads in
 * the pool queue under load, in front of the very projection work they wait for. A waiter joining
 * reads once (the checkpoint may have moved before it joined, and that signal is gone), unless a
 * checkpoint known from a signal already covers it; then it waits to be woken.
 */
class CheckpointWatch {
  private readonly waiters = new Set<Waiter>();
  private reads = 0;
  private pause = FALLBACK_FIRST_MS;
  private polling = false;
  /** Set by a signal: read again at once, even if it came while a read was in flight. */
  private signalled = false;
  /** The furthest checkpoint seen, by a read or in a notification from this database. */
  private known: LogCheckpoint | undefined;
  private wake: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly executor: SqlExecutor,
    private readonly processor: string,
  ) {}

  wait(position: LogCheckpoint, timeoutMs: number): Promise<boolean> {
    if (this.known && isAtOrPast(this.known, position)) return Promise.resolve(true);
    return new Promise<boolean>((resolve, reject) => {
      this.waiters.add({ position, deadline: Date.now() + timeoutMs, firstRead: this.reads + 1, resolve, reject });
      // Its first read is due now: a sleeping reader reads at once.
      this.signal();
      if (!this.polling) void this.poll();
    });
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.size > 0) {
        const read = ++this.reads;
        this.signalled = false;
        let checkpoint: LogCheckpoint;
        try {
          checkpoint = await loadCheckpoint(this.executor, this.processor);
        } catch (error) {
          for (const waiter of this.waiters) if (waiter.firstRead <= read) this.settle(waiter, () => waiter.reject(error));
          continue;
        }
        this.reached(checkpoint, read);
        if (this.waiters.size === 0) break;
        await this.sleep(this.nextDeadline());
      }
    } finally {
      this.polling = false;
      clearTimeout(this.timer);
    }
  }

  /** A checkpoint this database reached: settles the waiters it covers, and times out late ones checked by a read. */
  reached(checkpoint: LogCheckpoint, read?: number): void {
    if (!this.known || isAtOrPast(checkpoint, this.known)) this.known = checkpoint;
    const now = Date.now();
    for (const waiter of this.waiters) {
      if (isAtOrPast(this.known, waiter.position)) this.settle(waiter, () => waiter.resolve(true));
      else if (read !== undefined && waiter.firstRead <= read && now >= waiter.deadline) this.settle(waiter, () => waiter.resolve(false));
    }
  }

  /** The checkpoint moved (a projection batch committed): read now instead of after the pause. */
  signal(): void {
    this.signalled = true;
    this.pause = FALLBACK_FIRST_MS;
    this.wake?.();
  }

  /** The earliest deadline among waiters: a read is due then, so a late waiter hears false on time. */
  private nextDeadline(): number {
    let earliest = Infinity;
    for (const waiter of this.waiters) earliest = Math.min(earliest, waiter.deadline);
    return earliest;
  }

  private sleep(deadline: number): Promise<void> {
    if (this.signalled) return Promise.resolve();
    const ms = Math.max(0, Math.min(this.pause, deadline - Date.now()));
    this.pause = Math.min(this.pause * 2, FALLBACK_MAX_MS);
    return new Promise((resolve) => {
      this.wake = () => {
        clearTimeout(this.timer);
        this.wake = undefined;
        resolve();
      };
      this.timer = setTimeout(() => this.wake?.(), ms);
    });
  }

  private settle(waiter: Waiter, outcome: () => void): void {
    this.waiters.delete(waiter);
    outcome();
  }
}

const watches = new WeakMap<SqlExecutor, Map<string, CheckpointWatch>>();
const watchesByProcessor = new Map<string, Set<CheckpointWatch>>();

/**
 * Tells this process's waiters that a processor's checkpoint moved, somewhere: the runner calls it
 * after each batch it commits here. Every watch on that processor reads its own database again
 * (a process may watch several databases), instead of waiting for its fallback poll.
 */
export const checkpointMoved = (processor: string): void => {
  for (const watch of watchesByProcessor.get(processor) ?? []) watch.signal();
};

/**
 * Tells the waiters on `executor`'s database that a processor reached a checkpoint there (the
 * api calls it on a runner's notification, which names the checkpoint): waiters it covers resolve
 * without a read.
 */
export const checkpointReached = (executor: SqlExecutor, processor: string, checkpoint: LogCheckpoint): void => {
  watches.get(executor)?.get(processor)?.reached(checkpoint);
};

const watchFor = (executor: SqlExecutor, processor: string): CheckpointWatch => {
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
 * own writes. Resolves true when reached, false on timeout; it never throws for lateness.
 */
export const waitForPosition = (executor: SqlExecutor, processor: string, position: LogCheckpoint, timeoutMs: number): Promise<boolean> =>
  watchFor(executor, processor).wait(position, timeoutMs);
