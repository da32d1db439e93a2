/**
 * When each journey last resumed, for journeys resumed before the column existed: the migration reads
 * it from the log (the last JourneyResumed of each journey, every tenant's), as the projection writes it.
 */
import { migrate } from '@stepwise/database';
import { eventStoreMigrations, type EventStoreSchema } from '@stepwise/event-store';
import { projectionsMigrations } from '@stepwise/projections';
import type { Storage } from '@stepwise/platform';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { randomUUID } from 'node:crypto';
import { analyticsMigrations } from './analytics.migrations';

const RESUMED_AT = '0302_analytics_journeys_resumed_at';
const before = [...eventStoreMigrations, ...projectionsMigrations, ...analyticsMigrations.filter(({ name }) => name !== RESUMED_AT)];
const schemaBefore: EventStoreSchema = { migrations: before, upcasters: [] };

const resumed = (journeyId: string, at: string) => ({
  id: randomUUID(),
  type: 'JourneyResumed',
  schemaVersion: 1,
  data: { journeyId, resumedBy: 'm-leader', at },
});

describe.each<TestEngine>(['postgres', 'pglite'])('the resumed-at migration on %s', (engine) => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage(engine, schemaBefore);
  });

  afterAll(() => storage?.close());

  it('takes each journey’s last resume from the log, for every tenant; a journey never resumed keeps none', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const journeys: [string, string, string[]][] = [
      [a, 'j-twice', ['2026-11-03T09:00:00.000Z', '2026-11-30T09:00:00.000Z']],
      [b, 'j-twice', ['2026-11-10T09:00:00.000Z']],
      [b, 'j-never', []],
    ];
    for (const [tenantId, journeyId, resumes] of journeys) {
      if (resumes.length > 0) await storage.eventStore.append(tenantId, `journey-${journeyId}`, resumes.map((at) => resumed(journeyId, at)));
      await storage.database.query(
        `INSERT INTO analytics.journeys (tenant_id, journey_id, team_id, title, status, started_at) VALUES ($1, $2, 't1', 'A journey', 'ACTIVE', '2026-11-02T09:00:00Z')`,
        [tenantId, journeyId],
      );
    }

    expect(await migrate(storage.database, [...before, ...analyticsMigrations.filter(({ name }) => name === RESUMED_AT)])).toEqual([RESUMED_AT]);
    const rows = (
      await storage.database.query<{ tenant_id: string; journey_id: string; resumed_at: Date | null }>(
        `SELECT tenant_id, journey_id, resumed_at FROM analytics.journeys WHERE tenant_id = ANY($1)`,
        [[a, b]],
      )
    ).rows.map((row) => [row.tenant_id, row.journey_id, row.resumed_at?.toISOString() ?? null]);
    expect(rows.sort()).toEqual(
      [
        [a, 'j-twice', '2026-11-30T09:00:00.000Z'],
        [b, 'j-twice', '2026-11-10T09:00:00.000Z'],
        [b, 'j-never', null],
      ].sort(),
    );
  });
});
