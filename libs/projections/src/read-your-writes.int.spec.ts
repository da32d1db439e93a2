/**
 * Read-your-writes through a real runner on PostgreSQL, with transactions holding ids: a stranger's
 * (another database of the cluster) delays nothing; one of ours delays what committed after it, and
 * when it ends the runner and its waiters catch up at once. And across processes: a runner's
 * notification names the checkpoint it reached, which is enough to answer a waiter.
 */
import { randomUUID } from 'node:crypto';
import { migrate, PostgresDatabase } from '@stepwise/database';
import { eventStoreMigrations, LOG_START, saveCheckpoint, type LogCheckpoint } from '@stepwise/event-store';
import { runInTenant } from '@stepwise/kernel';
import type { Storage } from '@stepwise/platform';
import { holdForeignTransaction, holdTransactionOn, openTestStorage, testDatabaseUrl } from '@stepwise/test-support';
import { CHECKPOINT_CHANNEL, formatCheckpointSignal, parseCheckpointSignal } from './checkpoint-signal';
import { ProjectionRunner } from './projection-runner';
import { projectionsMigrations } from './projections.migrations';
import { checkpointReached, waitForPosition } from './wait-for-position';

describe('read-your-writes beside transactions that hold ids, on PostgreSQL', () => {
  let storage: Storage;
  let runner: ProjectionRunner;
  let processor: string;
  const tenant = `tenant-${randomUUID()}`;
  const applied: string[] = [];

  const append = (): Promise<LogCheckpoint> =>
    runInTenant({ tenantId: tenant, correlationId: 'c' }, async () => {
      const result = await storage.eventStore.append(tenant, `counter-${randomUUID()}`, [{ id: randomUUID(), type: 'Counted', data: {} }]);
      return result.position;
    });

  beforeAll(async () => {
    storage = await openTestStorage('postgres', { migrations: [...eventStoreMigrations, ...projectionsMigrations], upcasters: [] });
    processor = `ryw-${randomUUID()}`;
    runner = new ProjectionRunner(storage.database, storage.eventStore, {
      processor,
      projections: [{ name: 'counting', eventTypes: ['Counted'], tables: [], apply: async (_tx, event) => void applied.push(event.id) }],
      // Far beyond every wait below: only notifications and the horizon backoff can make these pass.
      pollIntervalMs: 10_000,
    });
    await runner.start();
  });

  afterAll(async () => {
    await runner.stop();
    await storage.close();
  });

  it('projects and answers while a transaction holds an id in another database', async () => {
    const stranger = await holdForeignTransaction();
    try {
      const position = await append();
      expect(await waitForPosition(storage.database, processor, position, 2_000)).toBe(true);
      await runner.caughtUp();
    } finally {
      await stranger.end();
    }
  });

  it('waits for a transaction of our database, then answers as soon as it ends', async () => {
    const blocker = await holdTransactionOn(storage.database);
    let ended = false;
    try {
      const position = await append();
      let answer: boolean | undefined;
      const waiting = waitForPosition(storage.database, processor, position, 5_000).then((reached) => (answer = reached));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(answer).toBeUndefined();

      const released = Date.now();
      await blocker.end();
      ended = true;
      expect(await waiting).toBe(true);
      // The runner's poll is 10 s away: it read again on its own, and its signal woke the waiter.
      expect(Date.now() - released).toBeLessThan(1_000);
    } finally {
      if (!ended) await blocker.end();
    }
  });

  it('answers false within the timeout, and the truth later, while our transaction holds', async () => {
    const blocker = await holdTransactionOn(storage.database);
    try {
      const position = await append();
      expect(await waitForPosition(storage.database, processor, position, 100)).toBe(false);
    } finally {
      await blocker.end();
    }
    await runner.caughtUp();
  });
});

describe('read-your-writes woken by another process', () => {
  // Two pools stand for two processes: the api waiting, and a worker's runner committing.
  const api = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 2 });
  const worker = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 2 });

  beforeAll(() => migrate(worker, eventStoreMigrations));

  afterAll(async () => {
    await api.close();
    await worker.close();
  });

  it("a runner's notification names the checkpoint, which answers a waiter without another read", async () => {
    const processor = `signal-${randomUUID()}`;
    await worker.transaction((tx) => saveCheckpoint(tx, processor, LOG_START, { txId: 1000, globalPosition: 1 }));
    const unlisten = await api.listen(CHECKPOINT_CHANNEL, (payload) => {
      const signal = parseCheckpointSignal(payload);
      if (signal.checkpoint) checkpointReached(api, signal.processor, signal.checkpoint);
    });
    try {
      const waiting = waitForPosition(api, processor, { txId: 1000, globalPosition: 5 }, 3_000);
      // Announced but not stored: only the notification can tell the waiter that 5 was reached.
      await worker.query('SELECT pg_notify($1, $2)', [CHECKPOINT_CHANNEL, formatCheckpointSignal(processor, { txId: 1000, globalPosition: 5 })]);
      expect(await waiting).toBe(true);
    } finally {
      await unlisten();
    }
  });
});
