/**
 * The batch hook: a projection with `applyBatch` gets all of a tenant's events in a batch at once, under
 * that tenant; when its batch fails, the runner undoes it, applies the events one by one, and stops
 * at the very event that cannot be applied.
 */
import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, type RecordedEvent } from '@stepwise/event-store';
import type { Storage } from '@stepwise/platform';
import { openTestStorage } from '@stepwise/test-support';
import { writeTables } from './rows/table-writes';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ProjectionFailedError } from './projection-stall';
import { projectionsMigrations } from './projections.migrations';

describe('a projection with a batch hook', () => {
  let storage: Storage;
  let runner: ProjectionRunner | undefined;

  beforeEach(async () => {
    storage = await openTestStorage('postgres', { migrations: [...eventStoreMigrations, ...projectionsMigrations], upcasters: [] });
  });
  afterEach(async () => {
    await runner?.stop();
    await storage?.close();
  });

  const append = (tenantId: string, count: number, type = 'Counted') =>
    storage.eventStore.append(tenantId, `counter-${randomUUID()}`, Array.from({ length: count }, () => ({ id: randomUUID(), type, data: {} })));

  const start = async (projection: Projection, errors: unknown[] = []) => {
    runner = new ProjectionRunner(storage.database, storage.eventStore, {
      processor: `batch-probe-${randomUUID().slice(0, 8)}`,
      projections: [projection],
      pollIntervalMs: 20,
      retryMaxMs: 50,
      onError: (error) => errors.push(error),
    });
    await runner.start();
    await runner.caughtUp();
  };

  it('gets each tenant’s run of events at once, in log order, under that tenant', async () => {
    const calls: { tenant: string; setting: string; events: number }[] = [];
    const a = `tenant-a-${randomUUID()}`;
    const b = `tenant-b-${randomUUID()}`;
    await append(a, 3);
    await append(b, 2);
    await start({
      name: 'batched',
      eventTypes: ['Counted'],
      tables: [],
      apply: async () => {
        throw new Error('the batch path should be used');
      },
      applyBatch: async (tx, events: readonly RecordedEvent[]) => {
        const { rows } = await tx.query<{ tenant: string }>(`SELECT current_setting('stepwise.tenant_id', true) AS tenant`);
        calls.push({ tenant: events[0].tenantId, setting: rows[0].tenant, events: events.length });
      },
    });
    expect(calls.filter((call) => call.tenant === a || call.tenant === b)).toEqual([
      { tenant: a, setting: a, events: 3 },
      { tenant: b, setting: b, events: 2 },
    ]);
  });

  it('gets all of a tenant’s events in a batch at once, though other tenants’ events lie between them', async () => {
    const calls: { tenant: string; setting: string; sequence: number[] }[] = [];
    const a = `tenant-a-${randomUUID()}`;
    const b = `tenant-b-${randomUUID()}`;
    const appendNumbered = (tenantId: string, streamId: string, from: number, count: number) =>
      storage.eventStore.append(tenantId, streamId, Array.from({ length: count }, (_, index) => ({ id: randomUUID(), type: 'Counted', data: { n: from + index } })));
    const streamA = `counter-${randomUUID()}`;
    await appendNumbered(a, streamA, 1, 2);
    await appendNumbered(b, `counter-${randomUUID()}`, 1, 1);
    await appendNumbered(a, streamA, 3, 2);
    await start({
      name: 'batched',
      eventTypes: ['Counted'],
      tables: [],
      apply: async () => {
        throw new Error('the batch path should be used');
      },
      applyBatch: async (tx, events: readonly RecordedEvent[]) => {
        const { rows } = await tx.query<{ tenant: string }>(`SELECT current_setting('stepwise.tenant_id', true) AS tenant`);
        calls.push({ tenant: events[0].tenantId, setting: rows[0].tenant, sequence: events.map((event) => (event.data as { n: number }).n) });
      },
    });
    expect(calls.filter((call) => call.tenant === a || call.tenant === b)).toEqual([
      { tenant: a, setting: a, sequence: [1, 2, 3, 4] },
      { tenant: b, setting: b, sequence: [1] },
    ]);
  });

  it('sends the checkpoint with the last batch projection’s write when it takes it', async () => {
    const answered: (Record<string, unknown> | undefined)[] = [];
    const tenantId = `tenant-${randomUUID()}`;
    await append(tenantId, 2);
    await start({
      name: 'with-tail',
      eventTypes: ['Counted'],
      tables: [],
      apply: async () => undefined,
      applyBatch: async (tx, _events, tail) => {
        const { answer } = await writeTables(tx, [], tail);
        answered.push(answer);
        return answer;
      },
    });
    // The checkpoint moved by the projection's statement (a second save by the runner would be refused as a conflict).
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.every((answer) => answer?.saved === 1)).toBe(true);
  });

  it('keeps the owner’s role for projections that run as the owner, and refuses to mix roles in one runner', async () => {
    const tenantId = `tenant-${randomUUID()}`;
    await append(tenantId, 1);
    const seen: { role: string; tenant: string }[] = [];
    const probe = (runsAs?: 'owner'): Projection => ({
      name: `role-probe-${runsAs ?? 'app'}`,
      eventTypes: ['Counted'],
      tables: [],
      runsAs,
      apply: async () => undefined,
      applyBatch: async (tx, events) => {
        const { rows } = await tx.query<{ role: string; tenant: string }>(`SELECT current_user AS role, current_setting('stepwise.tenant_id', true) AS tenant`);
        if (events[0].tenantId === tenantId) seen.push(rows[0]);
      },
    });
    await start(probe('owner'));
    expect(seen).toEqual([{ role: expect.not.stringMatching(/^stepwise_app$/), tenant: tenantId }]);
    expect(() => new ProjectionRunner(storage.database, storage.eventStore, { processor: 'mixed', projections: [probe('owner'), probe()] })).toThrow(/one role/);
  });

  it('a failing batch is undone and applied event by event, stopping at the very event', async () => {
    const tenantId = `tenant-${randomUUID()}`;
    await append(tenantId, 3);
    const poison = (await storage.database.query<{ event_id: string }>(
      'SELECT event_id FROM es_events WHERE tenant_id = $1 ORDER BY global_position OFFSET 1 LIMIT 1',
      [tenantId],
    )).rows[0].event_id;
    const errors: unknown[] = [];
    runner = new ProjectionRunner(storage.database, storage.eventStore, {
      processor: `batch-probe-${randomUUID().slice(0, 8)}`,
      projections: [
        {
          name: 'half-broken',
          eventTypes: ['Counted'],
          tables: [],
          apply: async (_tx, event) => {
            if (event.id === poison) throw new Error('cannot apply this one');
          },
          applyBatch: async () => {
            throw new Error('batch failed');
          },
        },
      ],
      pollIntervalMs: 20,
      retryMaxMs: 50,
      onError: (error) => errors.push(error),
    });
    await runner.start();
    const deadline = Date.now() + 10_000;
    while (!errors.some((error) => error instanceof ProjectionFailedError) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const failed = errors.find((error): error is ProjectionFailedError => error instanceof ProjectionFailedError);
    expect(failed?.details).toMatchObject({ projection: 'half-broken', eventId: poison });
  });
});
