/**
 * The journey summary's batch hook writes the rows `apply` writes event by event, however the log
 * is cut into batches, and a batch that replays events the row already reflects changes nothing.
 */
import { useAppRoleForTenant } from '@stepwise/database';
import { eventStoreMigrations, type RecordedEvent } from '@stepwise/event-store';
import { projectionsMigrations } from '@stepwise/projections';
import type { Storage } from '@stepwise/platform';
import { tenancyMigrations } from '@stepwise/tenancy-infrastructure';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { journeySummaryProjection } from './journey-summary.projection';
import { journeysMigrations } from './journeys.migrations';
import { TenantStory, tellPilotStory } from './testing/journey-story.fixtures';

const engines: TestEngine[] = ['postgres', 'pglite'];

describe.each(engines)('the journey summary in batches on %s', (engine) => {
  let storage: Storage;
  let tenantId: string;
  let events: RecordedEvent[];

  beforeAll(async () => {
    storage = await openTestStorage(engine, { migrations: [...eventStoreMigrations, ...projectionsMigrations, ...tenancyMigrations, ...journeysMigrations], upcasters: [] });
    const stories = [new TenantStory(storage.eventStore), new TenantStory(storage.eventStore)];
    for (const story of stories) await tellPilotStory(story);
    // Two journeys of the tenant, so a batch holds more than one row's events.
    await tellPilotStory(stories[0], ' again');
    tenantId = stories[0].tenantId;
    const { events: all } = await storage.eventStore.readAll({ tenantId, maxCount: 1000 });
    events = all.filter((event) => journeySummaryProjection.eventTypes.includes(event.type));
  });
  afterAll(() => storage?.close());

  const rows = async (): Promise<unknown[]> => (await storage.database.query('SELECT * FROM journeys WHERE tenant_id = $1 ORDER BY journey_id', [tenantId])).rows;

  /** Applies the events as the runner would (the app role, the tenant set), each batch in turn; answers the rows. */
  const project = async (batches: readonly (readonly RecordedEvent[])[] | 'event by event'): Promise<unknown[]> => {
    await storage.database.query('DELETE FROM journeys WHERE tenant_id = $1', [tenantId]);
    await storage.database.transaction(async (tx) => {
      await useAppRoleForTenant(tx, tenantId);
      if (batches === 'event by event') for (const event of events) await journeySummaryProjection.apply(tx, event);
      else for (const batch of batches) await journeySummaryProjection.applyBatch?.(tx, batch);
    });
    return rows();
  };

  it('equals event by event, whole, cut anywhere, and with a replayed overlap', async () => {
    expect(events.length).toBeGreaterThan(20);
    const expected = await project('event by event');
    expect(expected.length).toBeGreaterThan(1);
    expect(await project([events])).toEqual(expected);
    for (const cut of [1, 2, 7, Math.floor(events.length / 2), events.length - 1]) {
      expect(await project([events.slice(0, cut), events.slice(cut)])).toEqual(expected);
    }
    // A replay: the first half again, then everything, as after a checkpoint that did not move.
    const half = events.slice(0, Math.floor(events.length / 2));
    expect(await project([half, half, events])).toEqual(expected);
  });
});
