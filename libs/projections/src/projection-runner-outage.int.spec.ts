/**
 * A leading runner whose database lets no new session in for a while, its lease's session surviving
 * (a full server, a pooler refusing new clients): its reads fail, and so may each attempt to follow
 * the log again, until sessions are let in. It must keep trying, not stand still holding the lease.
 */
import { randomUUID } from 'node:crypto';
import { isDatabaseUnavailable, migrate, PostgresDatabase } from '@stepwise/database';
import { eventStoreMigrations, SqlEventStore, type RecordedEvent } from '@stepwise/event-store';
import { runInTenant } from '@stepwise/kernel';
import { adminQuery, beginOutage, createScratchDatabase, type ScratchDatabase, waitUntil } from '@stepwise/test-support';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { projectionsMigrations } from './projections.migrations';

describe('a leading runner while its database refuses new sessions', () => {
  const applicationName = 'runner-outage';
  let scratch: ScratchDatabase;
  let database: PostgresDatabase;
  let runner: ProjectionRunner | undefined;

  beforeAll(async () => {
    scratch = await createScratchDatabase('runner_outage');
    database = new PostgresDatabase({ connectionString: scratch.url, max: 3, applicationName });
    await migrate(database, [...eventStoreMigrations, ...projectionsMigrations]);
  });

  afterAll(async () => {
    await adminQuery(`ALTER DATABASE ${scratch.name} ALLOW_CONNECTIONS true`);
    await runner?.stop();
    await database.close();
    await scratch.drop();
  });

  it('follows the log again once sessions are let in, though its lease held throughout', async () => {
    const tenant = `tenant-${randomUUID()}`;
    const applied: string[] = [];
    const errors: unknown[] = [];
    const counting: Projection = {
      name: 'counting',
      eventTypes: ['Counted'],
      tables: [],
      apply: async (_tx, event: RecordedEvent) => void applied.push(event.id),
    };
    const store = new SqlEventStore(database);
    const append = () => runInTenant({ tenantId: tenant, correlationId: 'c' }, () => store.append(tenant, `counter-${randomUUID()}`, [{ id: randomUUID(), type: 'Counted', data: {} }]));
    runner = new ProjectionRunner(database, new SqlEventStore(database), {
      processor: `outage-${randomUUID().slice(0, 8)}`,
      projections: [counting],
      pollIntervalMs: 50,
      retryMaxMs: 100,
      onError: (error) => errors.push(error),
    });
    await runner.start();
    await append();
    await waitUntil(() => applied.length === 1, 'the first event applied', 20_000);

    // No new session is let in, and the pool's sessions end; the lease's and the listening ones stay.
    const endOutage = await beginOutage(scratch.name, applicationName);
    // Its next read fails, and then its first attempt to follow the log again.
    await waitUntil(() => errors.filter(isDatabaseUnavailable).length >= 2, 'a failed read and a failed resumption', 20_000);
    await endOutage();

    expect(runner.leading).toBe(true);
    await append();
    await waitUntil(() => applied.length === 2, 'the event appended after the outage applied', 20_000);
  });
});

describe('a runner that takes the lease but cannot start following', () => {
  let scratch: ScratchDatabase;
  let database: PostgresDatabase;

  beforeAll(async () => {
    scratch = await createScratchDatabase('runner_unready');
    database = new PostgresDatabase({ connectionString: scratch.url, max: 2 });
    // The log and its checkpoints, but not the projections' own tables: reading where it stands fails.
    await migrate(database, eventStoreMigrations);
  });

  afterAll(async () => {
    await database.close();
    await scratch.drop();
  });

  it('gives the lease back, so that it or another runner can take it and lead', async () => {
    const processor = `unready-${randomUUID().slice(0, 8)}`;
    const runner = new ProjectionRunner(database, new SqlEventStore(database), { processor, projections: [] });
    await expect(runner.start()).rejects.toThrow();
    expect(runner.leading).toBe(false);
    const other = new PostgresDatabase({ connectionString: scratch.url, max: 1 });
    try {
      const lease = await other.tryLease(`projection:${processor}`, () => undefined);
      expect(lease).toBeDefined();
      await lease?.release();
    } finally {
      await runner.stop();
      await other.close();
    }
  });
});

describe('a leading runner whose lease session ends', () => {
  let scratch: ScratchDatabase;
  let database: PostgresDatabase;

  beforeAll(async () => {
    scratch = await createScratchDatabase('runner_lease_lost');
    database = new PostgresDatabase({ connectionString: scratch.url, max: 2 });
    await migrate(database, [...eventStoreMigrations, ...projectionsMigrations]);
  });

  afterAll(async () => {
    await database.close();
    await scratch.drop();
  });

  it('says it lost the lease, stands by, and leads again when nobody else does', async () => {
    const events: string[] = [];
    const runner = new ProjectionRunner(database, new SqlEventStore(database), {
      processor: `lease-lost-${randomUUID().slice(0, 8)}`,
      projections: [{ name: 'nothing', eventTypes: ['Counted'], tables: [], apply: async () => undefined }],
      onLeaseLost: () => events.push('lease lost'),
      onRole: (role) => events.push(role),
    });
    try {
      await runner.start();
      expect(events).toEqual(['leader']);
      // As the database ends a frozen holder's silent session, or a failover ends every session.
      await database.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'stepwise-lease'`);
      await waitUntil(() => events.length >= 4, 'the lease lost, and taken again', 20_000);
      expect(events).toEqual(['leader', 'lease lost', 'standby', 'leader']);
      expect(runner.leading).toBe(true);
    } finally {
      await runner.stop();
    }
  });
});
