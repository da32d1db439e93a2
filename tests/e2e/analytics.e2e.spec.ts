/**
 * Change analytics over GraphQL, told as a story with an injected clock: a team's month of steps,
 * reflections, a pivot and an unanswered support request, then what its leader, an admin, and
 * others may read about it. Every expected figure below is counted by hand from the story.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type AnalyticsView, type Person, type StepwiseApi } from './support/stepwise-api';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';

const HOUR = 3_600_000;
const window = { from: '2026-11-02T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' };

describe('change analytics', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z'); // a Monday
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;
  let pivotId: string;
  let s1: Person;
  let s2: Person;
  let s3: Person;

  const reflect = async (who: Person, at: string, closer: 'YES' | 'NO' | 'UNSURE', comfort: number, stepId?: string): Promise<string> => {
    clock.set(at);
    return (await api.mutate(who, 'recordReflection', { journeyId, closer, comfort, ...(stepId && { stepId }) })).createdId!;
  };

  /** Analytics follow the log on their own processor: wait until they show the story's last reflection. */
  const settled = async (read: () => Promise<AnalyticsView>, reflections: number): Promise<AnalyticsView> => {
    await analyticsCaughtUp(stepwise);
    return askUntil(read, ({ direction: { yes, no, unsure, suppression } }) => suppression.suppressed || yes + no + unsure >= reflections);
  };

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'analytics', staff: 3 });
    [s1, s2, s3] = org.staff;
    await api.mutate(org.admin, 'updateOrganisationSettings', { timezone: 'Europe/London' });
    journeyId = await startJourney(api, org, { title: 'Weekly planning' });

    // Week of 2 Nov: a step taken and reflected on 2 hours later; a NO starts the run; an UNSURE.
    const stepId = (await api.mutate(s1, 'planStep', { journeyId, title: 'Plan on Monday' })).createdId!;
    await api.mutate(s1, 'takeStep', { journeyId, stepId });
    await reflect(s1, '2026-11-02T11:00:00.000Z', 'YES', 4, stepId);
    const firstNo = await reflect(s2, '2026-11-02T13:00:00.000Z', 'NO', 2);
    await reflect(s3, '2026-11-03T09:00:00.000Z', 'UNSURE', 5);
    // Week of 9 Nov: three more NOs, then the leader pivots.
    await reflect(s1, '2026-11-09T09:00:00.000Z', 'NO', 2);
    await reflect(s2, '2026-11-10T09:00:00.000Z', 'NO', 1);
    const lastNo = await reflect(s3, '2026-11-11T09:00:00.000Z', 'NO', 3);
    clock.set('2026-11-12T09:00:00.000Z');
    pivotId = (await api.mutate(org.leader, 'makePivot', { journeyId, toDirection: 'Plan on Fridays', reason: 'Mondays are too busy', reflectionIds: [firstNo, lastNo] })).createdId!;
    clock.set('2026-11-13T09:00:00.000Z');
    await api.mutate(s2, 'requestSupport', { journeyId, need: 'I do not see how Fridays help' });
    // After the pivot: NO, NO, a YES late on Sunday 22 Nov (UTC), NO.
    await reflect(s1, '2026-11-16T09:00:00.000Z', 'NO', 2);
    await reflect(s2, '2026-11-17T09:00:00.000Z', 'NO', 2);
    await reflect(s3, '2026-11-22T20:00:00.000Z', 'YES', 3);
    await reflect(s1, '2026-11-24T09:00:00.000Z', 'NO', 2);
    clock.set('2026-11-30T12:00:00.000Z');
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('a team leader reads the team’s direction, comfort, weeks and momentum', async () => {
    const team = await settled(() => api.query(org.leader, 'teamAnalytics', { teamId: org.teamId, ...window }), 10);
    expect(team.timezone).toBe('Europe/London');
    expect(team.direction).toEqual({
      yes: 2,
      no: 7,
      unsure: 1,
      closerRate: 2 / 9,
      comfortMean: 2.6, // (4 + 2 + 5 + 2 + 1 + 3 + 2 + 2 + 3 + 2) / 10
      comfortDistribution: [1, 5, 2, 1, 1],
      quadrants: { flowing: 2, stretching: 0, stuck: 6, coasting: 1 },
      people: 3,
      weeksWithheld: 0,
      suppression: { suppressed: false, reason: null },
    });
    expect(team.weeks.map((week) => [week.week, week.direction.yes, week.direction.no, week.direction.unsure, week.stepsTaken])).toEqual([
      ['2026-11-02', 1, 1, 1, 1],
      ['2026-11-09', 0, 3, 0, 0],
      ['2026-11-16', 1, 2, 0, 0],
      ['2026-11-23', 0, 1, 0, 0],
    ]);
    expect(team.momentum).toEqual({ stepsTaken: 1, openSteps: 0, overdueSteps: 0 });
    expect(team.loopDiscipline).toEqual({ stepsTaken: 1, reflectedInWindow: 1, share: 1, medianHoursToReflection: 2, windowHours: 72 });
  });

  it('pivots: the lead time from the first NO of the run, and the closer rate after against as many before', async () => {
    const journey = await settled(() => api.query(org.leader, 'journeyAnalytics', { journeyId, ...window }), 10);
    // First NO of the run: 2 Nov 13:00; pivot 12 Nov 09:00: 9 days 20 hours.
    expect(journey.pivots).toEqual({
      count: 1,
      medianHoursFromFirstNo: 236,
      suppression: { suppressed: false, reason: null },
      pivots: [
        // After: NO, NO, YES, NO (1 of 4); before, the last 4 YES/NO answers: NO, NO, NO, NO (0 of 4).
        { pivotId, journeyId, at: '2026-11-12T09:00:00.000Z', hoursFromFirstNo: 236, reflectionsCompared: 4, closerRateBefore: 0, closerRateAfter: 0.25 },
      ],
    });
  });

  it('participation, stalled journeys, waiting support, and what needs attention', async () => {
    const team = await settled(() => api.query(org.leader, 'teamAnalytics', { teamId: org.teamId, ...window }), 10);
    // 23-30 Nov: the leader and three staff were on the team; one of them reflected.
    expect(team.participation).toMatchObject({ from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z', members: 4, reflected: 1, share: 0.25 });
    expect(team.stalled).toEqual({
      count: 1,
      stalledAfterDays: 14,
      journeys: [{ journeyId, title: 'Weekly planning', quietSince: '2026-11-02T09:00:00.000Z', daysWithoutStep: 28 }],
    });
    expect(team.support).toMatchObject({ open: 1, oldestAgeHours: 17 * 24 + 3 });
    expect(team.attention.map((finding) => [finding.code, finding.message])).toEqual([
      ['PIVOT_CONSIDERED', '3 of the last 4 reflections on "Weekly planning" say not closer; no pivot since 12 Nov'],
      ['STALLED', 'No step taken on "Weekly planning" for 28 days (since 2 Nov)'],
      ['SUPPORT_WAITING', '1 support request is waiting on "Weekly planning", the oldest for 17 days'],
    ]);
    expect(team.attention[0].figures).toEqual([
      { name: 'notCloser', value: 3 },
      { name: 'reflections', value: 4 },
    ]);
  });

  it('the organisation view is for admins, and withholds a team below the minimum group size, with a reason', async () => {
    expect(errorCode(await api.attemptQuery(org.leader, 'organisationAnalytics', window))).toBe('FORBIDDEN');
    const shown = await settled(() => api.query(org.admin, 'organisationAnalytics', window), 10);
    // The sum of the weeks shown: the week of 23 Nov (one person, below 3) is left out of it, and counted as withheld.
    expect(shown.direction).toMatchObject({ yes: 2, no: 6, unsure: 1, people: 3, weeksWithheld: 1, suppression: { suppressed: false } });
    expect(shown.teams).toEqual([expect.objectContaining({ teamId: org.teamId, direction: expect.objectContaining({ people: 3 }) })]);
    expect(shown.weeks[3].direction).toMatchObject({
      no: 0,
      closerRate: null,
      suppression: { suppressed: true, reason: "Fewer than 3 people answered in this period (the organisation's minimum group size)" },
    });
    // No other week need be withheld beside it: the total less the weeks shown is nothing.
    expect(shown.weeks.map((week) => week.direction.suppression.reason)).toEqual([null, null, null, expect.stringMatching(/^Fewer than 3/)]);
    const differenced = shown.weeks
      .filter((week) => !week.direction.suppression.suppressed)
      .reduce(
        (left, { direction }) => ({ yes: left.yes - direction.yes, no: left.no - direction.no, unsure: left.unsure - direction.unsure }),
        { yes: shown.direction.yes, no: shown.direction.no, unsure: shown.direction.unsure },
      );
    expect(differenced).toEqual({ yes: 0, no: 0, unsure: 0 });

    await api.mutate(org.admin, 'updateOrganisationSettings', { minimumGroupSize: 4 });
    const withheld = await api.query(org.admin, 'organisationAnalytics', window);
    expect(withheld.direction).toMatchObject({ yes: 0, no: 0, unsure: 0, closerRate: null, comfortMean: null, people: 0, suppression: { suppressed: true } });
    expect(withheld.teams[0].direction.suppression.reason).toBe(
      "No finished week in this period had at least 4 people answering on one journey (the organisation's minimum group size)",
    );
    expect(withheld.participation).toMatchObject({ members: 4, reflected: null, share: null, suppression: { suppressed: true } });
    // Within one team a leader still sees the team's figures (a coaching relationship).
    expect((await api.query(org.leader, 'teamAnalytics', { teamId: org.teamId, ...window })).direction).toMatchObject({ yes: 2, people: 3 });
    await api.mutate(org.admin, 'updateOrganisationSettings', { minimumGroupSize: 3 });
  });

  it('staff may not read a team’s or journey’s analytics; people off the team do not see it exists', async () => {
    expect(errorCode(await api.attemptQuery(s1, 'teamAnalytics', { teamId: org.teamId }))).toBe('LEADER_REQUIRED');
    expect(errorCode(await api.attemptQuery(s1, 'journeyAnalytics', { journeyId }))).toBe('LEADER_REQUIRED');
    expect(errorCode(await api.attemptQuery(org.bystander, 'teamAnalytics', { teamId: org.teamId }))).toBe('TEAM_NOT_FOUND');
    expect(errorCode(await api.attemptQuery(org.bystander, 'journeyAnalytics', { journeyId }))).toBe('JOURNEY_NOT_FOUND');
    expect((await api.query(org.admin, 'teamAnalytics', { teamId: org.teamId, ...window })).direction.yes).toBe(2);
  });

  it('the window defaults to the last 12 weeks up to now, and refuses one that ends before it starts', async () => {
    const defaulted = await api.query(org.leader, 'teamAnalytics', { teamId: org.teamId });
    expect([defaulted.from, defaulted.to]).toEqual([new Date(clock.now().getTime() - 12 * 7 * 24 * HOUR).toISOString(), clock.now().toISOString()]);
    expect(defaulted.weeks).toHaveLength(13);
    const backwards = await api.attemptQuery(org.leader, 'teamAnalytics', { teamId: org.teamId, from: window.to, to: window.from });
    expect(errorCode(backwards)).toBe('VALIDATION_FAILED');
  });

  it('refuses a bound beyond four-digit years with VALIDATION_FAILED on the field, not an internal error', async () => {
    for (const [bounds, field] of [
      [{ from: '+010000-01-01T00:00:00.000Z', to: '+010000-02-01T00:00:00.000Z' }, 'to'],
      [{ to: '-000001-01-01T00:00:00.000Z' }, 'to'],
      [{ from: '1899-12-01T00:00:00.000Z', to: '1900-01-01T00:00:00.000Z' }, 'from'],
      // No from sent: the default 12 weeks before to reach before 1900, and to is what the caller can fix.
      [{ to: '1900-02-01T00:00:00.000Z' }, 'to'],
    ] as const) {
      const refused = await api.attemptQuery(org.leader, 'teamAnalytics', { teamId: org.teamId, ...bounds });
      expect(errorCode(refused)).toBe('VALIDATION_FAILED');
      expect(refused.errors?.[0].extensions?.details).toMatchObject({ field, reason: 'OUT_OF_RANGE' });
    }
  });
  // Last: a timezone change withholds the weeks before it from the organisation view the cases above read.
  it('weeks follow the organisation timezone: in Auckland, Sunday 22 Nov 20:00 UTC is already Monday 23 Nov', async () => {
    await api.mutate(org.admin, 'updateOrganisationSettings', { timezone: 'Pacific/Auckland' });
    const team = await api.query(org.leader, 'teamAnalytics', { teamId: org.teamId, ...window });
    expect(team.timezone).toBe('Pacific/Auckland');
    const week = (date: string) => team.weeks.find((found) => found.week === date)?.direction;
    expect(week('2026-11-16')).toMatchObject({ yes: 0, no: 2 });
    expect(week('2026-11-23')).toMatchObject({ yes: 1, no: 1 });
    expect(new Date(team.weeks[1].start).getTime() - new Date('2026-11-08T11:00:00.000Z').getTime()).toBe(0);
    // Readers who see aggregates only are not shown weeks cut before the change (they could difference the two cuts).
    const admin = await api.query(org.admin, 'organisationAnalytics', window);
    expect(admin.direction).toMatchObject({ yes: 0, no: 0, unsure: 0, suppression: { suppressed: true } });
    expect(admin.weeks[0].direction.suppression.reason).toMatch(/^The organisation's timezone changed on 2026-11-30/);
  });
});

describe('the transition dip after a vision revision', () => {
  const clock = new FixedClock('2026-10-05T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;

  const reflect = async (who: Person, at: string, closer: 'YES' | 'NO', comfort: number): Promise<void> => {
    clock.set(at);
    await api.mutate(who, 'recordReflection', { journeyId, closer, comfort });
  };

  const journeyAnalytics = async (reflections: number): Promise<AnalyticsView> => {
    await analyticsCaughtUp(stepwise);
    return askUntil(() => api.query(org.leader, 'journeyAnalytics', { journeyId }), ({ direction: { yes, no } }) => yes + no >= reflections);
  };

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'dip', staff: 3 });
    journeyId = await startJourney(api, org, { title: 'Open plan office' });
    const [s1, s2, s3] = org.staff;
    // The 4 weeks before the revision: comfort 4, 4, 3 (baseline 11/3).
    await reflect(s1, '2026-10-12T09:00:00.000Z', 'YES', 4);
    await reflect(s2, '2026-10-19T09:00:00.000Z', 'YES', 4);
    await reflect(s3, '2026-10-26T09:00:00.000Z', 'YES', 3);
    clock.set('2026-11-02T10:00:00.000Z');
    await api.mutate(org.leader, 'reviseVision', { journeyId, statement: 'Every desk is shared', reason: 'We grew' });
    // Weekly means after it: 2, 1.5, 3 … then 4 in the week of 23 Nov.
    await reflect(s1, '2026-11-03T09:00:00.000Z', 'NO', 2);
    await reflect(s2, '2026-11-10T09:00:00.000Z', 'NO', 1);
    await reflect(s3, '2026-11-11T09:00:00.000Z', 'YES', 2);
    await reflect(s1, '2026-11-17T09:00:00.000Z', 'YES', 3);
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('three weeks on and still below the baseline: DIP_NOT_RECOVERING, with its trough', async () => {
    clock.set('2026-11-23T12:00:00.000Z');
    const journey = await journeyAnalytics(7);
    expect(journey.transitionDips).toEqual([
      { journeyId, visionVersion: 2, revisedAt: '2026-11-02T10:00:00.000Z', baseline: 11 / 3, trough: 1.5, weeksToRecover: null, recovered: false, weeksSince: 3 },
    ]);
    expect(journey.attention.map((finding) => [finding.code, finding.message])).toEqual([
      ['STALLED', 'No step taken on "Open plan office" for 49 days (since it started on 5 Oct)'],
      ['DIP_NOT_RECOVERING', 'Comfort on "Open plan office" fell from 3.7 to 1.5 after the vision revision on 2 Nov and is not back after 3 weeks'],
    ]);
  });

  it('back at the baseline in the week of 23 Nov: recovered after 3 weeks', async () => {
    await reflect(org.staff[1], '2026-11-24T09:00:00.000Z', 'YES', 4);
    clock.set('2026-12-02T09:00:00.000Z');
    const journey = await journeyAnalytics(8);
    expect(journey.transitionDips[0]).toMatchObject({ trough: 1.5, weeksToRecover: 3, recovered: true, weeksSince: 4 });
    expect(journey.attention.map((finding) => finding.code)).not.toContain('DIP_NOT_RECOVERING');
  });
});
