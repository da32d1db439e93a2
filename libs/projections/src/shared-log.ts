/**
 * One read of the global log for several runners (a full rebuild of every processor at once): the
 * runners subscribe here instead of to the store; once all of them have, from the same checkpoint,
 * one subscription reads the log (every event type any of them reads) and hands each page to all of
 * them at once. Each applies it in its own transaction on its own connection, under its own
 * checkpoint, so one processor's database work overlaps another's work in node. Runners may be one
 * full page apart: the next page goes to a runner as soon as it is done with its own, while a slower
 * one finishes the page before (a page boundary then leaves neither node nor the database waiting on
 * the slower runner's last statements). A page that is not full (the log's tail, as far as it has
 * been read) is done only when every runner is done with it, so the read moves on, and a caller of
 * `caughtUp()` is answered, only once every runner has applied the log that far.
 *
 * Should a runner fail a page, the shared read ends at once with that failure for all of them,
 * like a runner's own subscription does (each is told through its onError, once, and a caller of
 * `caughtUp()` gets the failure); the others still finish the pages they hold (each commits or rolls
 * back whole), so every checkpoint stays at what its processor has durably written. A runner
 * subscribing again (after a failure), or from another checkpoint than the others, reads on its own.
 */
import type { EventStore, LogCheckpoint, RecordedEvent, Subscription, SubscriptionOptions } from '@stepwise/event-store';
import { compareCheckpoints } from '@stepwise/event-store';

interface Reader {
  readonly options: SubscriptionOptions;
  readonly subscription: SharedSubscription;
}

/** The read the runners share, once it has begun: it ends with the first failure of any of them. */
interface SharedRead {
  /** Set by `fail`, once. */
  failure?: { readonly error: unknown };
  /** Ends the read with `error`, told to every runner once (later failures are not told). */
  fail(error: unknown): void;
}

/** What a runner holds: the shared subscription's answers, or its own once it reads alone. */
class SharedSubscription implements Subscription {
  inner: Subscription | undefined;
  /** Undefined while the runner reads alone (or before the read begins). */
  private read: SharedRead | undefined;
  /** The pages handed to this runner, one after another: settles once it is done with the last (rejects once one failed). */
  pages: Promise<void> = Promise.resolve();
  private readonly started: Promise<Subscription>;
  private start!: (subscription: Subscription) => void;

  constructor() {
    this.started = new Promise((resolve) => (this.start = resolve));
  }

  attach(inner: Subscription, read?: SharedRead): void {
    this.inner = inner;
    this.read = read;
    this.start(inner);
  }

  /** Hands this runner a page after those before it; a page after a failed one is not applied. */
  handOver(apply: () => Promise<void> | undefined): Promise<void> {
    const previous = this.pages;
    this.pages = previous.then(apply);
    // The first failure ends the shared read (a page after it is never applied, so it is not told again).
    this.pages.catch((error: unknown) => previous.then(() => this.read?.fail(error), () => undefined));
    return this.pages;
  }

  async caughtUp(): Promise<void> {
    const inner = await this.started;
    try {
      await inner.caughtUp();
    } catch (error) {
      // Ended by a runner's failure (stopped, for the read): that failure is the answer.
      throw this.read?.failure?.error ?? error;
    }
    // The read has reached the log as it stood; this runner may still be applying its last full page.
    await this.pages;
  }

  async stop(): Promise<void> {
    // A runner stopping before the others have subscribed has nothing running yet.
    await this.inner?.stop();
    // Nothing of this runner's may still be applying once it has stopped (it may follow again at once).
    await this.pages.catch(() => undefined);
  }
}

/** Waits for every promise; once all have settled, fails with the first failure. */
const allOrFirstFailure = async (work: readonly (Promise<void> | undefined)[]): Promise<void> => {
  const outcomes = await Promise.allSettled(work);
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
};

export class SharedLog implements Pick<EventStore, 'subscribe'> {
  private readonly waiting: Reader[] = [];
  private shared = false;

  /** `readers`: how many runners will subscribe; the read starts once all of them have. */
  constructor(
    private readonly store: Pick<EventStore, 'subscribe'>,
    private readonly readers: number,
  ) {}

  subscribe(options: SubscriptionOptions): Subscription {
    const subscription = new SharedSubscription();
    if (this.shared) {
      subscription.attach(this.store.subscribe(options));
      return subscription;
    }
    this.waiting.push({ options, subscription });
    if (this.waiting.length === this.readers) this.begin();
    return subscription;
  }

  private begin(): void {
    this.shared = true;
    const readers = this.waiting.splice(0);
    const from = readers[0].options.from;
    const same = readers.every(({ options }) => (options.from && from ? compareCheckpoints(options.from, from) === 0 : options.from === from));
    if (!same || readers.some(({ options }) => options.tenantId !== undefined)) {
      for (const { options, subscription } of readers) subscription.attach(this.store.subscribe(options));
      return;
    }
    const types = readers.map(({ options }) => options.eventTypes);
    const eventTypes = types.some((list) => list === undefined) ? undefined : [...new Set(types.flatMap((list) => list ?? []))];
    // Each reader's own types, to hand it only its events of each page.
    const wanted = types.map((list) => (list ? new Set(list) : undefined));
    const { batchSize } = readers[0].options;
    const read: SharedRead = {
      fail: (error) => {
        if (read.failure) return;
        read.failure = { error };
        for (const { options } of readers) options.onError?.(error);
        // A page no later read would wait on (the log's tail) ends the read too: stopped, it hands nothing more.
        void inner.stop();
      },
    };
    const inner: Subscription = this.store.subscribe({
      from,
      eventTypes,
      batchSize,
      pollIntervalMs: readers[0].options.pollIntervalMs,
      handler: async (events: RecordedEvent[], checkpoint: LogCheckpoint) => {
        if (read.failure) throw read.failure.error;
        const before = readers.map(({ subscription }) => subscription.pages);
        const handed = readers.map(({ options, subscription }, index) => {
          const own = wanted[index];
          return subscription.handOver(() => options.handler(own ? events.filter((event) => own.has(event.type)) : events, checkpoint));
        });
        // A full page: every runner done with the page before it is enough to read on. Short of
        // that (the log's tail, or a batch size the runners leave to the store): every runner done with this one.
        await allOrFirstFailure(batchSize !== undefined && events.length >= batchSize ? before : handed);
      },
      skipped: async (checkpoint: LogCheckpoint) => {
        await allOrFirstFailure(readers.map(({ subscription }) => subscription.pages));
        await allOrFirstFailure(readers.map(({ options }) => options.skipped?.(checkpoint)));
      },
      onError: (error) => read.fail(error),
    });
    for (const { subscription } of readers) subscription.attach(inner, read);
  }
}
