import type { LogCheckpoint, RecordedEvent, Subscription, SubscriptionOptions } from '@stepwise/event-store';
import { SharedLog } from './shared-log';

/** A store that records its subscriptions; the test plays the log by calling their handlers. */
const recordingStore = () => {
  const subscriptions: SubscriptionOptions[] = [];
  return {
    subscriptions,
    subscribe(options: SubscriptionOptions): Subscription {
      subscriptions.push(options);
      return { caughtUp: async () => undefined, stop: async () => undefined };
    },
  };
};

const event = (id: string, type: string): RecordedEvent => ({ id, type }) as RecordedEvent;
const at = (globalPosition: number): LogCheckpoint => ({ txId: 1, globalPosition });

describe('SharedLog', () => {
  it('reads once for all its runners, every type any of them reads, each runner given its own types', async () => {
    const store = recordingStore();
    const log = new SharedLog(store, 2);
    const seen: string[] = [];
    log.subscribe({ eventTypes: ['A'], batchSize: 10, handler: async (events) => void seen.push(`one:${events.map((e) => e.id).join(',')}`) });
    expect(store.subscriptions).toHaveLength(0);
    log.subscribe({ eventTypes: ['B', 'A'], batchSize: 10, handler: async (events) => void seen.push(`two:${events.map((e) => e.id).join(',')}`) });
    expect(store.subscriptions).toHaveLength(1);
    expect([...(store.subscriptions[0].eventTypes ?? [])].sort()).toEqual(['A', 'B']);
    await store.subscriptions[0].handler([event('1', 'A'), event('2', 'B')], at(2));
    expect(seen.sort()).toEqual(['one:1', 'two:1,2']);
  });

  it('finishes a page only when every runner has, and fails it with the first failure once all have settled', async () => {
    const store = recordingStore();
    const log = new SharedLog(store, 2);
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const finished: string[] = [];
    const errors: unknown[] = [];
    log.subscribe({ handler: async () => void (await slow, finished.push('slow')), onError: (error) => errors.push(error) });
    log.subscribe({ handler: async () => Promise.reject(new Error('refused')), onError: (error) => errors.push(error) });
    let settled = false;
    const page = store.subscriptions[0].handler([event('1', 'A')], at(1)).finally(() => (settled = true));
    page.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    release();
    await expect(page).rejects.toThrow('refused');
    expect(finished).toEqual(['slow']);
    store.subscriptions[0].onError?.(new Error('refused'));
    expect(errors).toHaveLength(2);
  });

  it('lets runners from different checkpoints, and any subscribing later, read on their own', () => {
    const store = recordingStore();
    const log = new SharedLog(store, 2);
    log.subscribe({ from: at(5), handler: async () => undefined });
    log.subscribe({ from: at(7), handler: async () => undefined });
    expect(store.subscriptions.map((options) => options.from?.globalPosition)).toEqual([5, 7]);
    log.subscribe({ from: at(9), handler: async () => undefined });
    expect(store.subscriptions.map((options) => options.from?.globalPosition)).toEqual([5, 7, 9]);
  });
});
