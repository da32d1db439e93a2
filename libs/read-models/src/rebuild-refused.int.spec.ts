/**
 * A rebuild started while a worker leads what it would rebuild (or while another rebuild builds
 * analytics) is refused with REBUILD_REFUSED and changes nothing: the read tables, their checkpoint
 * and the other rebuild's analytics copy are as they were, so the api keeps serving what it served.
 */
import { ANALYTICS_REBUILD_PROCESSOR, rebuildAnalytics } from '@stepwise/analytics-infrastructure';
import { loadCheckpoint } from '@stepwise/event-store';
import type { Storage } from '@stepwise/platform';
import { ProjectionRunner, READ_MODELS_PROCESSOR } from '@stepwise/projections';
import { openTestStorage } from '@stepwise/test-support';
import { readModelProjections, stepwiseSchema } from './read-models';
import { rebuildAll } from './rebuild-all';
import { rebuildReadModels } from './rebuild-read-models';
import { generateReadModelHistory } from './testing/read-model-history.generator';

const readTables = [...new Set(readModelProjections.flatMap((projection) => projection.tables))];

describe('a rebuild while a worker leads the read models, on PostgreSQL', () => {
  let storage: Storage;
  let worker: ProjectionRunner;

  // Each test its own database, so what one rebuild did is never another's starting point.
  beforeEach(async () => {
    storage = await openTestStorage('postgres', stepwiseSchema);
    const history = generateReadModelHistory({ organisations: 2, journeysPerOrganisation: 2, roundsPerJourney: 4, seed: 31 });
    for (const { tenantId, streamId, events } of history.appends) await storage.eventStore.append(tenantId, streamId, events);
    // The worker: it leads the read models and has applied the whole log.
    worker = new ProjectionRunner(storage.database, storage.eventStore, { processor: READ_MODELS_PROCESSOR, projections: readModelProjections, pollIntervalMs: 50 });
    await worker.start();
    await worker.caughtUp();
    expect(worker.leading).toBe(true);
  });
  afterEach(async () => {
    await worker?.stop();
    await storage?.close();
  });

  const readModelsNow = async (): Promise<Record<string, number | string>> => {
    const counts: Record<string, number | string> = {};
    for (const table of readTables) counts[table] = Number((await storage.database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    counts.checkpoint = (await loadCheckpoint(storage.database, READ_MODELS_PROCESSOR)).globalPosition;
    return counts;
  };

  it.each([
    ['npm run rebuild', () => rebuildAll(storage.database, storage.eventStore)],
    ['npm run rebuild-read-models', () => rebuildReadModels(storage.database, storage.eventStore)],
  ])('%s is refused and leaves the read tables and their checkpoint as they were', async (_command, rebuild) => {
    const before = await readModelsNow();
    expect(before.journey_timeline).toBeGreaterThan(10);
    expect(before.checkpoint).toBeGreaterThan(0);
    const refusal: unknown = await rebuild().then(() => 'rebuilt', (error: unknown) => error);
    expect(await readModelsNow()).toEqual(before);
    expect(refusal).toMatchObject({ code: 'REBUILD_REFUSED', message: expect.stringContaining('stop the workers first') });
  });

  it('rebuild-analytics while another analytics rebuild holds its lease is refused and leaves that one its copy', async () => {
    await storage.database.exec('CREATE SCHEMA IF NOT EXISTS analytics_next; CREATE TABLE IF NOT EXISTS analytics_next.being_built (n int)');
    const other = await storage.database.tryLease(`projection:${ANALYTICS_REBUILD_PROCESSOR}`, () => undefined);
    expect(other).toBeDefined();
    try {
      const refusal: unknown = await rebuildAnalytics(storage.database, storage.eventStore).then(() => 'rebuilt', (error: unknown) => error);
      expect((await storage.database.query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'analytics_next' AND table_name = 'being_built'")).rows).toHaveLength(1);
      expect(refusal).toMatchObject({ code: 'REBUILD_REFUSED' });
    } finally {
      await other?.release();
    }
  });
});
