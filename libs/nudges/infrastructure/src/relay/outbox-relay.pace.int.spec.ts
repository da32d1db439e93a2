/**
 * The relay's pace: while it keeps being woken, a pass starts no sooner than `paceMs` after the
 * previous one began, so under a stream of nudges one pass takes in and queues many; a wake-up
 * during the wait is not lost (a pass follows it), and a stop cuts the wait short. The passes'
 * own work (intake, queueing, recovery) is stood in for by recorders here: what is under test is
 * when passes run, woken by real notifications on PostgreSQL and PGlite.
 */
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { openTestStorage, waitUntil, type TestEngine } from '@stepwise/test-support';
import pino from 'pino';
import { NUDGES_CHANNEL } from '../delivery/nudge-delivery.migration';
import type { DeliveryEnqueuer } from './delivery-enqueuer';
import type { DeliveryRecovery } from './delivery-recovery';
import type { OutboxIntake } from './outbox-intake';
import { OutboxRelay, type RelayQueue } from './outbox-relay';

/** How much later than the relay's own instant a recorder may note a pass on a busy machine. */
const SCHEDULING_MS = 50;

/** A relay whose passes record when they began (monotonic ms) and find nothing to do. */
const recordingRelay = (storage: Storage, paceMs: number) => {
  const passes: number[] = [];
  const intake = { takeBatch: async () => (passes.push(performance.now()), 0) } as unknown as OutboxIntake;
  const enqueuer = { queueBatch: async () => 0 } as unknown as DeliveryEnqueuer;
  const recovery = { expireLeases: async () => 0, requeueStale: async () => 0, requeueAll: async () => 0 } as unknown as DeliveryRecovery;
  const queue: RelayQueue = { accepting: true, onDataLost: () => undefined, longestWaitMs: async () => 0 };
  const relay = new OutboxRelay(
    storage.database,
    intake,
    enqueuer,
    recovery,
    queue,
    { batchSize: 100, pollIntervalMs: 60_000, recoveryIntervalMs: 60_000, staleAfterMs: 120_000, paceMs },
    pino({ level: 'silent' }),
  );
  return { relay, passes };
};

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('the nudge relay paced, on %s', (_name, engine) => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage(engine, stepwiseSchema, { poolSize: 4 });
  });
  afterAll(() => storage?.close());

  const notify = () => storage.database.query('SELECT pg_notify($1, $2)', [NUDGES_CHANNEL, 'owed']);

  it('starts a pass no sooner than the pace after the one before, and a wake-up during the wait still gets its pass', async () => {
    const paceMs = 300;
    const { relay, passes } = recordingRelay(storage, paceMs);
    await relay.start();
    try {
      await waitUntil(() => passes.length === 1, 'the first pass');
      let lastNotified = 0;
      for (let burst = 0; burst < 6; burst += 1) {
        // Noted before it is sent: PGlite delivers a notification before the query that sent it returns.
        lastNotified = performance.now();
        await notify();
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      await waitUntil(() => passes.some((started) => started > lastNotified), 'a pass after the last wake-up');
      const gaps = passes.slice(1).map((started, index) => started - passes[index]);
      // Six wake-ups over about 240 ms: unpaced, passes would follow them 40 ms apart. Paced, each gap
      // is at least the pace as the relay counts it. The recorder notes a pass a moment after the relay
      // has taken its instant (the same synchronous step, but a garbage collection or a busy machine
      // descheduling the process can fall between the two: once 5 ms), so a gap may read short by
      // that much: allow SCHEDULING_MS.
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(paceMs - SCHEDULING_MS);
    } finally {
      await relay.stop();
    }
  });

  it('stops during the wait at once, without the pass it was waiting for', async () => {
    const { relay, passes } = recordingRelay(storage, 60_000);
    await relay.start();
    await waitUntil(() => passes.length === 1, 'the first pass');
    await notify();
    // The notification has been heard once the relay is waiting out its pace: give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopping = performance.now();
    await relay.stop();
    expect(performance.now() - stopping).toBeLessThan(10_000);
    expect(passes).toHaveLength(1);
  });

  it('without a pace, a wake-up after a pass gets the next one at once', async () => {
    const { relay, passes } = recordingRelay(storage, 0);
    await relay.start();
    try {
      await waitUntil(() => passes.length === 1, 'the first pass');
      await notify();
      // The poll is a minute away: only the notification can bring this pass.
      await waitUntil(() => passes.length === 2, 'a second pass');
    } finally {
      await relay.stop();
    }
  });
});
