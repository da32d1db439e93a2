/**
 * A projection runner of the worker while its database lets no session in, as logged: one warning
 * with the reason and no stack when it starts failing, however often it retries, one line when it is
 * reached again, and no error lines for the outage.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { migrate, PostgresDatabase } from '@stepwise/database';
import { eventStoreMigrations, SqlEventStore, type RecordedEvent } from '@stepwise/event-store';
import { runInTenant } from '@stepwise/kernel';
import { createLogger } from '@stepwise/platform';
import { ProjectionRunner, projectionsMigrations, type Projection } from '@stepwise/projections';
import { adminQuery, createScratchDatabase, type ScratchDatabase } from '@stepwise/test-support';
import { databaseOutageLog } from './database-outage.log';

const waitFor = async (what: string, condition: () => boolean): Promise<void> => {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** The database as the runner uses it, counting the calls it refused: how often the runner tried. */
const countingRefusals = (database: PostgresDatabase): { database: PostgresDatabase; refused: () => number } => {
  let refused = 0;
  const counted = new Proxy(database, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const answer: unknown = value.apply(target, args);
        if (answer instanceof Promise) answer.catch(() => (refused += 1));
        return answer;
      };
    },
  });
  return { database: counted, refused: () => refused };
};

describe('a worker projection runner through a database outage', () => {
  const applicationName = 'outage-log';
  let scratch: ScratchDatabase;
  let database: PostgresDatabase;
  let runner: ProjectionRunner | undefined;
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    'worker',
    'info',
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );

  beforeAll(async () => {
    scratch = await createScratchDatabase('outage_log');
    database = new PostgresDatabase({ connectionString: scratch.url, max: 3, applicationName });
    await migrate(database, [...eventStoreMigrations, ...projectionsMigrations]);
  });

  afterAll(async () => {
    await adminQuery(`ALTER DATABASE ${scratch.name} ALLOW_CONNECTIONS true`);
    await runner?.stop();
    await database.close();
    await scratch.drop();
  });

  it('warns once with the reason when the database goes, says once when it is back, and logs no error for it', async () => {
    const tenant = `tenant-${randomUUID()}`;
    const applied: string[] = [];
    const counting: Projection = { name: 'counting', eventTypes: ['Counted'], tables: [], apply: async (_tx, event: RecordedEvent) => void applied.push(event.id) };
    const store = new SqlEventStore(database);
    const append = () => runInTenant({ tenantId: tenant, correlationId: 'c' }, () => store.append(tenant, `counter-${randomUUID()}`, [{ id: randomUUID(), type: 'Counted', data: {} }]));
    const processor = `outage-log-${randomUUID().slice(0, 8)}`;
    const observed = countingRefusals(database);
    runner = new ProjectionRunner(observed.database, new SqlEventStore(observed.database), {
      processor,
      projections: [counting],
      pollIntervalMs: 50,
      retryMaxMs: 100,
      // As the worker's runners log any other failure.
      onError: (error) => logger.error({ err: error }, 'projection failed; retrying from the stored checkpoint'),
      ...databaseOutageLog(logger, processor),
    });
    await runner.start();
    await append();
    await waitFor('the first event applied', () => applied.length === 1);

    // No session let in, and every session of the database ended.
    await adminQuery(`ALTER DATABASE ${scratch.name} ALLOW_CONNECTIONS false`);
    await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${scratch.name}' AND pid <> pg_backend_pid()`);
    await waitFor('the outage warned', () => lines.some((line) => line.level === 'warn'));
    const refusedBefore = observed.refused();
    await waitFor('several retries refused', () => observed.refused() >= refusedBefore + 5);
    await adminQuery(`ALTER DATABASE ${scratch.name} ALLOW_CONNECTIONS true`);
    await waitFor('the database reached again', () => lines.some((line) => line.msg === 'database reached again; going on from the stored checkpoint'));
    await append();
    await waitFor('the event appended after the outage applied', () => applied.length === 2);

    const outage = lines.filter((line) => line.level !== 'info' || String(line.msg).startsWith('database'));
    expect(outage).toEqual([
      expect.objectContaining({ level: 'warn', code: 'DATABASE_UNAVAILABLE', processor, reason: expect.any(String) }),
      expect.objectContaining({ level: 'info', processor, msg: 'database reached again; going on from the stored checkpoint' }),
    ]);
    expect(outage[0]).not.toHaveProperty('err');
    expect(outage[0].reason).not.toMatch(/\n\s+at /);
  });
});
