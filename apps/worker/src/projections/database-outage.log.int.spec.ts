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
import { adminQuery, beginOutage, createScratchDatabase, type ScratchDatabase, waitUntil } from '@stepwise/test-support';
import { databaseOutageLog } from './database-outage.log';

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
    await waitUntil(() => applied.length === 1, 'the first event applied', 20_000);

    // No session let in, and every session of the database ended.
    const endOutage = await beginOutage(scratch.name);
    await waitUntil(() => lines.some((line) => line.level === 'warn'), 'the outage warned', 20_000);
    const refusedBefore = observed.refused();
    await waitUntil(() => observed.refused() >= refusedBefore + 5, 'several retries refused', 20_000);
    await endOutage();
    await waitUntil(() => lines.some((line) => line.msg === 'database reached again; going on from the stored checkpoint'), 'the database reached again', 20_000);
    await append();
    await waitUntil(() => applied.length === 2, 'the event appended after the outage applied', 20_000);

    const outage = lines.filter((line) => line.level !== 'info' || String(line.msg).startsWith('database'));
    // The outage ended every session, its lease's too: that is said once as well (LEASE_LOST).
    expect(outage).toHaveLength(3);
    expect(outage).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'warn', code: 'LEASE_LOST', processor }),
        expect.objectContaining({ level: 'warn', code: 'DATABASE_UNAVAILABLE', processor, reason: expect.any(String) }),
        expect.objectContaining({ level: 'info', processor, msg: 'database reached again; going on from the stored checkpoint' }),
      ]),
    );
    const unavailable = outage.find((line) => line.code === 'DATABASE_UNAVAILABLE');
    expect(unavailable).not.toHaveProperty('err');
    expect(unavailable?.reason).not.toMatch(/\n\s+at /);
  });
});
