/**
 * Comfort moved out of the stored timeline sentence: rows written before the change keep their
 * figure, now in its own column, and their sentence loses it; other rows are untouched.
 */
import { migrate } from '@stepwise/database';
import { eventStoreMigrations, type EventStoreSchema } from '@stepwise/event-store';
import { projectionsMigrations } from '@stepwise/projections';
import type { Storage } from '@stepwise/platform';
import { tenancyMigrations } from '@stepwise/tenancy-infrastructure';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { journeysMigrations } from './journeys.migrations';

const COMFORT_APART = '0210_journey_timeline_comfort_apart';
const before = [...eventStoreMigrations, ...projectionsMigrations, ...tenancyMigrations, ...journeysMigrations.filter(({ name }) => name !== COMFORT_APART)];
const schemaBefore: EventStoreSchema = { migrations: before, upcasters: [] };

describe.each<TestEngine>(['postgres', 'pglite'])('the timeline comfort migration on %s', (engine) => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage(engine, schemaBefore);
  });

  afterAll(() => storage?.close());

  it('moves each reflection’s comfort into its column, for every tenant, and leaves other lines alone', async () => {
    const rows: [string, number, string, string][] = [
      ['tenant-a', 1, 'ReflectionRecorded', 'reflected on the step "Say it, comfort 5/5": closer? NO, comfort 2/5'],
      ['tenant-a', 2, 'StepTaken', 'took the step "Feel it, comfort 4/5"'],
      ['tenant-b', 1, 'ReflectionRecorded', 'reflected: closer? YES, comfort 4/5'],
    ];
    for (const [tenant, sequence, type, summary] of rows) {
      await storage.database.query(
        `INSERT INTO journey_timeline (tenant_id, journey_id, sequence, event_id, event_type, actor_id, summary, at)
         VALUES ($1, 'j', $2, $3, $4, 'ada', $5, now())`,
        [tenant, sequence, `${tenant}-${sequence}`, type, summary],
      );
    }

    expect(await migrate(storage.database, [...before, ...journeysMigrations.filter(({ name }) => name === COMFORT_APART)])).toEqual([COMFORT_APART]);

    const { rows: after } = await storage.database.query<{ tenant_id: string; summary: string; comfort: number | null }>(
      'SELECT tenant_id, summary, comfort FROM journey_timeline ORDER BY tenant_id, sequence',
    );
    expect(after.map(({ tenant_id, summary, comfort }) => [tenant_id, summary, comfort === null ? null : Number(comfort)])).toEqual([
      ['tenant-a', 'reflected on the step "Say it, comfort 5/5": closer? NO', 2],
      ['tenant-a', 'took the step "Feel it, comfort 4/5"', null],
      ['tenant-b', 'reflected: closer? YES', 4],
    ]);
    const { rows: forced } = await storage.database.query<{ relforcerowsecurity: boolean }>(
      `SELECT relforcerowsecurity FROM pg_class WHERE relname = 'journey_timeline'`,
    );
    expect(forced).toEqual([{ relforcerowsecurity: true }]);
  });
});
