/**
 * `pendingSince` against real storage: the earliest business time of the organisation's events the
 * analytics processor reads and has not applied, never another organisation's, never an event type
 * it does not read; none once its checkpoint is past them. Read through the tenant's role, which may
 * not read the event log itself.
 */
import { randomUUID } from 'node:crypto';
import type { AnalyticsReadSettings } from '@stepwise/analytics-application/read';
import { analyticsWindow } from '@stepwise/analytics-domain';
import { TenantReader } from '@stepwise/database';
import { loadCheckpoint, LOG_START, logHead, saveCheckpoint } from '@stepwise/event-store';
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { SqlAnalyticsReadModel } from './sql-analytics.read-model';
import { LIVE_ANALYTICS_SCHEMA } from './analytics.schema';

const settings: AnalyticsReadSettings = { timezone: 'UTC', stalledAfterDays: 14, reflectionWindowHours: 72 };
const now = new Date('2026-03-09T12:00:00.000Z');

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('what the analytics have still to count, on %s', (_name, engine) => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage(engine, stepwiseSchema);
  });
  afterAll(() => storage?.close());

  it('is the earliest event of this organisation the processor reads and has not applied; none once it has', async () => {
    const processor = `pending-${randomUUID().slice(0, 8)}`;
    await saveCheckpoint(storage.database, processor, LOG_START, await logHead(storage.database));
    const [mine, theirs] = [randomUUID(), randomUUID()];
    const append = (tenantId: string, type: string, at: string) =>
      storage.eventStore.append(tenantId, `journey-${randomUUID()}`, [{ id: randomUUID(), type, data: { journeyId: 'j', teamId: 't', at } }]);
    const model = new SqlAnalyticsReadModel(new TenantReader(storage.database), LIVE_ANALYTICS_SCHEMA, processor);
    const pendingSince = async (): Promise<Date | null> =>
      (await model.facts(mine, { kind: 'organisation' }, analyticsWindow(now), settings, now)).pendingSince;

    expect(await pendingSince()).toBeNull();
    await append(mine, 'ReflectionRecorded', '2026-03-08T23:59:59.900Z');
    await append(mine, 'StepTaken', '2026-03-08T23:00:00.000Z');
    // Another organisation's earlier answer, and an earlier event of a type the analytics do not read: neither counts.
    await append(theirs, 'ReflectionRecorded', '2026-03-01T00:00:00.000Z');
    await append(mine, 'SomethingTheAnalyticsIgnore', '2026-02-01T00:00:00.000Z');
    expect(await pendingSince()).toEqual(new Date('2026-03-08T23:00:00.000Z'));

    await saveCheckpoint(storage.database, processor, await loadCheckpoint(storage.database, processor), await logHead(storage.database));
    expect(await pendingSince()).toBeNull();
  });
});
