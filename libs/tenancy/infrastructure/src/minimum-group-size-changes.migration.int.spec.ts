/**
 * Minimum group size changes made before their table existed: the migration copies them from the
 * log, row for row what the projection writes when it replays the same events.
 */
import { migrate } from '@stepwise/database';
import { eventStoreMigrations, type EventStoreSchema } from '@stepwise/event-store';
import { projectionsMigrations } from '@stepwise/projections';
import type { Storage } from '@stepwise/platform';
import { openTestStorage, runProjectionsToTheEnd, type TestEngine } from '@stepwise/test-support';
import { randomUUID } from 'node:crypto';
import { organisationMembersProjection } from './organisation-members.projection';
import { tenancyMigrations } from './tenancy.migrations';

const CHANGES = '0103_minimum_group_size_changes';
const before = [...eventStoreMigrations, ...projectionsMigrations, ...tenancyMigrations.filter(({ name }) => name !== CHANGES)];
const schemaBefore: EventStoreSchema = { migrations: before, upcasters: [] };

const settingsChanged = (organisationId: string, minimumGroupSize: number, at: string) => ({
  id: randomUUID(),
  type: 'OrganisationSettingsChanged',
  schemaVersion: 1,
  data: { organisationId, timezone: 'UTC', minimumGroupSize, stalledAfterDays: 14, reflectionWindowHours: 72, changedBy: 'm-admin', at },
});

describe.each<TestEngine>(['postgres', 'pglite'])('the minimum group size changes migration on %s', (engine) => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage(engine, schemaBefore);
  });

  afterAll(() => storage?.close());

  const rows = async () => (await storage.database.query(`SELECT * FROM minimum_group_size_changes t ORDER BY to_jsonb(t)::text`)).rows;

  it('copies every change already in the log, for every tenant, as the projection writes it', async () => {
    const tenants = [randomUUID(), randomUUID()];
    for (const tenantId of tenants) {
      await storage.eventStore.append(tenantId, `organisation-${tenantId}`, [
        { id: randomUUID(), type: 'OrganisationCreated', schemaVersion: 1, data: { organisationId: tenantId, name: 'Acme', slug: `acme-${tenantId}`, createdBy: 'm-admin', at: '2026-01-05T09:00:00.000Z' } },
        settingsChanged(tenantId, 4, '2026-01-06T09:00:00.000Z'),
        settingsChanged(tenantId, 2, '2026-01-06T09:00:00.000Z'),
      ]);
    }

    expect(await migrate(storage.database, [...before, ...tenancyMigrations.filter(({ name }) => name === CHANGES)])).toEqual([CHANGES]);
    const copied = await rows();
    expect(copied.map((row) => [row.tenant_id, row.minimum_group_size])).toEqual(
      expect.arrayContaining([
        [tenants[0], 4],
        [tenants[0], 2],
        [tenants[1], 4],
        [tenants[1], 2],
      ]),
    );
    expect(copied).toHaveLength(4);
    const { rows: forced } = await storage.database.query(`SELECT relforcerowsecurity FROM pg_class WHERE relname = 'minimum_group_size_changes'`);
    expect(forced).toEqual([{ relforcerowsecurity: true }]);

    // The projection replaying the log from its start writes the same rows (and none twice).
    await storage.database.exec('TRUNCATE minimum_group_size_changes');
    expect(await runProjectionsToTheEnd(storage, { processor: `group-sizes-${randomUUID()}`, projections: [organisationMembersProjection] })).toEqual([]);
    expect(await rows()).toEqual(copied);
  });
});
