import type { SqlExecutor } from '@stepwise/database';
import { loadCheckpoint, type LogCheckpoint } from '@stepwise/event-store';

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

const FIRST_PAUSE_MS = 1;
const MAX_PAUSE_MS = 25;

/**
 * All waiters on one processor's checkpoint in this process share one reader: one query at a time
 * however many mutations wait, where a poller per waiter would put dozens of checkpoint reads in
 * the pool queue under load, in front of the very projection work they wait for.
 */
class CheckpointWatch {
  private readonly waiters = new Set<Waiter>();
  private reads = 0;
  private pause = FIRST_PAUSE_MS;
  private polling = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly executor: SqlExecutor,
    private readonly processor: string,
  ) {}

  wait(position: LogCheckpoint, timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.waiters.add({ position, deadline: Date.now() + timeoutMs, firstRead: this.reads + 1, resolve, reject });
      // A new waiter's position is usually reached soon: read again promptly.
      this.pause = FIRST_PAUSE_MS;
      if (!this.polling) void this.poll();
    });
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.size > 0) {
        const read = ++this.reads;
        let checkpoint: LogCheckpoint;
        try {
          checkpoint = await loadCheckpoint(this.executor, this.processor);
        } catch (error) {
          for (const waiter of this.waiters) if (waiter.firstRead <= read) this.settle(waiter, () => waiter.reject(error));
          continue;
        }
        const now = Date.now();
        for (const waiter of this.waiters) {
          if (isAtOrPast(checkpoint, waiter.position)) this.settle(waiter, () => waiter.resolve(true));
          else if (waiter.firstRead <= read && now >= waiter.deadline) this.settle(waiter, () => waiter.resolve(false));
        }
        if (this.waiters.size === 0) break;
        await this.sleep();
        this.pause = Math.min(this.pause * 2, MAX_PAUSE_MS);
      }
    } finally {
      this.polling = false;
    }
  }

  /** The checkpoint moved (a projection batch committed): read now instead of after the pause. */
  signal(): void {
    this.pause = FIRST_PAUSE_MS;
    this.wake?.();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => ((this.wake = undefined), resolve()), this.pause);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
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
 * Tells this process's waiters that a processor's checkpoint moved: the runner calls it after each
 * batch it commits here, and the api calls it on the `stepwise_checkpoints` notification a runner in
 * another process sends. Waiters would notice anyway, a pause (≤ 25 ms) later.
 */
export const checkpointMoved = (processor: string): void => {
  for (const watch of watchesByProcessor.get(processor) ?? []) watch.signal();
};

/** The notification channel a runner announces its checkpoint moves on (payload: the processor). */
export const CHECKPOINT_CHANNEL = 'stepwise_checkpoints';

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
