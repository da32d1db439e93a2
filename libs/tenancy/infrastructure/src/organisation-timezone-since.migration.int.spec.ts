/**
 * When each organisation's timezone last changed, for organisations whose settings changed before the
 * column existed: the migration reads it from the log, the same instant the projection writes when
 * it replays the same events (a change of the other settings alone is no change of timezone).
 */
import { migrate } from '@stepwise/database';
import { eventStoreMigrations, type EventStoreSchema } from '@stepwise/event-store';
import { projectionsMigrations } from '@stepwise/projections';
import type { Storage } from '@stepwise/platform';
import { openTestStorage, runProjectionsToTheEnd, type TestEngine } from '@stepwise/test-support';
import { randomUUID } from 'node:crypto';
import { organisationMembersProjection } from './organisation-members.projection';
import { tenancyMigrations } from './tenancy.migrations';

const SINCE = '0104_organisation_timezone_since';
const before = [...eventStoreMigrations, ...projectionsMigrations, ...tenancyMigrations.filter(({ name }) => name !== SINCE)];
const schemaBefore: EventStoreSchema = { migrations: before, upcasters: [] };

const created = (organisationId: string) => ({
  id: randomUUID(),
  type: 'OrganisationCreated',
  schemaVersion: 1,
  data: { organisationId, name: 'Acme', slug: `acme-${organisationId}`, createdBy: 'm-admin', at: '2026-01-05T09:00:00.000Z' },
});

const settingsChanged = (organisationId: string, timezone: string, minimumGroupSize: number, at: string) => ({
  id: randomUUID(),
  type: 'OrganisationSettingsChanged',
  schemaVersion: 1,
  data: { organisationId, timezone, minimumGroupSize, stalledAfterDays: 14, reflectionWindowHours: 72, changedBy: 'm-admin', at },
});

describe.each<TestEngine>(['postgres', 'pglite'])('the timezone-since migration on %s', (engine) => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage(engine, schemaBefore);
  });

  afterAll(() => storage?.close());

  const since = async (tenants: readonly string[]) =>
    (await storage.database.query<{ tenant_id: string; timezone_since: Date | null }>(`SELECT tenant_id, timezone_since FROM organisations WHERE tenant_id = ANY($1)`, [tenants])).rows
      .sort((a, b) => tenants.indexOf(a.tenant_id) - tenants.indexOf(b.tenant_id))
      .map((row) => row.timezone_since?.toISOString() ?? null);

  it('takes the last change that moved the timezone, for every tenant, as the projection writes it', async () => {
    const [moved, sizeOnly, movedBack, untouched] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const histories: Record<string, ReturnType<typeof settingsChanged>[]> = {
      [moved]: [
        settingsChanged(moved, 'UTC', 4, '2026-01-06T09:00:00.000Z'),
        settingsChanged(moved, 'Europe/London', 4, '2026-01-07T09:00:00.000Z'),
        settingsChanged(moved, 'Europe/London', 2, '2026-01-08T09:00:00.000Z'),
      ],
      [sizeOnly]: [settingsChanged(sizeOnly, 'UTC', 5, '2026-01-06T09:00:00.000Z')],
      [movedBack]: [settingsChanged(movedBack, 'Pacific/Kiritimati', 3, '2026-01-06T09:00:00.000Z'), settingsChanged(movedBack, 'UTC', 3, '2026-01-09T09:00:00.000Z')],
      [untouched]: [],
    };
    const tenants = [moved, sizeOnly, movedBack, untouched];
    for (const tenantId of tenants) {
      await storage.eventStore.append(tenantId, `organisation-${tenantId}`, [created(tenantId), ...histories[tenantId]]);
      // The organisations as the read model held them before the column.
      await storage.database.query(`INSERT INTO organisations (tenant_id, name, slug, created_by, created_at) VALUES ($1, 'Acme', $2, 'm-admin', now())`, [tenantId, `acme-${tenantId}`]);
    }

    expect(await migrate(storage.database, [...before, ...tenancyMigrations.filter(({ name }) => name === SINCE)])).toEqual([SINCE]);
    const migrated = await since(tenants);
    expect(migrated).toEqual(['2026-01-07T09:00:00.000Z', null, '2026-01-09T09:00:00.000Z', null]);

    // The projection replaying the log from its start writes the same instants.
    await storage.database.exec('TRUNCATE organisations');
    expect(await runProjectionsToTheEnd(storage, { processor: `timezone-since-${randomUUID()}`, projections: [organisationMembersProjection] })).toEqual([]);
    expect(await since(tenants)).toEqual(migrated);
  });
});
