/**
 * The analytics processor against real storage: it backfills from the log start by itself, a failure
 * in it leaves the read models mutations wait on undisturbed, and a full rebuild (built beside the
 * live tables and swapped in) equals, row for row, what the live processor built while the history
 * was being written, after which the live processor goes on in the new tables.
 */
import { randomUUID } from 'node:crypto';
import { journeyStreamId } from '@stepwise/journeys-domain';
import type { Storage } from '@stepwise/platform';
import { ProjectionRunner, READ_MODELS_PROCESSOR, readProjectionStalls, type Projection } from '@stepwise/projections';
import { readModelProjections, stepwiseSchema } from '@stepwise/read-models';
import { openTestStorage, waitUntil, type TestEngine } from '@stepwise/test-support';
import { pivotFacts, type DirectionHistoryEntry } from '@stepwise/analytics-domain';
import { ANALYTICS_PROCESSOR, ANALYTICS_REBUILD_PROCESSOR, analyticsProjections } from './analytics.processor';
import { analyticsRebuildRunner, completeAnalyticsRebuild, completeAnalyticsRebuildOf, discardAbandonedAnalyticsRebuild, rebuildAnalytics } from './analytics.rebuild';
import { ANALYTICS_TABLES, LIVE_ANALYTICS_SCHEMA, NEXT_ANALYTICS_SCHEMA } from './analytics.schema';
import { appendHistory, generateHistory } from './testing/analytics-history.generator';

const waitFor = <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> => waitUntil(probe, what, timeoutMs);

/** Every row of every fact table, in a stable order, as the superuser sees them (all tenants). */
const snapshot = async (storage: Storage): Promise<Record<string, unknown[]>> => {
  const tables: Record<string, unknown[]> = {};
  for (const table of ANALYTICS_TABLES) {
    const { rows } = await storage.database.query(`SELECT * FROM ${LIVE_ANALYTICS_SCHEMA}.${table} t ORDER BY row_to_json(t)::text`);
    tables[table] = rows;
  }
  return tables;
};

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('the analytics processor, on %s', (_name, engine) => {
  let storage: Storage;
  const runners: ProjectionRunner[] = [];

  beforeEach(async () => {
    storage = await openTestStorage(engine, stepwiseSchema);
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    await storage?.close();
  });

  const run = async (processor: string, projections: readonly Projection[]): Promise<ProjectionRunner> => {
    const runner = new ProjectionRunner(storage.database, storage.eventStore, { processor, projections, pollIntervalMs: 20, retryMaxMs: 50 });
    runners.push(runner);
    await runner.start();
    return runner;
  };

  it('a new processor backfills from the start of the log by itself', async () => {
    const history = generateHistory({ organisations: 2, journeysPerOrganisation: 2, roundsPerJourney: 10, seed: 7 });
    await appendHistory(storage.eventStore, history.appends);
    const analytics = await run(ANALYTICS_PROCESSOR, analyticsProjections());
    await analytics.caughtUp();
    const tables = await snapshot(storage);
    expect(tables.journeys).toHaveLength(4);
    expect(tables.memberships.length).toBeGreaterThanOrEqual(2 * 2 * 6);
    expect(tables.reflections.length).toBeGreaterThan(0);
  });

  it('a failing analytics projection stalls only analytics: the read models go on', async () => {
    const failing: Projection = {
      name: 'always-failing',
      eventTypes: ['JourneyStarted'],
      tables: [],
      apply: async () => {
        throw new Error('broken metric');
      },
    };
    await run(ANALYTICS_PROCESSOR, [...analyticsProjections(), failing]);
    await run(READ_MODELS_PROCESSOR, readModelProjections);
    const tenantId = `org-${randomUUID()}`;
    const at = '2026-11-02T09:00:00.000Z';
    await storage.eventStore.append(tenantId, journeyStreamId('j1'), [
      { id: randomUUID(), type: 'JourneyStarted', data: { journeyId: 'j1', teamId: 't1', at, title: 'Goes on', startedBy: 'm1' } },
    ]);
    await waitFor(async () => {
      const { rows } = await storage.database.query('SELECT 1 FROM journeys WHERE tenant_id = $1', [tenantId]);
      return rows.length === 1 ? true : undefined;
    }, 'the journey in the read models');
    const stall = await waitFor(async () => (await readProjectionStalls(storage.database)).find((found) => found.processor === ANALYTICS_PROCESSOR), 'the analytics stall reported');
    expect(stall.projection).toBe('always-failing');
    const { rows } = await storage.database.query(`SELECT 1 FROM ${LIVE_ANALYTICS_SCHEMA}.journeys WHERE tenant_id = $1`, [tenantId]);
    expect(rows).toEqual([]);
  });

  it('a full rebuild (batched) equals the live tables (event by event) row for row, and the live processor goes on in the new tables', async () => {
    const history = generateHistory({ organisations: 4, journeysPerOrganisation: 5, roundsPerJourney: 40, seed: 42 });
    expect(history.events).toBeGreaterThan(3_000);
    // The live processor applies event by event while the log is written; the rebuild applies whole batches at once.
    const live = await run(ANALYTICS_PROCESSOR, analyticsProjections(LIVE_ANALYTICS_SCHEMA, { batched: false }));
    await appendHistory(storage.eventStore, history.appends);
    await live.caughtUp();
    const built = await snapshot(storage);
    expect(built.reflections.length).toBeGreaterThan(1_000);
    expect(built.pivots.length).toBeGreaterThan(10);

    // The SQL that keeps each journey's run of NOs is the domain's definition: same pivots, same first NOs.
    const histories = new Map<string, DirectionHistoryEntry[]>();
    for (const { tenantId, events } of history.appends) {
      for (const { type, data } of events) {
        const key = `${tenantId}/${String(data.journeyId)}`;
        const at = new Date(String(data.at));
        if (type === 'ReflectionRecorded') histories.set(key, [...(histories.get(key) ?? []), { kind: 'reflection', closer: data.closer as 'YES', at }]);
        if (type === 'PivotMade') histories.set(key, [...(histories.get(key) ?? []), { kind: 'pivot', pivotId: String(data.pivotId), at }]);
        if (type === 'DirectionSet') histories.set(key, [...(histories.get(key) ?? []), { kind: 'direction', at }]);
      }
    }
    const expectedPivots = [...histories].flatMap(([key, entries]) =>
      pivotFacts(entries).map((fact) => `${key}/${fact.pivotId}:${fact.firstNoAt?.toISOString() ?? 'none'}`),
    );
    const projectedPivots = (built.pivots as { tenant_id: string; journey_id: string; pivot_id: string; first_no_at: Date | null }[]).map(
      (row) => `${row.tenant_id}/${row.journey_id}/${row.pivot_id}:${row.first_no_at ? new Date(row.first_no_at).toISOString() : 'none'}`,
    );
    expect(projectedPivots.sort()).toEqual(expectedPivots.sort());
    // Each organisation's m5 took a step, left, was added again as m5-again and reflected on it: their own step's loop is closed.
    const rejoinSteps = (built.steps as { step_id: string; owner_person: string | null; first_owner_reflection_at: Date | null }[]).filter((row) => row.step_id === 'rejoin-step');
    expect(rejoinSteps).toHaveLength(history.tenantIds.length);
    for (const step of rejoinSteps) expect(step.owner_person).toMatch(/\|m5$/);
    for (const step of rejoinSteps) expect(step.first_owner_reflection_at).not.toBeNull();

    // While the copy is built beside them, the live tables stay whole.
    let batches = 0;
    const liveCounts: Promise<number>[] = [];
    const countLive = async (): Promise<number> =>
      (await storage.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${LIVE_ANALYTICS_SCHEMA}.reflections`)).rows[0].n;
    const rebuildErrors: unknown[] = [];
    await rebuildAnalytics(storage.database, storage.eventStore, {
      batchSize: 250,
      onError: (error) => rebuildErrors.push(error),
      onBatch: () => {
        batches += 1;
        liveCounts.push(countLive());
      },
    });
    expect(batches).toBeGreaterThan(1);
    // No batch fell back to event by event: the multi-row path built these tables.
    expect(rebuildErrors).toEqual([]);
    expect(new Set(await Promise.all(liveCounts))).toEqual(new Set([built.reflections.length]));
    expect(await snapshot(storage)).toEqual(built);

    // After the swap the live processor finds its checkpoint moved, reloads it, and writes into the new tables.
    const tenantId = history.tenantIds[0];
    await storage.eventStore.append(tenantId, journeyStreamId('after-rebuild'), [
      { id: randomUUID(), type: 'JourneyStarted', data: { journeyId: 'after-rebuild', teamId: 't0', at: '2027-01-04T09:00:00.000Z', title: 'Later', startedBy: 'm1' } },
    ]);
    await waitFor(async () => {
      const { rows } = await storage.database.query(`SELECT 1 FROM ${LIVE_ANALYTICS_SCHEMA}.journeys WHERE tenant_id = $1 AND journey_id = 'after-rebuild'`, [tenantId]);
      return rows.length === 1 ? true : undefined;
    }, 'the live processor projecting into the rebuilt tables');
    const { rows } = await storage.database.query(`SELECT count(*)::int AS n FROM ${LIVE_ANALYTICS_SCHEMA}.journeys`);
    expect(rows[0].n).toBe(built.journeys.length + 1);
  }, 120_000);

  it('the live processor goes back to the swapped-in checkpoint at once: what it applied to the old tables after the copy stopped is in the new ones with no later write', async () => {
    const live = await run(ANALYTICS_PROCESSOR, analyticsProjections());
    const tenantId = randomUUID();
    const start = (journeyId: string) =>
      storage.eventStore.append(tenantId, journeyStreamId(journeyId), [
        { id: randomUUID(), type: 'JourneyStarted', data: { journeyId, teamId: 't0', at: '2027-01-04T09:00:00.000Z', title: journeyId, startedBy: 'm1' } },
      ]);
    await start('before-copy');
    await live.caughtUp();
    // The copy is built and stops; then two journeys start, which the live processor applies to the old tables.
    const copy = analyticsRebuildRunner(storage.database, storage.eventStore);
    await copy.start();
    await copy.caughtUp();
    await copy.stop();
    await start('after-copy-1');
    await start('after-copy-2');
    await live.caughtUp();
    await completeAnalyticsRebuild(storage.database);
    // Nothing more is written: the swap itself sends the live processor back to the copy's checkpoint.
    await waitFor(async () => {
      const { rows } = await storage.database.query<{ journey_id: string }>(`SELECT journey_id FROM ${LIVE_ANALYTICS_SCHEMA}.journeys WHERE tenant_id = $1 ORDER BY journey_id`, [tenantId]);
      return rows.length === 3 ? rows.map((row) => row.journey_id) : undefined;
    }, 'the journeys started after the copy stopped, in the swapped-in tables', 10_000);
  }, 60_000);
});

/**
 * The rebuild lease is the database's (an advisory lock on PostgreSQL, the process's own on PGlite,
 * where one process holds the folder): what a killed rebuild left, and who may clear it, is shown on
 * PostgreSQL, where a rebuild and a worker are separate processes.
 */
describe('what an analytics rebuild killed outright left, on PostgreSQL', () => {
  let storage: Storage;
  const runners: ProjectionRunner[] = [];

  beforeEach(async () => {
    storage = await openTestStorage('postgres', stepwiseSchema);
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    await storage?.close();
  });

  it('is cleared (its copy and checkpoint) by whoever finds the rebuild lease free; a rebuild under way keeps its own through the swap', async () => {
    const leftovers = async (): Promise<[number, number]> => [
      (await storage.database.query('SELECT 1 FROM es_checkpoints WHERE processor = $1', [ANALYTICS_REBUILD_PROCESSOR])).rows.length,
      (await storage.database.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [NEXT_ANALYTICS_SCHEMA])).rows.length,
    ];
    const history = generateHistory({ organisations: 1, journeysPerOrganisation: 1, roundsPerJourney: 3, seed: 11 });
    await appendHistory(storage.eventStore, history.appends);
    expect(await discardAbandonedAnalyticsRebuild(storage.database)).toBe(false);

    // A copy under way (its runner leading) is left alone.
    const copy = analyticsRebuildRunner(storage.database, storage.eventStore);
    runners.push(copy);
    await copy.start();
    await copy.caughtUp();
    expect(await discardAbandonedAnalyticsRebuild(storage.database)).toBe(false);
    expect(await leftovers()).toEqual([1, 1]);

    // Handed over rather than released: the lease stays taken until the caller lets it go.
    const held = await copy.stopHoldingLease();
    expect(held).toBeDefined();
    expect(await discardAbandonedAnalyticsRebuild(storage.database)).toBe(false);
    await held?.release();

    // The rebuild's process gone (the lease free, nothing dropped): the next to look clears both.
    expect(await leftovers()).toEqual([1, 1]);
    expect(await discardAbandonedAnalyticsRebuild(storage.database)).toBe(true);
    expect(await leftovers()).toEqual([0, 0]);

    // A whole rebuild completes under its lease and leaves nothing behind.
    const again = analyticsRebuildRunner(storage.database, storage.eventStore);
    runners.push(again);
    await again.start();
    await again.caughtUp();
    await completeAnalyticsRebuildOf(storage.database, again);
    expect(await leftovers()).toEqual([0, 0]);
    expect(await storage.database.tryLease(`projection:${ANALYTICS_REBUILD_PROCESSOR}`, () => undefined).then((lease) => lease?.release().then(() => true))).toBe(true);
  }, 60_000);
});
