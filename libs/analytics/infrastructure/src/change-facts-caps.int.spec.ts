/**
 * The lists of changes a journey or team read is capped at (ANALYTICS_LIST_LIMIT, 50) keep the most
 * recent: a leader reading a journey revised 55 times in the window sees the dips after its 50 latest
 * revisions, newest first, as they see its latest pivots. Against real storage, facts as read.
 */
import { randomUUID } from 'node:crypto';
import { ANALYTICS_LIST_LIMIT, type AnalyticsReadSettings } from '@stepwise/analytics-application/read';
import { analyticsWindow } from '@stepwise/analytics-domain';
import { TenantReader } from '@stepwise/database';
import type { NewEvent } from '@stepwise/event-store';
import { journeyStreamId } from '@stepwise/journeys-domain';
import type { Storage } from '@stepwise/platform';
import { ProjectionRunner } from '@stepwise/projections';
import { stepwiseSchema } from '@stepwise/read-models';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { ANALYTICS_PROCESSOR, analyticsProjections } from './analytics.processor';
import { SqlAnalyticsReadModel } from './sql-analytics.read-model';

const DAY = 86_400_000;
const settings: AnalyticsReadSettings = { timezone: 'UTC', stalledAfterDays: 14, reflectionWindowHours: 72 };
const start = Date.parse('2026-01-05T09:00:00.000Z'); // a Monday
const dayAt = (n: number): string => new Date(start + n * DAY).toISOString();

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('the capped lists of changes, on %s', (_name, engine) => {
  let storage: Storage;
  let runner: ProjectionRunner | undefined;

  beforeAll(async () => {
    storage = await openTestStorage(engine, stepwiseSchema);
  });
  afterAll(async () => {
    await runner?.stop();
    await storage?.close();
  });

  it('keeps the 50 latest vision revisions of a window, newest first, as it keeps the latest pivots', async () => {
    const tenantId = `org-caps-${randomUUID()}`;
    const base = { journeyId: 'j1', teamId: 't1' };
    const event = (type: string, data: Record<string, unknown>): NewEvent => ({ id: randomUUID(), type, data: { ...base, ...data } });
    const events: NewEvent[] = [
      event('JourneyStarted', { at: dayAt(0), title: 'Revised often', startedBy: 'm1' }),
      event('VisionArticulated', { at: dayAt(0), version: 1, statement: 'A future', expectations: [], successSignals: [], articulatedBy: 'm1' }),
      event('DirectionSet', { at: dayAt(0), direction: 'Way 0', setBy: 'm1' }),
    ];
    // Versions 2 to 56, one a day from 6 January; and a pivot a day after each of the last 55 days' revisions.
    for (let version = 2; version <= 56; version += 1) {
      events.push(
        event('VisionRevised', { at: dayAt(version - 1), version, statement: `Future ${version}`, expectations: [], successSignals: [], reason: 'Learned', revisedBy: 'm1' }),
        event('PivotMade', { at: dayAt(version - 1), pivotId: `p${version}`, fromDirection: `Way ${version - 2}`, toDirection: `Way ${version - 1}`, reason: 'Not closer', reflectionIds: [], pivotedBy: 'm1' }),
      );
    }
    await storage.eventStore.append(tenantId, journeyStreamId('j1'), events);
    runner = new ProjectionRunner(storage.database, storage.eventStore, { processor: ANALYTICS_PROCESSOR, projections: analyticsProjections(), pollIntervalMs: 20 });
    await runner.start();
    await runner.caughtUp();

    const now = new Date(dayAt(70));
    const facts = await new SqlAnalyticsReadModel(new TenantReader(storage.database)).facts(
      tenantId,
      { kind: 'journey', journeyId: 'j1', teamId: 't1' },
      analyticsWindow(now, new Date(dayAt(0)), now),
      settings,
      now,
    );
    const newest = Array.from({ length: ANALYTICS_LIST_LIMIT }, (_, index) => 56 - index); // 56, 55, … 7
    expect(facts.pivots.map((pivot) => pivot.pivotId)).toEqual(newest.map((version) => `p${version}`));
    expect(facts.revisions.map((revision) => revision.version)).toEqual(newest);
    expect(facts.revisions[0].at).toEqual(new Date(dayAt(55)));
  }, 60_000);
});
