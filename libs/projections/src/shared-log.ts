/**
 * One read of the global log for several runners (a full rebuild of every processor at once): the
 * runners subscribe here instead of to the store; once all of them have, from the same checkpoint,
 * one subscription reads the log (every event type any of them reads) and hands each page to all of
 * them at once. Each applies it in its own transaction on its own connection, under its own
 * checkpoint, so one processor's database work overlaps another's work in node. A page is done when
 * every runner is done with it: the next page (already read ahead) goes to them only then.
 *
 * Should a runner fail a page, the others still finish theirs (each commits or rolls back whole),
 * and then the shared subscription ends with that failure for all of them, like a runner's own
 * subscription does: every checkpoint stays at what its processor has durably written. A runner
 * subscribing again (after a failure), or from another checkpoint than the others, reads on its own.
 */
import type { EventStore, LogCheckpoint, RecordedEvent, Subscription, SubscriptionOptions } from '@stepwise/event-store';
import { compareCheckpoints } from '@stepwise/event-store';

interface Reader {
  readonly options: SubscriptionOptions;
  readonly subscription: SharedSubscription;
}

/** What a runner holds: the shared subscription's answers, or its own once it reads alone. */
class SharedSubscription implements Subscription {
  inner: Subscription | undefined;
  private readonly started: Promise<Subscription>;
  private start!: (subscription: Subscription) => void;

  constructor() {
    this.started = new Promise((resolve) => (this.start = resolve));
  }

  attach(inner: Subscription): void {
    this.inner = inner;
    this.start(inner);
  }

  async caughtUp(): Promise<void> {
    await (await this.started).caughtUp();
  }

  async stop(): Promise<void> {
    // A runner stopping before the others have subscribed has nothing running yet.
    await this.inner?.stop();
  }
}

/** Runs a page's work for every reader; once all are done, fails with the first failure. */
const everyReader = async (readers: readonly Reader[], work: (reader: Reader, index: number) => Promise<void> | undefined): Promise<void> => {
  const outcomes = await Promise.allSettled(readers.map(async (reader, index) => work(reader, index)));
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
    const inner = this.store.subscribe({
      from,
      eventTypes,
      batchSize: readers[0].options.batchSize,
      pollIntervalMs: readers[0].options.pollIntervalMs,
      handler: (events: RecordedEvent[], checkpoint: LogCheckpoint) =>
        everyReader(readers, ({ options }, index) => {
          const own = wanted[index];
          return options.handler(own ? events.filter((event) => own.has(event.type)) : events, checkpoint);
        }),
      skipped: (checkpoint: LogCheckpoint) => everyReader(readers, ({ options }) => options.skipped?.(checkpoint)),
      onError: (error) => {
        for (const { options } of readers) options.onError?.(error);
      },
    });
    for (const { subscription } of readers) subscription.attach(inner);
  }
}
