import type { LogCheckpoint, RecordedEvent, Subscription, SubscriptionOptions } from '@stepwise/event-store';
import { SharedLog } from './shared-log';

/** A store that records its subscriptions; the test plays the log by calling their handlers. */
const recordingStore = () => {
  const subscriptions: SubscriptionOptions[] = [];
  const store = {
    subscriptions,
    /** How many times a subscription was stopped; once stopped, its caughtUp() rejects, as a store's does. */
    stopped: 0,
    subscribe(options: SubscriptionOptions): Subscription {
      subscriptions.push(options);
      let ended = false;
      return {
        caughtUp: async () => {
          if (ended) throw new Error('subscription stopped');
        },
        stop: async () => {
          ended = true;
          store.stopped += 1;
        },
      };
    },
  };
  return store;
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

  it('hands a full page to a runner done with the page before, while a slower one still applies that', async () => {
    const store = recordingStore();
    const log = new SharedLog(store, 2);
    let release!: () => void;
    const slowFirst = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    const slow = log.subscribe({
      batchSize: 1,
      handler: async (events) => {
        if (events[0].id === '1') await slowFirst;
        seen.push(`slow:${events[0].id}`);
      },
    });
    log.subscribe({ batchSize: 1, handler: async (events) => void seen.push(`fast:${events[0].id}`) });
    const handler = store.subscriptions[0].handler;
    // Full pages (a batch size of one): the first is handed over and the read moves on at once.
    await handler([event('1', 'A')], at(1));
    let secondDone = false;
    const second = handler([event('2', 'A')], at(2)).then(() => (secondDone = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['fast:1', 'fast:2']);
    // The read waits for every runner to be done with the page before the one it handed last.
    expect(secondDone).toBe(false);
    let caughtUp = false;
    const slowCaughtUp = slow.caughtUp().then(() => (caughtUp = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(caughtUp).toBe(false);
    release();
    await second;
    await slowCaughtUp;
    expect(seen).toEqual(['fast:1', 'fast:2', 'slow:1', 'slow:2']);
  });

  it('waits for every runner at a page short of full (the log’s tail), and stop() waits for the page in hand', async () => {
    const store = recordingStore();
    const log = new SharedLog(store, 2);
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const finished: string[] = [];
    const held = log.subscribe({ batchSize: 10, handler: async () => void (await slow, finished.push('slow')) });
    log.subscribe({ batchSize: 10, handler: async () => void finished.push('fast') });
    let settled = false;
    const page = store.subscriptions[0].handler([event('1', 'A')], at(1)).then(() => (settled = true));
    let stopped = false;
    const stopping = held.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect({ settled, stopped, finished }).toEqual({ settled: false, stopped: false, finished: ['fast'] });
    release();
    await Promise.all([page, stopping]);
    expect(finished).toEqual(['fast', 'slow']);
  });

  it('ends the read for all at once when a runner fails its last full page, each told once, and caughtUp() answers the failure', async () => {
    const store = recordingStore();
    const log = new SharedLog(store, 2);
    const applied: string[] = [];
    const errors: string[] = [];
    let release!: () => void;
    const slowFirst = new Promise<void>((resolve) => (release = resolve));
    const failing = log.subscribe({
      batchSize: 1,
      handler: async (events) => {
        if (events[0].id === '1') throw new Error('refused');
        applied.push(`failing:${events[0].id}`);
      },
      onError: (error) => errors.push(`failing:${(error as Error).message}`),
    });
    const other = log.subscribe({
      batchSize: 1,
      handler: async (events) => {
        await slowFirst;
        applied.push(`other:${events[0].id}`);
      },
      onError: (error) => errors.push(`other:${(error as Error).message}`),
    });
    const handler = store.subscriptions[0].handler;
    // A full page, and no read after it waits on it (the log ends there): its failure still ends the read.
    await handler([event('1', 'A')], at(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.sort()).toEqual(['failing:refused', 'other:refused']);
    expect(store.stopped).toBe(1);
    await expect(failing.caughtUp()).rejects.toThrow('refused');
    await expect(other.caughtUp()).rejects.toThrow('refused');
    // The other runner finishes the page it holds; nothing more is handed out, and the failure is not told again.
    release();
    await other.stop();
    await expect(handler([event('2', 'A')], at(2))).rejects.toThrow('refused');
    store.subscriptions[0].onError?.(new Error('refused'));
    expect(applied).toEqual(['other:1']);
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
