/**
 * The one-pass rebuild (`npm run rebuild`): one read of the log feeding the read models and the
 * analytics copy builds, row for row, what the live processors built event by event while the log
 * was written; and a failure part way leaves each checkpoint at what its processor durably wrote, so
 * a worker going on from there ends equal too (nothing skipped, nothing applied twice), leaders keep
 * the old analytics, and the next rebuild completes.
 */
import { ANALYTICS_PROCESSOR, ANALYTICS_REBUILD_PROCESSOR, ANALYTICS_TABLES, analyticsProjections, LIVE_ANALYTICS_SCHEMA } from '@stepwise/analytics-infrastructure';
import { loadCheckpoint, type RecordedEvent } from '@stepwise/event-store';
import type { Storage } from '@stepwise/platform';
import { eventByEvent, ProjectionRunner, READ_MODELS_PROCESSOR, type Projection } from '@stepwise/projections';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { readModelProjections, stepwiseSchema } from './read-models';
import { rebuildAll } from './rebuild-all';
import { generateReadModelHistory, type ReadModelHistoryOptions } from './testing/read-model-history.generator';

const readTables = [...new Set(readModelProjections.flatMap((projection) => projection.tables))];
const analyticsTables = ANALYTICS_TABLES.map((table) => `${LIVE_ANALYTICS_SCHEMA}.${table}`);

// About 600 events on PostgreSQL and 430 on PGlite, every event type over several organisations,
// the whole log replayed four times below (twice event by event), and part of it twice more.
const cases: [string, TestEngine, ReadModelHistoryOptions, number][] = [
  ['PostgreSQL', 'postgres', { organisations: 4, journeysPerOrganisation: 3, roundsPerJourney: 6, seed: 21 }, 97],
  ['PGlite', 'pglite', { organisations: 3, journeysPerOrganisation: 2, roundsPerJourney: 8, seed: 22 }, 41],
];

/** The projection failing at one event, batched or one by one (so the runner stops there). */
const failingAt = (projection: Projection, eventId: string): Projection => {
  const refuse = (event: RecordedEvent): void => {
    if (event.id === eventId) throw new Error(`refused ${eventId}`);
  };
  const { rows: fold, applyBatch } = projection;
  return {
    ...projection,
    apply: async (tx, event) => (refuse(event), projection.apply(tx, event)),
    applyBatch: applyBatch && (async (tx, events) => (events.forEach(refuse), applyBatch(tx, events))),
    rows: fold && { ...fold, apply: async (tables, event) => (refuse(event), fold.apply(tables, event)) },
  };
};

describe.each(cases)('the one-pass rebuild, on %s', (_name, engine, options, batchSize) => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage(engine, stepwiseSchema);
  });
  afterAll(async () => {
    await storage?.close();
  });

  const snapshot = async (tables: readonly string[]): Promise<Record<string, unknown[]>> => {
    const rows: Record<string, unknown[]> = {};
    for (const table of tables) rows[table] = (await storage.database.query(`SELECT * FROM ${table} t ORDER BY to_jsonb(t)::text`)).rows;
    return rows;
  };

  const follow = async (processor: string, projections: readonly Projection[]): Promise<unknown[]> => {
    const errors: unknown[] = [];
    const runner = new ProjectionRunner(storage.database, storage.eventStore, { processor, projections, pollIntervalMs: 5, onError: (error) => errors.push(error) });
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    return errors;
  };

  it('equals the live processors row for row; after a failure part way, every processor goes on from what it durably wrote', async () => {
    const history = generateReadModelHistory(options);
    for (const { tenantId, streamId, events } of history.appends) await storage.eventStore.append(tenantId, streamId, events);
    // The reference: each processor event by event, as the live worker's definition.
    expect(await follow(READ_MODELS_PROCESSOR, readModelProjections.map(eventByEvent))).toEqual([]);
    expect(await follow(ANALYTICS_PROCESSOR, analyticsProjections(LIVE_ANALYTICS_SCHEMA, { batched: false }))).toEqual([]);
    const readModels = await snapshot(readTables);
    const analytics = await snapshot(analyticsTables);
    expect(readModels.journey_timeline.length).toBeGreaterThan(100);
    expect(analytics[`${LIVE_ANALYTICS_SCHEMA}.reflections`].length).toBeGreaterThan(10);

    // One pass, in batches cut anywhere: the same rows.
    const errors: unknown[] = [];
    const positions: number[] = [];
    const built = await rebuildAll(storage.database, storage.eventStore, { batchSize, onError: (error) => errors.push(error), onProgress: (at) => positions.push(at) });
    expect(errors).toEqual([]);
    expect(positions.length).toBeGreaterThan(2);
    // Reported once both have applied a page: the first line is not "0 of N events".
    expect(positions[0]).toBeGreaterThan(0);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(await snapshot(readTables)).toEqual(readModels);
    expect(await snapshot(analyticsTables)).toEqual(analytics);
    expect((await loadCheckpoint(storage.database, READ_MODELS_PROCESSOR)).globalPosition).toBe(built.globalPosition);

    // A read model refusing an event half way through the log: the rebuild fails.
    const { rows: log } = await storage.database.query<{ event_id: string; global_position: string }>(
      'SELECT event_id, global_position FROM es_events ORDER BY global_position',
    );
    const refused = log[Math.floor(log.length / 2)];
    const failing = readModelProjections.map((projection) => (projection.eventTypes.length > 0 ? failingAt(projection, refused.event_id) : projection));
    await expect(rebuildAll(storage.database, storage.eventStore, { batchSize, readModels: failing })).rejects.toThrow();
    // The read models' checkpoint is at what they wrote, before the refused event; the analytics
    // copy and its checkpoint are dropped (left, it would show as ever-growing lag), and leaders
    // still read the analytics built before.
    const stoppedAt = await loadCheckpoint(storage.database, READ_MODELS_PROCESSOR);
    expect(stoppedAt.globalPosition).toBeLessThan(Number(refused.global_position));
    expect(stoppedAt.globalPosition).toBeGreaterThan(0);
    expect((await storage.database.query('SELECT 1 FROM es_checkpoints WHERE processor = $1', [ANALYTICS_REBUILD_PROCESSOR])).rows).toEqual([]);
    expect(await snapshot(analyticsTables)).toEqual(analytics);
    const partial = await snapshot(readTables);
    expect(partial.journey_timeline.length).toBeLessThan(readModels.journey_timeline.length);

    // A worker goes on from the read models' checkpoint: the same rows as the reference, none twice.
    expect(await follow(READ_MODELS_PROCESSOR, readModelProjections)).toEqual([]);
    expect(await snapshot(readTables)).toEqual(readModels);

    // The next rebuild completes.
    await rebuildAll(storage.database, storage.eventStore, { batchSize });
    expect(await snapshot(readTables)).toEqual(readModels);
    expect(await snapshot(analyticsTables)).toEqual(analytics);
  }, 240_000);
});
