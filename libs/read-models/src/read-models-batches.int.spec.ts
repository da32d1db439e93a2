/**
 * Batches equal one event at a time: every read model and the analytics facts, fed a generated
 * history (several organisations, every event type they read), hold the same rows, row for row,
 * whether the runner applied the log event by event, followed it live while it was written (batches
 * as they came), or rebuilt it in batches cut anywhere, with no batch falling back to one by one.
 */
import { randomUUID } from 'node:crypto';
import { analyticsProjections } from '@stepwise/analytics-infrastructure';
import type { Storage } from '@stepwise/platform';
import { eventByEvent, ProjectionRunner, resetProjections, type Projection } from '@stepwise/projections';
import type { SqlDatabase, SqlExecutor, TransactionOptions } from '@stepwise/database';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { readModelProjections, stepwiseSchema } from './read-models';
import { generateReadModelHistory, type ReadModelHistoryOptions } from './testing/read-model-history.generator';

const everyProjection: readonly Projection[] = [...readModelProjections, ...analyticsProjections()];

// About 600 events on PostgreSQL and 430 on PGlite: every event type, several organisations, and
// each build replays them all (the event-by-event reference one statement at a time). The comparison
// over thousands of events is analytics-processor.int.spec.ts's (3,484 events on each engine).
// The third case has enough organisations for a batch's tenants to go in chunks (tenant-pipeline.ts),
// with the read models alone: the analytics' batch projections read most events, which takes a
// tenant's events out of the pipelines of row projections.
const cases: [string, TestEngine, ReadModelHistoryOptions, number[], 'chunked' | 'whole'][] = [
  ['PostgreSQL', 'postgres', { organisations: 4, journeysPerOrganisation: 3, roundsPerJourney: 6, seed: 11 }, [5_000, 37, 4], 'whole'],
  ['PGlite', 'pglite', { organisations: 3, journeysPerOrganisation: 2, roundsPerJourney: 8, seed: 12 }, [5_000, 9], 'whole'],
  ['PostgreSQL, 20 organisations', 'postgres', { organisations: 20, journeysPerOrganisation: 3, roundsPerJourney: 3, seed: 13 }, [5_000, 400], 'chunked'],
];

/** The database, noting the most pipelines one transaction had in flight at once. */
const countingPipelines = (database: SqlDatabase, noted: { mostInFlight: number }): SqlDatabase => {
  const counted = (tx: SqlExecutor): SqlExecutor => {
    const { pipeline } = tx;
    if (!pipeline) return tx;
    let inFlight = 0;
    return {
      query: (text, values, options) => tx.query(text, values, options),
      exec: (sql) => tx.exec(sql),
      pipeline: async (statements) => {
        inFlight += 1;
        noted.mostInFlight = Math.max(noted.mostInFlight, inFlight);
        try {
          return await pipeline.call(tx, statements);
        } finally {
          inFlight -= 1;
        }
      },
    };
  };
  return new Proxy(database, {
    get(target, property) {
      if (property === 'transaction') return (work: (tx: SqlExecutor) => Promise<unknown>, options?: TransactionOptions) => target.transaction((tx) => work(counted(tx)), options);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};

describe.each(cases)('the read models in batches, on %s', (_name, engine, options, batchSizes, chunks) => {
  const projections = chunks === 'chunked' ? readModelProjections : everyProjection;
  const tables = [...new Set(projections.flatMap((projection) => projection.tables))];
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage(engine, stepwiseSchema);
  });
  afterAll(async () => {
    await storage?.close();
  });

  /** Every row of every table the projections write, as the owner sees them (all tenants), in a stable order. */
  const snapshot = async (): Promise<Record<string, unknown[]>> => {
    const rows: Record<string, unknown[]> = {};
    for (const table of tables) rows[table] = (await storage.database.query(`SELECT * FROM ${table} t ORDER BY to_jsonb(t)::text`)).rows;
    return rows;
  };

  /** Applies the whole log with these projections from empty tables; answers the rows and the failures reported. */
  const build = async (applied: readonly Projection[], batchSize: number): Promise<{ rows: Record<string, unknown[]>; errors: unknown[]; mostInFlight: number }> => {
    const processor = `batches-${randomUUID().slice(0, 8)}`;
    await resetProjections(storage.database, processor, applied);
    const errors: unknown[] = [];
    const noted = { mostInFlight: 0 };
    const runner = new ProjectionRunner(countingPipelines(storage.database, noted), storage.eventStore, {
      processor,
      projections: applied,
      batchSize,
      onError: (error) => errors.push(error),
    });
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    return { rows: await snapshot(), errors, mostInFlight: noted.mostInFlight };
  };

  it('holds the same rows event by event, live, and rebuilt in batches of any size', async () => {
    const history = generateReadModelHistory(options);
    const read = new Set(projections.flatMap((projection) => projection.eventTypes));
    expect([...read].filter((type) => !history.eventTypes.has(type))).toEqual([]);

    // Live: the runner follows the log while the organisations write it, in batches as they come.
    const liveErrors: unknown[] = [];
    const live = new ProjectionRunner(storage.database, storage.eventStore, {
      processor: `batches-live-${randomUUID().slice(0, 8)}`,
      projections,
      pollIntervalMs: 5,
      onError: (error) => liveErrors.push(error),
    });
    await live.start();
    for (const { tenantId, streamId, events } of history.appends) await storage.eventStore.append(tenantId, streamId, events);
    await live.caughtUp();
    await live.stop();
    expect(liveErrors).toEqual([]);
    const followed = await snapshot();

    const oneByOne = await build(projections.map(eventByEvent), 5_000);
    expect(oneByOne.errors).toEqual([]);
    expect(oneByOne.rows.journey_timeline).toHaveLength(
      history.appends.filter((append) => append.streamId.startsWith('journey-')).reduce((sum, append) => sum + append.events.length, 0),
    );
    expect(oneByOne.rows.subject_memberships.length).toBeGreaterThan(0);
    expect(followed).toEqual(oneByOne.rows);

    let mostInFlight = 0;
    for (const batchSize of batchSizes) {
      const batched = await build(projections, batchSize);
      expect({ batchSize, errors: batched.errors }).toEqual({ batchSize, errors: [] });
      expect(batched.rows).toEqual(oneByOne.rows);
      mostInFlight = Math.max(mostInFlight, batched.mostInFlight);
    }
    // In chunks, a batch has several chunks' round trips in flight at once; whole, one at a time.
    expect(mostInFlight > 1 ? 'chunked' : 'whole').toBe(chunks);
  }, 240_000);
});
