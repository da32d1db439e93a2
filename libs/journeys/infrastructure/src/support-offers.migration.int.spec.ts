/**
 * Support offers made before their table existed: the migration copies them from the log, row for
 * row what the projection writes when it replays the same events.
 */
import { migrate } from '@stepwise/database';
import { eventStoreMigrations, type EventStoreSchema } from '@stepwise/event-store';
import { projectionsMigrations } from '@stepwise/projections';
import type { Storage } from '@stepwise/platform';
import { tenancyMigrations } from '@stepwise/tenancy-infrastructure';
import { openTestStorage, runProjectionsToTheEnd, type TestEngine } from '@stepwise/test-support';
import { randomUUID } from 'node:crypto';
import { journeysMigrations } from './journeys.migrations';
import { supportOffersProjection } from './support-offers.projection';
import { TenantStory, tellPilotStory } from './testing/journey-story.fixtures';

const SUPPORT_OFFERS = '0230_support_offers';
const before = [...eventStoreMigrations, ...projectionsMigrations, ...tenancyMigrations, ...journeysMigrations.filter(({ name }) => name !== SUPPORT_OFFERS)];
const schemaBefore: EventStoreSchema = { migrations: before, upcasters: [] };

describe.each<TestEngine>(['postgres', 'pglite'])('the support offers migration on %s', (engine) => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage(engine, schemaBefore);
  });

  afterAll(() => storage?.close());

  const rows = async () => (await storage.database.query(`SELECT * FROM support_offers t ORDER BY to_jsonb(t)::text`)).rows;

  it('copies every offer already in the log, for every tenant, as the projection writes it', async () => {
    const tenants = [new TenantStory(storage.eventStore), new TenantStory(storage.eventStore)];
    for (const tenant of tenants) await tellPilotStory(tenant);
    await tenants[0].journey('pilot', 'team-1').emit('SupportOffered', { requestId: 'q-1', requestedBy: 'ben', leaderId: 'cy', message: 'And me' });

    expect(await migrate(storage.database, [...before, ...journeysMigrations.filter(({ name }) => name === SUPPORT_OFFERS)])).toEqual([SUPPORT_OFFERS]);
    const copied = await rows();
    expect(copied.map((row) => [row.tenant_id, row.request_id, row.leader_id, row.message])).toEqual(
      expect.arrayContaining([
        [tenants[0].tenantId, 'q-1', 'ada', 'Let us pair on the first one'],
        [tenants[0].tenantId, 'q-1', 'cy', 'And me'],
        [tenants[1].tenantId, 'q-1', 'ada', 'Let us pair on the first one'],
      ]),
    );
    expect(copied).toHaveLength(3);
    const { rows: forced } = await storage.database.query(`SELECT relforcerowsecurity FROM pg_class WHERE relname = 'support_offers'`);
    expect(forced).toEqual([{ relforcerowsecurity: true }]);

    // The projection replaying the log from its start writes the same rows (and none twice).
    await storage.database.exec('TRUNCATE support_offers');
    expect(await runProjectionsToTheEnd(storage, { processor: `support-offers-${randomUUID()}`, projections: [supportOffersProjection] })).toEqual([]);
    expect(await rows()).toEqual(copied);
  });
});
