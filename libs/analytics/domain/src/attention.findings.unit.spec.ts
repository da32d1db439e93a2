import { attentionFindings, type JourneyAttentionFacts } from './attention.findings';

const at = (iso: string): Date => new Date(iso);
const now = at('2026-11-30T12:00:00Z');
const settings = { now, timezone: 'Europe/London', stalledAfterDays: 14 };

const quiet: JourneyAttentionFacts = {
  journeyId: 'j1',
  title: 'Weekly planning',
  activity: { status: 'ACTIVE', startedAt: at('2026-09-01T09:00:00Z'), lastStepTakenAt: at('2026-11-28T09:00:00Z') },
  recentReflections: [],
  lastPivotAt: null,
  directionSetAt: at('2026-09-01T10:00:00Z'),
  openSupportRequestedAt: [],
  latestDip: null,
  overdueCommitments: 0,
};

describe('attention findings', () => {
  it('a healthy journey needs no attention', () => {
    expect(attentionFindings(quiet, settings)).toEqual([]);
  });

  it('PIVOT_CONSIDERED: 3 of the last 4 reflections say not closer, with no pivot since', () => {
    const facts = {
      ...quiet,
      recentReflections: [
        { closer: 'NO' as const, at: at('2026-11-29T09:00:00Z') },
        { closer: 'NO' as const, at: at('2026-11-27T09:00:00Z') },
        { closer: 'YES' as const, at: at('2026-11-25T09:00:00Z') },
        { closer: 'NO' as const, at: at('2026-11-20T09:00:00Z') },
        { closer: 'NO' as const, at: at('2026-11-01T09:00:00Z') },
      ],
      lastPivotAt: at('2026-10-12T09:00:00Z'),
    };
    expect(attentionFindings(facts, settings)).toEqual([
      {
        code: 'PIVOT_CONSIDERED',
        journeyId: 'j1',
        message: '3 of the last 4 reflections on "Weekly planning" say not closer; no pivot since 12 Oct',
        figures: { notCloser: 3, reflections: 4 },
      },
    ]);
    // A pivot after the oldest of those four answers the signal: two NOs since are not three.
    expect(attentionFindings({ ...facts, lastPivotAt: at('2026-11-21T09:00:00Z') }, settings)).toEqual([]);
  });

  it('PIVOT_CONSIDERED counts the answers since the last pivot: three NOs right after one are a signal', () => {
    const recentReflections = [
      { closer: 'NO' as const, at: at('2026-11-29T09:00:00Z') },
      { closer: 'NO' as const, at: at('2026-11-27T09:00:00Z') },
      { closer: 'NO' as const, at: at('2026-11-25T09:00:00Z') },
      { closer: 'YES' as const, at: at('2026-11-20T09:00:00Z') },
    ];
    const pivoted = { ...quiet, recentReflections, lastPivotAt: at('2026-11-21T09:00:00Z') };
    expect(attentionFindings(pivoted, settings).map((finding) => [finding.message, finding.figures])).toEqual([
      ['3 of the last 3 reflections on "Weekly planning" say not closer; no pivot since 21 Nov', { notCloser: 3, reflections: 3 }],
    ]);
    // An answer at the pivot's very instant counts before it.
    expect(attentionFindings({ ...pivoted, lastPivotAt: at('2026-11-25T09:00:00Z') }, settings)).toEqual([]);
  });

  it('PIVOT_CONSIDERED waits for a direction: NOs answered before one was set are about none', () => {
    const nos = ['2026-11-29', '2026-11-27', '2026-11-25', '2026-11-20'].map((day) => ({ closer: 'NO' as const, at: at(`${day}T09:00:00Z`) }));
    expect(attentionFindings({ ...quiet, recentReflections: nos, directionSetAt: null }, settings)).toEqual([]);
    // Set after the oldest of those four: the three since count, as after a pivot.
    expect(attentionFindings({ ...quiet, recentReflections: nos, directionSetAt: at('2026-11-21T09:00:00Z') }, settings).map((finding) => finding.message)).toEqual([
      '3 of the last 3 reflections on "Weekly planning" say not closer; no pivot yet',
    ]);
    expect(attentionFindings({ ...quiet, recentReflections: nos, directionSetAt: at('2026-11-26T09:00:00Z') }, settings)).toEqual([]);
    expect(attentionFindings({ ...quiet, recentReflections: nos, directionSetAt: at('2026-11-19T09:00:00Z') }, settings).map((finding) => finding.message)).toEqual([
      '4 of the last 4 reflections on "Weekly planning" say not closer; no pivot yet',
    ]);
  });

  it('STALLED, SUPPORT_WAITING, DIP_NOT_RECOVERING and COMMITMENTS_OVERDUE, with their numbers', () => {
    const facts: JourneyAttentionFacts = {
      ...quiet,
      activity: { ...quiet.activity, lastStepTakenAt: at('2026-11-10T09:00:00Z') },
      openSupportRequestedAt: [at('2026-11-25T09:00:00Z'), at('2026-11-30T09:00:00Z')],
      latestDip: { revisedAt: at('2026-11-02T09:00:00Z'), baseline: 3.8, trough: 2.1, weeksToRecover: null, weeksSince: 4 },
      overdueCommitments: 2,
    };
    expect(attentionFindings(facts, settings)).toEqual([
      {
        code: 'STALLED',
        journeyId: 'j1',
        message: 'No step taken on "Weekly planning" for 20 days (since 10 Nov)',
        figures: { daysWithoutStep: 20, stalledAfterDays: 14 },
      },
      {
        code: 'SUPPORT_WAITING',
        journeyId: 'j1',
        message: '1 support request is waiting on "Weekly planning", the oldest for 5 days',
        figures: { waiting: 1, oldestHours: 123 },
      },
      {
        code: 'DIP_NOT_RECOVERING',
        journeyId: 'j1',
        message: 'Comfort on "Weekly planning" fell from 3.8 to 2.1 after the vision revision on 2 Nov and is not back after 4 weeks',
        figures: { baseline: 3.8, trough: 2.1, weeksSince: 4 },
      },
      { code: 'COMMITMENTS_OVERDUE', journeyId: 'j1', message: '2 commitments are past due on "Weekly planning"', figures: { overdue: 2 } },
    ]);
  });

  it('a dip still within its first weeks is not yet a finding', () => {
    const latestDip = { revisedAt: at('2026-11-16T09:00:00Z'), baseline: 3.8, trough: 2.1, weeksToRecover: null, weeksSince: 2 };
    expect(attentionFindings({ ...quiet, latestDip }, settings)).toEqual([]);
  });
});
