/**
 * The webhook fan-out losing its lease while it is still setting out to follow the log (its session
 * dropped in an outage): it must not subscribe without the lease, or the retry that takes the lease
 * again starts a second subscription beside the first, the two save the one checkpoint over each
 * other (CheckpointConflictError), and stop() leaves the first running.
 */
import { randomUUID } from 'node:crypto';
import type { Lease, SqlDatabase } from '@stepwise/database';
import type { EventStore, Subscription } from '@stepwise/event-store';
import { runInTenant, systemClock } from '@stepwise/kernel';
import { createLogger, openStorage, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { createScratchDatabase, waitUntil, type ScratchDatabase } from '@stepwise/test-support';
import { noWebhookEndpoints } from '../delivery/webhook-endpoint.adapters';
import { WebhookFanOut, WEBHOOK_EVENT_TYPES } from './webhook-fan-out';

/** The database as the fan-out sees it: its leases' loss can be told, and its next read held back. */
const observedDatabase = (database: SqlDatabase) => {
  const leases: { lease: Lease; lost: () => void }[] = [];
  let hold: Promise<void> | undefined;
  let held = false;
  const observed = new Proxy(database, {
    get(target, key) {
      if (key === 'tryLease') {
        return async (name: string, onLost: () => void) => {
          const lease = await target.tryLease(name, onLost);
          if (lease) leases.push({ lease, lost: onLost });
          return lease;
        };
      }
      if (key === 'query') {
        return async (...args: Parameters<SqlDatabase['query']>) => {
          if (hold) {
            const waiting = hold;
            hold = undefined;
            held = true;
            await waiting;
          }
          return target.query(...args);
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { database: observed, leases, holdNextRead: (until: Promise<void>) => (hold = until), held: () => held };
};

/** The store as the fan-out sees it, counting the subscriptions it opened and those it stopped. */
const countedStore = (store: EventStore) => {
  let opened = 0;
  let stopped = 0;
  const counted = new Proxy(store, {
    get(target, key) {
      if (key === 'subscribe') {
        return (...args: Parameters<EventStore['subscribe']>): Subscription => {
          const subscription = target.subscribe(...args);
          opened += 1;
          return { caughtUp: () => subscription.caughtUp(), stop: () => ((stopped += 1), subscription.stop()) };
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: counted, opened: () => opened, stopped: () => stopped };
};

describe('the webhook fan-out losing its lease as it sets out', () => {
  let scratch: ScratchDatabase;
  let storage: Storage;

  beforeAll(async () => {
    scratch = await createScratchDatabase('fan_out_lease');
    storage = await openStorage({ kind: 'postgres', url: scratch.url, poolSize: 4 }, stepwiseSchema);
  });

  afterAll(async () => {
    await storage?.close();
    await scratch?.drop();
  });

  it('does not subscribe without it: one subscription follows the log once the lease is taken again, and stop() ends every one it opened', async () => {
    const observed = observedDatabase(storage.database);
    const counted = countedStore(storage.eventStore);
    const logger = createLogger('worker', 'silent');
    const fanOut = new WebhookFanOut(observed.database, counted.store, noWebhookEndpoints, systemClock, { batchSize: 100, pollIntervalMs: 50, maxAttempts: 3, retryMaxMs: 100 }, logger);
    let release!: () => void;
    observed.holdNextRead(new Promise<void>((resolve) => (release = resolve)));
    const starting = fanOut.start();
    try {
      await waitUntil(() => observed.held(), 'the fan-out holding its lease and reading its checkpoint', 10_000);
      // Its lease's session drops now: the lock is free again, and the fan-out is told.
      const [first] = observed.leases;
      await first.lease.release();
      first.lost();
      release();
      await starting;
      await waitUntil(() => observed.leases.length === 2 && counted.opened() >= 1, 'the lease taken again and the log followed', 10_000);
      const tenant = randomUUID();
      await runInTenant({ tenantId: tenant, correlationId: 'c' }, () =>
        storage.eventStore.append(tenant, `organisation-${randomUUID()}`, [{ id: randomUUID(), type: WEBHOOK_EVENT_TYPES[0], data: {} }]),
      );
      await fanOut.caughtUp();
      expect(counted.opened()).toBe(1);
    } finally {
      await fanOut.stop();
    }
    expect(counted.stopped()).toBe(counted.opened());
  });
});
