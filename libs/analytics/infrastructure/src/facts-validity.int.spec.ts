/**
 * `stableUntil` against real storage: over a generated history, the facts read at any instant from
 * `now` up to just before `stableUntil` are the facts read at `now` (the answer a cache may keep for
 * that span), for a team and for the organisation, with the default window (which moves with the
 * clock), a window given only `from`, and a past window.
 */
import type { AnalyticsFacts, AnalyticsReadSettings, AnalyticsScope } from '@stepwise/analytics-application/read';
import { analyticsWindow } from '@stepwise/analytics-domain';
import { TenantReader } from '@stepwise/database';
import type { Storage } from '@stepwise/platform';
import { ProjectionRunner } from '@stepwise/projections';
import { stepwiseSchema } from '@stepwise/read-models';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { ANALYTICS_PROCESSOR, analyticsProjections } from './analytics.processor';
import { SqlAnalyticsReadModel } from './sql-analytics.read-model';
import { appendHistory, generateHistory } from './testing/analytics-history.generator';

const HOUR = 3_600_000;
const settings: AnalyticsReadSettings = { timezone: 'Pacific/Auckland', stalledAfterDays: 3, reflectionWindowHours: 72 };
const withoutValidity = ({ stableUntil: _stableUntil, pendingSince: _pendingSince, ...facts }: AnalyticsFacts): Omit<AnalyticsFacts, "stableUntil" | "pendingSince"> => facts;

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('how long analytics facts stay the same, on %s', (_name, engine) => {
  let storage: Storage;
  let runner: ProjectionRunner | undefined;

  beforeAll(async () => {
    storage = await openTestStorage(engine, stepwiseSchema);
  });
  afterAll(async () => {
    await runner?.stop();
    await storage?.close();
  });

  it('facts read at any instant before stableUntil equal the facts read at now', async () => {
    const history = generateHistory({ organisations: 1, journeysPerOrganisation: 4, roundsPerJourney: 12, seed: 11 });
    await appendHistory(storage.eventStore, history.appends);
    runner = new ProjectionRunner(storage.database, storage.eventStore, { processor: ANALYTICS_PROCESSOR, projections: analyticsProjections(), pollIntervalMs: 20 });
    await runner.start();
    await runner.caughtUp();
    const model = new SqlAnalyticsReadModel(new TenantReader(storage.database));
    const [tenantId] = history.tenantIds;
    const read = (scope: AnalyticsScope, now: Date, from?: Date, to?: Date): Promise<AnalyticsFacts> =>
      model.facts(tenantId, scope, analyticsWindow(now, from, to), settings, now);

    const start = Date.parse('2026-06-01T08:00:00Z');
    const windows: readonly [string, (now: Date) => [Date?, Date?]][] = [
      ['default', () => []],
      ['from only', () => [new Date(start)]],
      ['past', () => [new Date(start), new Date(start + 30 * 24 * HOUR)]],
    ];
    let checked = 0;
    let changedAfter = 0;
    for (const scope of [{ kind: 'team', teamId: 't0' }, { kind: 'organisation' }] as const) {
      for (const [, bounds] of windows) {
        for (let hours = 24; hours <= 24 * 70; hours += 53) {
          const now = new Date(start + hours * HOUR + 17 * 60_000);
          const facts = await read(scope, now, ...bounds(now));
          const until = facts.stableUntil?.getTime() ?? now.getTime() + 400 * 24 * HOUR;
          expect(until).toBeGreaterThan(now.getTime());
          for (const later of [now.getTime() + 1, now.getTime() + Math.floor((until - now.getTime()) / 2), until - 1]) {
            if (later <= now.getTime()) continue;
            const then = new Date(later);
            expect(withoutValidity(await read(scope, then, ...bounds(then)))).toEqual(withoutValidity(facts));
            checked += 1;
          }
          if (facts.stableUntil) {
            const after = new Date(until + 1);
            if (JSON.stringify(withoutValidity(await read(scope, after, ...bounds(after)))) !== JSON.stringify(withoutValidity(facts))) changedAfter += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    // The bound is close: the facts often change just after it.
    expect(changedAfter).toBeGreaterThan(10);
  }, 120_000);
});
