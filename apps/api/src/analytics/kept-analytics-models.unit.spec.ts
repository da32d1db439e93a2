import { analyticsReport, type AnalyticsFacts, type AnalyticsScope } from '@stepwise/analytics-application/read';
import { analyticsWindow, type DirectionSummary } from '@stepwise/analytics-domain';
import { toAnalyticsModel } from './analytics.mappers';
import { KeptAnalyticsModels } from './kept-analytics-models';

const direction: DirectionSummary = {
  yes: 2,
  no: 3,
  unsure: 1,
  closerRate: 0.4,
  comfortMean: 2.5,
  comfortDistribution: [1, 2, 1, 1, 1],
  quadrants: { FLOWING: 1, STRETCHING: 1, STUCK: 2, COASTING: 1 },
  people: 4,
};
const requestedAt = new Date('2026-11-02T08:20:00.000Z');
const quiet = { status: 'ACTIVE' as const, startedAt: new Date('2026-10-01T06:00:00.000Z'), lastStepTakenAt: new Date('2026-10-20T05:00:00.000Z') };
const revisedAt = new Date('2026-10-26T12:00:00.000Z');
const facts: AnalyticsFacts = {
  direction,
  weeks: [{ week: '2026-10-26', direction, stepsTaken: 3 }],
  journeyWeeks: [{ journeyId: 'j1', teamId: 't1', week: '2026-10-26', direction, firstAt: new Date('2026-10-26T09:00:00Z') }],
  stepsTaken: 3,
  openSteps: 2,
  overdueSteps: 1,
  loopDiscipline: { stepsTaken: 3, reflectedInWindow: 2, share: 2 / 3, medianHoursToReflection: 5 },
  pivotCount: 0,
  pivotMedianHoursFromFirstNo: null,
  pivotFirstNoPeople: 0,
  pivots: [],
  reflectionsAround: [
    { journeyId: 'j1', closer: 'YES', comfort: 4, at: new Date('2026-10-20T09:00:00.000Z') },
    { journeyId: 'j1', closer: 'NO', comfort: 2, at: new Date('2026-10-28T09:00:00.000Z') },
  ],
  pivotsAround: [],
  directionsSetAround: [],
  revisions: [{ journeyId: 'j1', version: 2, at: revisedAt }],
  participation: { members: 5, reflected: 4, share: 0.8 },
  participationPeople: 4,
  stalledCount: 1,
  stalled: [{ journeyId: 'j2', title: 'Quiet', activity: quiet }],
  openSupportCount: 1,
  openSupport: [{ journeyId: 'j1', requestId: 'r1', requestedAt }],
  commitments: { kept: 1, missed: 0, open: 1, overdue: 0 },
  attention: [
    {
      journeyId: 'j1',
      title: 'Fridays',
      activity: quiet,
      recentReflections: [{ closer: 'NO', at: new Date('2026-10-28T09:00:00.000Z') }],
      lastPivotAt: null,
      directionSetAt: null,
      lastRevisionAt: revisedAt,
      openSupportRequestedAt: [requestedAt],
      overdueCommitments: 0,
    },
  ],
  teams: [],
  stableUntil: null,
  pendingSince: null,
};
const scope: AnalyticsScope = { kind: 'team', teamId: 't1' };
const settings = { timezone: 'America/St_Johns', minimumGroupSize: 3, stalledAfterDays: 14, reflectionWindowHours: 72, timezoneSince: null };
const clock = { toFollowsClock: true, fromFollowsClock: true };
const fresh = (now: Date) => toAnalyticsModel(analyticsReport(facts, scope, analyticsWindow(now), settings, now, 'INDIVIDUAL'), now);

describe('KeptAnalyticsModels', () => {
  it('gives the kept report at every instant it holds, equal to a fresh one, and makes it again past a step of the clock', () => {
    const reports = new KeptAnalyticsModels();
    const ask = (at: string) => {
      const now = new Date(at);
      const model = reports.modelAt(facts, scope, 'INDIVIDUAL', analyticsWindow(now), clock, settings, now);
      expect(model).toEqual(fresh(now));
      return reports.reportsMade;
    };
    expect(ask('2026-11-04T09:00:00.000Z')).toBe(1);
    expect(ask('2026-11-04T09:00:00.001Z')).toBe(1);
    expect(ask('2026-11-04T09:19:59.999Z')).toBe(1);
    expect(ask('2026-11-04T09:20:00.000Z')).toBe(2); // the request's age in hours steps
    // Every 13 minutes over a week that holds a change of clocks in St John's (1 Nov 2026), hours, days and a Monday.
    for (let at = Date.parse('2026-10-30T00:00:00.000Z'); at < Date.parse('2026-11-10T00:00:00.000Z'); at += 13 * 60_000 + 1) ask(new Date(at).toISOString());
    expect(reports.reportsMade).toBeLessThan(400);
    // Some 1,200 reports made and compared: 2.3 s on a quiet machine, more beside other suites on a busy one.
  }, 30_000);

  it('puts back a window asked to end later as a fresh report has it', () => {
    const reports = new KeptAnalyticsModels();
    const to = new Date('2026-11-04T10:00:00.000Z');
    for (const at of ['2026-11-04T09:59:59.998Z', '2026-11-04T09:59:59.999Z', '2026-11-04T10:00:00.000Z', '2026-11-04T10:00:00.001Z', '2026-11-04T10:30:00.000Z']) {
      const now = new Date(at);
      const window = analyticsWindow(now, null, to);
      expect(reports.modelAt(facts, scope, 'INDIVIDUAL', window, { toFollowsClock: false, fromFollowsClock: false }, settings, now)).toEqual(
        toAnalyticsModel(analyticsReport(facts, scope, window, settings, now, 'INDIVIDUAL'), now),
      );
    }
  });

  it('keeps a leader’s report and an admin’s apart: neither is given the one made for the other', () => {
    const reports = new KeptAnalyticsModels();
    const now = new Date('2026-11-04T09:00:00.000Z');
    const twoPeople: AnalyticsFacts = { ...facts, direction: { ...direction, people: 2 }, weeks: [{ week: '2026-10-26', direction: { ...direction, people: 2 }, stepsTaken: 3 }], journeyWeeks: [{ journeyId: 'j1', teamId: 't1', week: '2026-10-26', direction: { ...direction, people: 2 }, firstAt: new Date('2026-10-26T09:00:00Z') }] };
    const ask = (detail: 'INDIVIDUAL' | 'AGGREGATE') => reports.modelAt(twoPeople, scope, detail, analyticsWindow(now), clock, settings, now);
    for (const first of ['INDIVIDUAL', 'AGGREGATE'] as const) {
      const second = first === 'INDIVIDUAL' ? 'AGGREGATE' : 'INDIVIDUAL';
      ask(first);
      expect(ask(second)).toEqual(toAnalyticsModel(analyticsReport(twoPeople, scope, analyticsWindow(now), settings, now, second), now));
    }
    expect(ask('INDIVIDUAL').direction).toMatchObject({ comfortMean: 2.5, suppression: { suppressed: false } });
    expect(ask('AGGREGATE').direction).toMatchObject({ comfortMean: null, suppression: { suppressed: true } });
    expect(reports.reportsMade).toBe(2);
  });

  it('makes the report anew when the timezone changed and changed back: the same timezone, a later change', () => {
    const reports = new KeptAnalyticsModels();
    const now = new Date('2026-11-04T09:00:00.000Z');
    const ask = (timezoneSince: Date | null) => reports.modelAt(facts, scope, 'AGGREGATE', analyticsWindow(now), clock, { ...settings, timezoneSince }, now);
    ask(null);
    const changed = { ...settings, timezoneSince: new Date('2026-11-03T12:00:00.000Z') };
    expect(ask(changed.timezoneSince)).toEqual(toAnalyticsModel(analyticsReport(facts, scope, analyticsWindow(now), changed, now, 'AGGREGATE'), now));
    expect(reports.reportsMade).toBe(2);
  });
});
