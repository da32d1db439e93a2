/**
 * Member timezones the analytics projected before it read them as the timezone rule does: a name
 * PostgreSQL does not know failed every analytics query judging a commitment overdue in it. The
 * migration reads them as UTC, every tenant's at once, and leaves the names PostgreSQL knows alone.
 */
import { LIVE_ANALYTICS_SCHEMA } from '@stepwise/analytics-infrastructure';
import { migrate, setTenant } from '@stepwise/database';
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { openTestStorage, type TestEngine } from '../support';

const MIGRATION = '0301_analytics_member_timezones_known';

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('the member timezones migration, on %s', (_name, engine) => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage(engine, stepwiseSchema);
  });
  afterAll(() => storage?.close());

  const rows: [string, string, string][] = [
    ['org-a', 'm1', 'Mars/Olympus'],
    ['org-a', 'm2', 'Europe/London'],
    ['org-b', 'm3', 'UTC+5'],
    ['org-b', 'm4', 'EST'],
  ];

  it('reads the names PostgreSQL does not know as UTC, in every tenant', async () => {
    for (const [tenant, member, timezone] of rows) {
      await storage.database.transaction(async (tx) => {
        await setTenant(tx, tenant);
        await tx.query(`INSERT INTO ${LIVE_ANALYTICS_SCHEMA}.member_timezones (tenant_id, member_id, timezone) VALUES ($1, $2, $3)`, [tenant, member, timezone]);
      });
    }
    // As a database migrated before it: the migration not applied yet.
    await storage.database.query('DELETE FROM schema_migrations WHERE name = $1', [MIGRATION]);

    expect(await migrate(storage.database, stepwiseSchema.migrations)).toEqual([MIGRATION]);

    const read: Record<string, string> = {};
    for (const tenant of ['org-a', 'org-b']) {
      await storage.database.transaction(async (tx) => {
        await setTenant(tx, tenant);
        const { rows: found } = await tx.query<{ member_id: string; timezone: string }>(`SELECT member_id, timezone FROM ${LIVE_ANALYTICS_SCHEMA}.member_timezones`);
        for (const row of found) read[row.member_id] = row.timezone;
      });
    }
    expect(read).toEqual({ m1: 'UTC', m2: 'Europe/London', m3: 'UTC', m4: 'EST' });
  });
});
