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
});
