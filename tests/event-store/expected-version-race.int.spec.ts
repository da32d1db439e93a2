/**
 * `any` and `stream-exists` are not concurrency checks: however many writers race on one stream, every
 * such append lands, each stream version exactly once, and the global log holds the stream in version
 * order. PostgreSQL only: PGlite is one session, so its appends take turns and never race. Its event
 * types are its own, so no projection reading the shared test database tries to apply them.
 */
import { randomUUID } from 'node:crypto';
import { migrate, PostgresDatabase } from '@stepwise/database';
import { eventStoreMigrations, SqlEventStore, type ExpectedVersion } from '@stepwise/event-store';
import { testDatabaseUrl } from '../support';

const WRITERS = 32;
const APPENDS_PER_WRITER = 10;

describe('expected-version modes under concurrency (PostgreSQL)', () => {
  let db: PostgresDatabase;
  let store: SqlEventStore;

  beforeAll(async () => {
    db = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: WRITERS });
    await migrate(db, eventStoreMigrations);
    store = new SqlEventStore(db);
  });

  afterAll(async () => {
    await store?.close();
    await db?.close();
  });

  it.each<ExpectedVersion>(['any', 'stream-exists'])(`%s: ${WRITERS} writers x ${APPENDS_PER_WRITER} appends on one stream all land`, async (expected) => {
    const tenant = `tenant-${randomUUID()}`;
    await store.append(tenant, 'journey', [{ id: randomUUID(), type: 'RaceStarted', data: {} }], { expected: 'no-stream' });
    const writer = async (writerIndex: number) => {
      const failures: unknown[] = [];
      for (let n = 0; n < APPENDS_PER_WRITER; n += 1) {
        await store
          .append(tenant, 'journey', [{ id: randomUUID(), type: 'RaceAppended', data: { writerIndex, n } }], { expected })
          .catch((error: unknown) => failures.push(error));
      }
      return failures;
    };
    const failures = (await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)))).flat();
    expect(failures).toEqual([]);
    const total = 1 + WRITERS * APPENDS_PER_WRITER;
    expect(await store.streamVersion(tenant, 'journey')).toBe(total);
    const stored = await store.readStream(tenant, 'journey');
    expect(stored.map((event) => event.streamVersion)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
    // Stream order and log order agree: a later version never sorts before an earlier one in the log.
    const logOrder = [...stored].sort((a, b) => a.txId - b.txId || a.globalPosition - b.globalPosition);
    expect(logOrder.map((event) => event.streamVersion)).toEqual(stored.map((event) => event.streamVersion));
  }, 120_000);
});
