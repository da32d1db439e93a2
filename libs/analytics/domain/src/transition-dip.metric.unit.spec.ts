import { transitionDip } from './transition-dip.metric';

// Mondays of November 2026 in UTC: 2, 9, 16, 23, 30.
const at = (iso: string): Date => new Date(iso);
const c = (comfort: number, iso: string) => ({ comfort, at: at(iso) });
const revisedAt = at('2026-11-02T10:00:00Z');

describe('the transition dip after a vision revision', () => {
  const before = [c(4, '2026-10-20T09:00:00Z'), c(4, '2026-10-27T09:00:00Z'), c(3, '2026-10-29T09:00:00Z')]; // baseline 11/3

  it('finds the trough and the weeks until comfort is back at the baseline', () => {
    const after = [
      c(2, '2026-11-03T09:00:00Z'), // week 0: 2
      c(1, '2026-11-10T09:00:00Z'), // week 1: 1.5
      c(2, '2026-11-11T09:00:00Z'),
      c(3, '2026-11-17T09:00:00Z'), // week 2: 3 (below 3.67)
      c(4, '2026-11-24T09:00:00Z'), // week 3: 4, recovered
      c(1, '2026-12-01T09:00:00Z'), // after recovery: not part of the dip
    ];
    expect(transitionDip(revisedAt, [...before, ...after], at('2026-12-02T00:00:00Z'), 'UTC')).toEqual({
      revisedAt,
      baseline: 11 / 3,
      trough: 1.5,
      weeksToRecover: 3,
      weeksSince: 4,
    });
  });

  it('not recovered yet: weeksToRecover is null', () => {
    const after = [c(2, '2026-11-03T09:00:00Z'), c(2, '2026-11-20T09:00:00Z')];
    expect(transitionDip(revisedAt, [...before, ...after], at('2026-11-25T00:00:00Z'), 'UTC')).toMatchObject({ trough: 2, weeksToRecover: null, weeksSince: 3 });
  });

  it('reflections earlier in the revision week count toward the baseline, not the dip', () => {
    const sameWeekBefore = c(1, '2026-11-02T09:00:00Z');
    const result = transitionDip(revisedAt, [...before, sameWeekBefore, c(3, '2026-11-03T09:00:00Z')], at('2026-11-05T00:00:00Z'), 'UTC');
    expect(result).toMatchObject({ baseline: 3, trough: 3, weeksToRecover: 0 }); // (4 + 4 + 3 + 1) / 4 = 3
  });

  it('without reflections before the revision there is no baseline to recover to', () => {
    expect(transitionDip(revisedAt, [c(2, '2026-11-03T09:00:00Z')], at('2026-11-10T00:00:00Z'), 'UTC')).toMatchObject({
      baseline: null,
      trough: 2,
      weeksToRecover: null,
    });
  });

  it('the baseline weeks are whole weeks of the timezone: from the Monday 00:00 four weeks before the revision’s week', () => {
    // Revised on Wednesday 4 Nov (UTC): the baseline runs from Monday 5 Oct 00:00, not from Wednesday 7 Oct 10:00.
    const revisedMidWeek = at('2026-11-04T10:00:00Z');
    const reflections = [c(1, '2026-10-04T23:00:00Z'), c(1, '2026-10-05T09:00:00Z'), c(5, '2026-10-28T09:00:00Z'), c(3, '2026-11-05T09:00:00Z')];
    // (1 + 5) / 2 = 3; the Sunday before is another week. Week 0 (after the revision): 3, back at the baseline.
    expect(transitionDip(revisedMidWeek, reflections, at('2026-11-06T00:00:00Z'), 'UTC')).toEqual({
      revisedAt: revisedMidWeek,
      baseline: 3,
      trough: 3,
      weeksToRecover: 0,
      weeksSince: 0,
    });
  });

  describe('across a change of clocks, in a timezone far from UTC (Pacific/Auckland, UTC+12, +13 in summer)', () => {
    it('a baseline week of 169 hours (clocks back on Sunday 5 April): its first hour is in it', () => {
      // Revised Monday 20 April 00:00 NZST. The baseline weeks start Monday 23 March 00:00 NZDT
      // (22 Mar 11:00 UTC), 673 hours before it, not 672.
      const revised = at('2026-04-19T12:00:00Z');
      const reflections = [
        c(1, '2026-03-22T10:30:00Z'), // Sunday 22 March 23:30 NZDT: the week before, outside
        c(1, '2026-03-22T11:30:00Z'), // Monday 23 March 00:30 NZDT: inside
        c(5, '2026-04-14T00:00:00Z'), // Tuesday 14 April 12:00 NZST: inside
        c(2, '2026-04-21T00:00:00Z'), // week 0: 2
        c(3, '2026-04-28T00:00:00Z'), // week 1: 3, back at the baseline
      ];
      expect(transitionDip(revised, reflections, at('2026-05-01T00:00:00Z'), 'Pacific/Auckland')).toEqual({
        revisedAt: revised,
        baseline: 3, // (1 + 5) / 2
        trough: 2,
        weeksToRecover: 1,
        weeksSince: 1,
      });
    });

    it('a baseline week of 167 hours (clocks forward on Sunday 27 September): the hour before it is not', () => {
      // Revised Monday 12 October 00:00 NZDT. The baseline weeks start Monday 14 September 00:00 NZST
      // (13 Sep 12:00 UTC), 671 hours before it, not 672.
      const revised = at('2026-10-11T11:00:00Z');
      const reflections = [
        c(1, '2026-09-13T11:30:00Z'), // Sunday 13 September 23:30 NZST: the week before, outside
        c(4, '2026-09-13T12:30:00Z'), // Monday 14 September 00:30 NZST: inside
        c(2, '2026-10-06T00:00:00Z'), // inside
        c(2, '2026-10-13T00:00:00Z'), // week 0: 2
        c(3, '2026-10-20T00:00:00Z'), // week 1: 3, back at the baseline
      ];
      expect(transitionDip(revised, reflections, at('2026-10-21T00:00:00Z'), 'Pacific/Auckland')).toEqual({
        revisedAt: revised,
        baseline: 3, // (4 + 2) / 2
        trough: 2,
        weeksToRecover: 1,
        weeksSince: 1,
      });
    });
  });
});
