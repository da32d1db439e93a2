/**
 * Catch-up then live over the global log: reads pages until it reaches the readable horizon, then
 * sleeps until a NOTIFY on `es_events` or the polling interval, whichever comes first. While
 * committed rows wait beyond the horizon (a transaction of this database that may still append before
 * them is running), it reads again after a short pause instead (HELD_FIRST_MS, doubling up to
 * HELD_MAX_MS): that transaction's end notifies no one. Should the listening session break (a
 * failover, a restarted pgbouncer, an idle-session killer), the subscription reads at once, since a
 * notification may have gone to the dead session, and listens again before that read; while it
 * cannot (a listen sent to a session the server is still ending fails), it reads again and tries
 * again within LISTEN_RETRY_MS, not the polling interval, which may be a minute.
 *
 * A reader no request waits on may linger (`lingerMs`): after a wake-up it waits that long before
 * reading, so a busy moment's appends reach it as one page rather than one page each. It may also
 * keep a pace (`paceMs`): under a steady stream of appends it reads no sooner than that after its
 * previous read began, so its batches grow with the stream instead of staying a few events each. A
 * caller of `caughtUp()` ends either wait at once.
 *
 * Read-ahead (where the engine can run a read next to the handler's transaction, i.e. PostgreSQL): after
 * a full page, the next page is read from that page's checkpoint while the handler still works on it.
 * Pages are still handed over one at a time and in order, and the checkpoint only moves once the
 * handler has resolved, so `caughtUp()` and the checkpoints passed to the handler are unchanged.
 */
import { SubscriptionStoppedError } from '../event-store.errors';
import { LOG_START, type LogCheckpoint, type ReadAllResult, type Subscription, type SubscriptionOptions } from '../event-store.port';
import { compareCheckpoints } from '../log-checkpoint';
import { READ_LIMITS } from '../append/append.limits';
import { EVENTS_CHANNEL } from './append.statement';

/** The pause before reading again while rows wait beyond the horizon: doubling from the first, up to the last. */
export const HELD_FIRST_MS = 5;
export const HELD_MAX_MS = 40;

/** While not listening, the longest pause before reading and trying to listen again. */
export const LISTEN_RETRY_MS = 1_000;

/** A page, whether committed rows wait beyond the horizon, and whether it stopped at its limit. */
type LogPage = ReadAllResult & { readonly held: boolean; readonly full: boolean };

export interface GlobalLogSource {
  readAll(options: {
    after: LogCheckpoint;
    tenantId?: string;
    eventTypes?: readonly string[];
    maxCount: number;
  }): Promise<LogPage>;
  logHead(): Promise<LogCheckpoint>;
  /** `onLost` is called once if the session carrying the LISTEN breaks. */
  listen(channel: string, onNotify: () => void, onLost: () => void): Promise<() => Promise<void>>;
  /** Whether a read may run while the handler runs (false on a single-session engine: it would only queue). */
  readonly readAhead: boolean;
}

interface Waiter {
  readonly target: LogCheckpoint;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class GlobalLogSubscription implements Subscription {
  private checkpoint: LogCheckpoint;
  private stopped = false;
  private failure: unknown;
  private poked = false;
  /** Not listening (never started, failed, or the session broke): listen again before the next read. */
  private deaf = true;
  private wake?: () => void;
  /** Ends a linger early: stop() and caughtUp() do (a notification during it is what it waits to gather). */
  private endLinger?: () => void;
  /** When the last read from the checkpoint began (for the pace). */
  private lastReadAt = Number.NEGATIVE_INFINITY;
  private readonly waiters: Waiter[] = [];
  private readonly done: Promise<void>;

  constructor(
    private readonly source: GlobalLogSource,
    private readonly options: SubscriptionOptions,
    private readonly onFinished: (subscription: GlobalLogSubscription) => void,
  ) {
    this.checkpoint = options.from ?? LOG_START;
    this.done = this.run();
  }

  async caughtUp(): Promise<void> {
    const target = await this.source.logHead();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ target, resolve, reject });
      this.settleWaiters();
      // Someone waits: a linger gathering a batch for nobody ends now.
      if (this.waiters.length > 0) this.endLinger?.();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.endLinger?.();
    await this.done;
  }

  private async run(): Promise<void> {
    let unlisten: (() => Promise<void>) | undefined;
    let ahead: Promise<LogPage> | undefined;
    let heldPause = HELD_FIRST_MS;
    try {
      const batchSize = this.options.batchSize ?? READ_LIMITS.defaultReadAllCount;
      while (!this.stopped) {
        // Listen before reading, so a commit between that read and the next sleep still wakes us.
        if (this.deaf) unlisten = (await this.listen()) ?? unlisten;
        let page: LogPage;
        if (ahead) {
          page = await ahead;
          ahead = undefined;
        } else {
          this.poked = false;
          this.lastReadAt = performance.now();
          page = await this.read(this.checkpoint, batchSize);
        }
        if (this.stopped) break;
        // Not the count of events: a page read with other readers' types holds fewer than its limit.
        const { full } = page;
        if (full && this.source.readAhead) {
          // A notification from here on may concern what this read cannot see yet: it must not be lost.
          this.poked = false;
          ahead = this.read(page.checkpoint, batchSize);
          ahead.catch(() => undefined); // surfaced when awaited; silenced if the handler fails first
        }
        const moved = compareCheckpoints(page.checkpoint, this.checkpoint) > 0;
        if (page.events.length > 0) await this.options.handler(page.events, page.checkpoint);
        else if (moved) await this.options.skipped?.(page.checkpoint);
        this.checkpoint = page.checkpoint;
        this.settleWaiters();
        if (full) continue;
        if (page.held) {
          // Back off only while nothing moves: under a steady stream of short writing transactions
          // rows are held for moments at a time, and each read that gets somewhere keeps the pause short.
          if (moved) heldPause = HELD_FIRST_MS;
          await this.sleep(heldPause);
          heldPause = Math.min(heldPause * 2, HELD_MAX_MS);
          // A paced reader keeps its pace while rows are held too (its linger is for wake-ups only).
          await this.keepPace(0);
        } else {
          heldPause = HELD_FIRST_MS;
          const poll = this.options.pollIntervalMs ?? 1000;
          await this.sleep(this.deaf ? Math.min(poll, LISTEN_RETRY_MS) : poll);
          await this.keepPace(this.options.lingerMs ?? 0);
        }
      }
    } catch (error) {
      this.failure = error;
      this.options.onError?.(error);
    } finally {
      this.stopped = true;
      this.settleWaiters();
      // stop() resolves only once nothing of ours is still running against the database.
      await ahead?.catch(() => undefined);
      await unlisten?.().catch(() => undefined);
      this.onFinished(this);
    }
  }

  private async listen(): Promise<(() => Promise<void>) | undefined> {
    this.deaf = false;
    const unlisten = await this.source.listen(EVENTS_CHANNEL, () => this.poke(), () => this.lost()).catch(() => undefined);
    if (!unlisten) this.deaf = true;
    return unlisten;
  }

  /** The listening session broke: what it would have heard since may be in the log already. */
  private lost(): void {
    this.deaf = true;
    this.poke();
  }

  private read(after: LogCheckpoint, maxCount: number): Promise<LogPage> {
    return this.source.readAll({ after, tenantId: this.options.tenantId, eventTypes: this.options.eventTypes, maxCount });
  }

  private poke(): void {
    this.poked = true;
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.poked || this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  /**
   * Waits out `lingerMs`, or the rest of the pace since the last read began if longer (never more
   * than the pace: the clock is monotonic), unless someone waits for this reader to catch up.
   */
  private keepPace(lingerMs: number): Promise<void> {
    const pace = this.options.paceMs ?? 0;
    const paced = Math.min(pace, this.lastReadAt + pace - performance.now());
    const wait = Math.max(lingerMs, paced);
    return wait > 0 && this.waiters.length === 0 ? this.linger(wait) : Promise.resolve();
  }

  /** A pause that notifications do not cut short (they are what it gathers); stop() does. */
  private linger(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.endLinger = undefined;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.endLinger = end;
    });
  }

  private settleWaiters(): void {
    for (let index = this.waiters.length - 1; index >= 0; index -= 1) {
      const waiter = this.waiters[index];
      if (compareCheckpoints(this.checkpoint, waiter.target) >= 0) waiter.resolve();
      else if (this.stopped) waiter.reject(this.failure ?? new SubscriptionStoppedError());
      else continue;
      this.waiters.splice(index, 1);
    }
  }
}
