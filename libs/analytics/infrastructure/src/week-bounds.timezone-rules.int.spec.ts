/**
 * Weeks follow one set of timezone rules: the runtime's, which also draws the bounds the answer
 * shows and judges a week finished by. The database has timezone data of its own, and it can
 * disagree: PGlite 0.5's keeps America/Vancouver on UTC-7 from November 2026 where Node 20's moves
 * it to UTC-8, so an answer given at 07:30 UTC on 30 November (Sunday 23:30 by Node's rules, Monday
 * 00:30 by PGlite's) was counted by SQL's `AT TIME ZONE` in a week whose bounds, as shown, do not
 * hold it. Each engine is checked against the runtime's rules, whatever its own data says (where
 * the two copies agree, the check still holds, and shows nothing new).
 */
import { randomUUID } from 'node:crypto';
import type { AnalyticsReadSettings } from '@stepwise/analytics-application/read';
import { analyticsWindow, weekBuckets, weekOf } from '@stepwise/analytics-domain';
import { TenantReader } from '@stepwise/database';
import { journeyStreamId } from '@stepwise/journeys-domain';
import type { Storage } from '@stepwise/platform';
import { ProjectionRunner } from '@stepwise/projections';
import { stepwiseSchema } from '@stepwise/read-models';
import { openTestStorage, type TestEngine } from '@stepwise/test-support';
import { ANALYTICS_PROCESSOR, analyticsProjections } from './analytics.processor';
import { SqlAnalyticsReadModel } from './sql-analytics.read-model';
import { appendHistory, generateHistory } from './testing/analytics-history.generator';

const TIMEZONE = 'America/Vancouver';
const settings: AnalyticsReadSettings = { timezone: TIMEZONE, stalledAfterDays: 14, reflectionWindowHours: 72 };
/** Sunday 23:30 in Vancouver by Node 20's rules (UTC-8 there); Monday 00:30 by PGlite 0.5's. */
const LATE_SUNDAY = new Date('2026-11-30T07:30:00Z');
const WEEK = 7 * 86_400_000;

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('weeks by the runtime timezone rules, on %s', (_name, engine) => {
  let storage: Storage;
  let runner: ProjectionRunner | undefined;

  beforeAll(async () => {
    storage = await openTestStorage(engine, stepwiseSchema);
  });
  afterAll(async () => {
    await runner?.stop();
    await storage?.close();
  });

  it('an answer and a step late on a Sunday count in the week whose bounds hold them', async () => {
    const history = generateHistory({ organisations: 1, journeysPerOrganisation: 1, roundsPerJourney: 3, seed: 5, start: new Date('2026-11-02T17:00:00Z') });
    await appendHistory(storage.eventStore, history.appends);
    const [tenantId] = history.tenantIds;
    const journey = { journeyId: 'j0', teamId: await teamOfFirstJourney(storage, tenantId) };
    const at = LATE_SUNDAY.toISOString();
    await storage.eventStore.append(tenantId, journeyStreamId('j0'), [
      { id: randomUUID(), type: 'StepPlanned', data: { ...journey, at, stepId: 's-late', title: 'Late', ownerId: 'm2', dueOn: null, plannedBy: 'm2' } },
      { id: randomUUID(), type: 'StepTaken', data: { ...journey, at, stepId: 's-late', ownerId: 'm2', takenBy: 'm2', takenAt: at } },
      {
        id: randomUUID(),
        type: 'ReflectionRecorded',
        data: { ...journey, at, reflectionId: 'r-late', memberId: 'm2', closer: 'YES', comfort: 4, note: null, stepId: 's-late', visionVersion: 1, direction: 'First way' },
      },
    ]);
    runner = new ProjectionRunner(storage.database, storage.eventStore, { processor: ANALYTICS_PROCESSOR, projections: analyticsProjections(), pollIntervalMs: 20 });
    await runner.start();
    await runner.caughtUp();

    const now = new Date('2026-12-20T12:00:00Z');
    const window = analyticsWindow(now, new Date('2026-11-01T00:00:00Z'), now);
    const facts = await new SqlAnalyticsReadModel(new TenantReader(storage.database)).facts(tenantId, { kind: 'journey', journeyId: 'j0', teamId: journey.teamId }, window, settings, now);

    const bounds = new Map(weekBuckets(window.from, window.to, TIMEZONE).map((week) => [week.week, week]));
    // The week the runtime puts the late answer in, and the week after it.
    const lateWeek = weekOf(LATE_SUNDAY, TIMEZONE);
    const nextWeek = weekOf(new Date(bounds.get(lateWeek)!.end.getTime() + WEEK / 2), TIMEZONE);
    expect(facts.weeks.find((week) => week.week === lateWeek)?.stepsTaken).toBeGreaterThanOrEqual(1);
    expect(facts.journeyWeeks.some((cell) => cell.week === lateWeek && cell.direction.yes >= 1)).toBe(true);
    // Nothing happened after it (the generated history ends before): the next week holds no step and no answer.
    expect(facts.weeks.find((week) => week.week === nextWeek)?.stepsTaken ?? 0).toBe(0);
    expect(facts.journeyWeeks.filter((cell) => cell.week === nextWeek)).toEqual([]);
    expect(facts.weeks.reduce((sum, week) => sum + week.stepsTaken, 0)).toBe(facts.stepsTaken);
    // Every journey-week's first answer lies inside the bounds the week is shown with.
    expect(facts.journeyWeeks.length).toBeGreaterThan(0);
    for (const cell of facts.journeyWeeks) {
      const week = bounds.get(cell.week);
      expect(week).toBeDefined();
      expect(cell.firstAt.getTime()).toBeGreaterThanOrEqual(week!.start.getTime());
      expect(cell.firstAt.getTime()).toBeLessThan(week!.end.getTime());
    }
  }, 60_000);
});

/** The team the generated history started its first journey in. */
const teamOfFirstJourney = async (storage: Storage, tenantId: string): Promise<string> => {
  const events = await storage.eventStore.readStream(tenantId, journeyStreamId('j0'));
  return (events[0].data as { teamId: string }).teamId;
};
