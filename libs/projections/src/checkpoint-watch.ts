/**
 * All waiters on one processor's checkpoint in one database, in this process. They share one view
 * of the checkpoint, `known`, kept from reads and from the runners' announcements on
 * CHECKPOINT_CHANNEL (sent at commit; the payload names the checkpoint reached).
 *
 * Once the watch listens, and has read the checkpoint once since it began to, every move reaches
 * `known`: the watch is live, and a waiter costs no query. It is answered by the announcement that
 * covers it, or, at its deadline, by one last read (only a read may answer `false`). A read is due
 * at start-up, after the listening session is lost, and on an announcement that names no checkpoint.
 *
 * Without listening (an executor that cannot, or while the session is down) it works as before: a
 * waiter joining reads once, an in-process signal reads again, and a fallback poll (doubling from
 * the first pause up to the last) covers a signal that never comes. Either way all waiters share one
 * reader, one query at a time however many mutations wait: a poller per waiter would put dozens of
 * checkpoint reads in the pool queue under load, in front of the very projection work they wait for.
 * A read that cannot reach the database rejects no waiter (its write committed): the reader polls on,
 * and a waiter whose deadline comes first is answered false.
 */
import { isDatabaseUnavailable, type SqlDatabase, type SqlExecutor } from '@stepwise/database';
import { loadCheckpoint, type LogCheckpoint } from '@stepwise/event-store';
import { CHECKPOINT_CHANNEL, parseCheckpointSignal } from './checkpoint-signal';

export const FALLBACK_FIRST_MS = 50;
export const FALLBACK_MAX_MS = 400;
/** After a failed LISTEN, how long the watch polls before it tries again. */
export const LISTEN_RETRY_MS = 1_000;
/** The longest single sleep (timers take at most 2^31 - 1 ms; a long wait sleeps in turns). */
const MAX_SLEEP_MS = 60_000;

/** An executor that may also LISTEN (a database does; a transaction's executor does not). */
export type WatchedExecutor = SqlExecutor & Partial<Pick<SqlDatabase, 'listen'>>;

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

export class CheckpointWatch {
  private readonly waiters = new Set<Waiter>();
  private reads = 0;
  private pause = FALLBACK_FIRST_MS;
  private polling = false;
  /** A read is due at once, even if the reason came while a read was in flight. */
  private signalled = false;
  /** The furthest checkpoint seen, by a read or in an announcement from this database. */
  private known: LogCheckpoint | undefined;
  private wake: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private listening: 'off' | 'starting' | 'on' = 'off';
  /** Counts LISTENs begun and lost: a read proves the watch live only if none happened while it ran. */
  private listenEpoch = 0;
  private listenAgainAt = 0;
  /** Listening, and read since it began: no move can pass without reaching `known`. */
  private live = false;

  constructor(
    private readonly executor: WatchedExecutor,
    private readonly processor: string,
  ) {}

  wait(position: LogCheckpoint, timeoutMs: number): Promise<boolean> {
    if (this.known && isAtOrPast(this.known, position)) return Promise.resolve(true);
    return new Promise<boolean>((resolve, reject) => {
      this.waiters.add({ position, deadline: Date.now() + timeoutMs, firstRead: this.reads + 1, resolve, reject });
      // Not live: a move before this waiter joined may have gone unheard, so its first read is due now.
      if (!this.live) this.signalled = true;
      // Either way the reader wakes: to read, or to sleep again until the earliest deadline.
      this.wake?.();
      if (!this.polling) void this.poll();
    });
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

  /**
   * The processor's checkpoint moved somewhere (a runner in this process committed a batch). A live
   * watch hears about its own database's moves from the announcement; any other reads again now.
   */
  signal(): void {
    if (!this.live) this.readSoon();
  }

  private readSoon(): void {
    this.signalled = true;
    this.pause = FALLBACK_FIRST_MS;
    this.wake?.();
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.size > 0) {
        if (!this.live) this.listen();
        if (this.signalled || !this.live || this.due()) {
          const read = ++this.reads;
          this.signalled = false;
          // The read proves the watch live only if it listened before the read began and still does after.
          const epoch = this.listening === 'on' ? this.listenEpoch : undefined;
          let checkpoint: LogCheckpoint;
          try {
            checkpoint = await loadCheckpoint(this.executor, this.processor);
          } catch (error) {
            if (!isDatabaseUnavailable(error)) {
              for (const waiter of this.waiters) if (waiter.firstRead <= read) this.settle(waiter, () => waiter.reject(error));
              continue;
            }
            // The database is out of reach (a failover, killed sessions): what the waiters wait for was
            // committed before they joined, so none fails for it. Each is answered `false` at its deadline
            // unless a read gets through first; meanwhile the reader polls, as it does when not live.
            this.live = false;
            this.unreachable();
            if (this.waiters.size === 0) break;
            await this.sleep();
            continue;
          }
          if (epoch !== undefined && this.listening === 'on' && this.listenEpoch === epoch) this.live = true;
          this.reached(checkpoint, read);
          if (this.waiters.size === 0) break;
        }
        await this.sleep();
      }
    } finally {
      this.polling = false;
      clearTimeout(this.timer);
    }
  }

  /** Starts listening for this database's announcements, in the background; reads go on meanwhile. */
  private listen(): void {
    const listen = this.executor.listen?.bind(this.executor);
    if (!listen || this.listening !== 'off' || Date.now() < this.listenAgainAt) return;
    this.listening = 'starting';
    listen(CHECKPOINT_CHANNEL, (payload) => this.heard(payload), () => this.lost()).then(
      () => {
        this.listening = 'on';
        this.listenEpoch += 1;
        // One read from now on makes the watch live; waiters still waiting should not wait for a signal.
        if (this.waiters.size > 0) this.readSoon();
      },
      () => {
        this.listening = 'off';
        this.listenAgainAt = Date.now() + LISTEN_RETRY_MS;
      },
    );
  }

  private heard(payload: string): void {
    const { processor, checkpoint } = parseCheckpointSignal(payload);
    if (processor !== this.processor) return;
    if (checkpoint) this.reached(checkpoint);
    else this.readSoon();
  }

  /** The listening session broke: announcements may have been missed, so read (and listen) again. */
  private lost(): void {
    this.listening = 'off';
    this.listenEpoch += 1;
    this.live = false;
    if (this.waiters.size > 0) this.readSoon();
  }

  /** A read could not reach the database: waiters past their deadline are answered false. */
  private unreachable(): void {
    const now = Date.now();
    for (const waiter of this.waiters) if (now >= waiter.deadline) this.settle(waiter, () => waiter.resolve(false));
  }

  /** Whether a waiter's deadline has come: a read is due to answer it. */
  private due(): boolean {
    const now = Date.now();
    for (const waiter of this.waiters) if (waiter.deadline <= now) return true;
    return false;
  }

  /** The earliest deadline among waiters: a read is due then, so a late waiter hears false on time. */
  private nextDeadline(): number {
    let earliest = Infinity;
    for (const waiter of this.waiters) earliest = Math.min(earliest, waiter.deadline);
    return earliest;
  }

  private sleep(): Promise<void> {
    if (this.signalled) return Promise.resolve();
    const untilDeadline = this.nextDeadline() - Date.now();
    let ms = untilDeadline;
    if (!this.live) {
      ms = Math.min(this.pause, untilDeadline);
      this.pause = Math.min(this.pause * 2, FALLBACK_MAX_MS);
    }
    return new Promise((resolve) => {
      this.wake = () => {
        clearTimeout(this.timer);
        this.wake = undefined;
        resolve();
      };
      this.timer = setTimeout(() => this.wake?.(), Math.min(Math.max(0, ms), MAX_SLEEP_MS));
    });
  }

  private settle(waiter: Waiter, outcome: () => void): void {
    this.waiters.delete(waiter);
    outcome();
    // The last waiter gone: a reader asleep until a deadline nobody has any more ends now.
    if (this.waiters.size === 0) this.wake?.();
  }
}
