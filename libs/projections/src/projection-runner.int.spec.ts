import { migrate, PostgresDatabase } from '@stepwise/database';
import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, SqlEventStore, type RecordedEvent } from '@stepwise/event-store';
import { runInTenant } from '@stepwise/kernel';
import { testDatabaseUrl } from '@stepwise/test-support';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { projectionsMigrations } from './projections.migrations';

/** Two workers' runners for one processor: one leads, the other stands by and takes over. */
describe('ProjectionRunner leadership on PostgreSQL', () => {
  const databases = [0, 1].map(() => new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 3 }));
  const store = new SqlEventStore(databases[0]);
  // Each test has its own processor, tenant and runners, so the tests pass in any order.
  let tenant: string;
  let runners: ProjectionRunner[];
  let applied: { runner: number; id: string }[];
  let conflicts: unknown[];

  const counting = (runner: number): Projection => ({
    name: 'counting',
    eventTypes: ['Counted'],
    tables: [],
    apply: async (_tx, event: RecordedEvent) => {
      if (event.tenantId === tenant) applied.push({ runner, id: event.id });
    },
  });

  const append = (count: number) =>
    runInTenant({ tenantId: tenant, correlationId: 'c' }, () =>
      store.append(tenant, `counter-${randomUUID()}`, Array.from({ length: count }, () => ({ id: randomUUID(), type: 'Counted', data: {} }))),
    );

  const waitFor = async (condition: () => boolean): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    await migrate(databases[0], [...eventStoreMigrations, ...projectionsMigrations]);
  });

  beforeEach(async () => {
    const processor = `lease-probe-${randomUUID()}`;
    tenant = `tenant-${randomUUID()}`;
    applied = [];
    conflicts = [];
    runners = databases.map(
      (database, index) =>
        new ProjectionRunner(database, new SqlEventStore(database), {
          processor,
          projections: [counting(index)],
          pollIntervalMs: 50,
          onError: (error) => conflicts.push(error),
        }),
    );
    await runners[0].start();
    await runners[1].start();
  });

  afterEach(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
  });

  afterAll(async () => {
    await store.close();
    await Promise.all(databases.map((database) => database.close()));
  });

  it('lets exactly one runner apply batches while both run', async () => {
    expect(runners.map((runner) => runner.leading)).toEqual([true, false]);
    await append(5);
    await append(5);
    await waitFor(() => applied.length >= 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(applied).toHaveLength(10);
    expect(new Set(applied.map((entry) => entry.runner))).toEqual(new Set([0]));
    expect(conflicts).toEqual([]);
  });

  it('hands over to the standby when the leader stops, which carries on from the checkpoint', async () => {
    await append(4);
    await waitFor(() => applied.length >= 4);
    await runners[0].stop();
    await waitFor(() => runners[1].leading);
    await append(3);
    await waitFor(() => applied.length >= 7);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(applied).toHaveLength(7);
    expect(applied.map((entry) => entry.runner)).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(new Set(applied.map((entry) => entry.id)).size).toBe(7);
  });
});

describe('ProjectionRunner stopped while it starts, on PostgreSQL', () => {
  const database = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 3 });
  const store = new SqlEventStore(database);

  beforeAll(() => migrate(database, [...eventStoreMigrations, ...projectionsMigrations]));

  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('applies nothing and holds no lease once stop() has returned, though its start was still preparing', async () => {
    const tenant = `tenant-${randomUUID()}`;
    const processor = `stopped-starting-${randomUUID()}`;
    const applied: string[] = [];
    let preparing!: () => void;
    const prepared = new Promise<void>((resolve) => (preparing = resolve));
    const counting: Projection = { name: 'counting', eventTypes: ['Counted'], tables: [], apply: async (_tx, event) => void applied.push(event.id) };
    const runner = new ProjectionRunner(database, store, { processor, projections: [counting], pollIntervalMs: 50, prepare: () => prepared });
    const starting = runner.start();
    while (!runner.leading) await new Promise((resolve) => setTimeout(resolve, 10));
    await runner.stop();
    preparing();
    await starting;

    await runInTenant({ tenantId: tenant, correlationId: 'c' }, () =>
      store.append(tenant, `counter-${randomUUID()}`, [{ id: randomUUID(), type: 'Counted', data: {} }]),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(applied).toEqual([]);
    // Another runner of the processor can lead at once: nothing of the stopped one holds on.
    const next = new ProjectionRunner(database, store, { processor, projections: [{ ...counting, apply: async () => undefined }], pollIntervalMs: 50 });
    await next.start();
    expect(next.leading).toBe(true);
    await next.stop();
  });
});
