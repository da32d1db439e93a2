import type { Closer } from './direction.metric';
import { closerAroundPivot, evolveNoRun, pivotFacts, summarisePivots, type DirectionHistoryEntry } from './pivot.metric';

const day = (n: number): Date => new Date(Date.UTC(2026, 9, n, 9)); // n October 2026, 09:00 UTC
const answer = (closer: Closer, n: number): DirectionHistoryEntry => ({ kind: 'reflection', closer, at: day(n) });
const pivot = (pivotId: string, n: number): DirectionHistoryEntry => ({ kind: 'pivot', pivotId, at: day(n) });
const directionSet = (n: number): DirectionHistoryEntry => ({ kind: 'direction', at: day(n) });

describe('the run of NOs before a pivot', () => {
  it('starts at the first NO since the last YES; UNSURE neither starts nor ends it', () => {
    let run: Date | null = null;
    run = evolveNoRun(run, 'UNSURE', day(1));
    expect(run).toBeNull();
    run = evolveNoRun(run, 'NO', day(2));
    run = evolveNoRun(run, 'UNSURE', day(3));
    run = evolveNoRun(run, 'NO', day(4));
    expect(run).toEqual(day(2));
    expect(evolveNoRun(run, 'YES', day(5))).toBeNull();
  });

  it('a pivot after NO, YES, NO, NO counts from the NO after the YES', () => {
    const facts = pivotFacts([answer('NO', 1), answer('YES', 3), answer('NO', 5), answer('UNSURE', 6), answer('NO', 7), pivot('p1', 9)]);
    expect(facts).toEqual([{ pivotId: 'p1', at: day(9), firstNoAt: day(5) }]);
    // 4 days = 96 hours from the first NO of the run to the pivot.
    expect(summarisePivots(facts)).toEqual({ count: 1, medianHoursFromFirstNo: 96 });
  });

  it('a pivot with no NO before it has no lead time, and stays counted', () => {
    const facts = pivotFacts([answer('YES', 1), answer('UNSURE', 2), pivot('p1', 3)]);
    expect(facts).toEqual([{ pivotId: 'p1', at: day(3), firstNoAt: null }]);
    expect(summarisePivots(facts)).toEqual({ count: 1, medianHoursFromFirstNo: null });
  });

  it('a pivot ends the run: the next pivot counts from NOs after it', () => {
    const facts = pivotFacts([answer('NO', 1), pivot('p1', 2), answer('NO', 4), pivot('p2', 5)]);
    expect(facts.map((fact) => fact.firstNoAt)).toEqual([day(1), day(4)]);
    expect(summarisePivots(facts)).toEqual({ count: 2, medianHoursFromFirstNo: 24 }); // 24 h and 24 h
  });

  it('NOs before the first direction was set start no run: the lead time counts from the first NO against it', () => {
    const facts = pivotFacts([answer('NO', 1), answer('NO', 2), directionSet(4), answer('NO', 5), pivot('p1', 6)]);
    expect(facts).toEqual([{ pivotId: 'p1', at: day(6), firstNoAt: day(5) }]);
    // Only NOs before the direction: no run against it, no lead time.
    expect(pivotFacts([answer('NO', 1), directionSet(4), answer('UNSURE', 5), pivot('p1', 6)])).toEqual([{ pivotId: 'p1', at: day(6), firstNoAt: null }]);
  });

  it('a window that cuts a run of NOs still counts the lead time from the first NO, before the window', () => {
    const facts = pivotFacts([answer('NO', 1), answer('NO', 10), answer('NO', 12), pivot('p1', 13), answer('NO', 14), answer('NO', 15), pivot('p2', 17)]);
    const windowFrom = day(11);
    const inWindow = facts.filter((fact) => fact.at >= windowFrom);
    // p1: 12 days (288 h) from 1 Oct; p2: 3 days (72 h) from 14 Oct; median of the two: 180 h.
    expect(summarisePivots(inWindow)).toEqual({ count: 2, medianHoursFromFirstNo: 180 });
  });
});

describe('closer rate after a pivot against the same number before it', () => {
  const reflections = [
    { closer: 'YES', at: day(1) },
    { closer: 'NO', at: day(2) },
    { closer: 'NO', at: day(3) },
    { closer: 'NO', at: day(4) },
    { closer: 'YES', at: day(6) },
    { closer: 'UNSURE', at: day(7) },
    { closer: 'YES', at: day(8) },
  ] as const;

  it('compares the reflections after it with as many right before it', () => {
    // After day 5: YES, UNSURE, YES (3; rate 1). The 3 before: NO, NO, NO (rate 0).
    expect(closerAroundPivot(reflections, day(5))).toEqual({ reflections: 3, before: 0, after: 1 });
  });

  it('stops at the next pivot', () => {
    // After day 5 up to day 7: YES, UNSURE (2; rate 1). The 2 before: NO, NO.
    expect(closerAroundPivot(reflections, day(5), day(7))).toEqual({ reflections: 2, before: 0, after: 1 });
  });

  it('has nothing to compare before anyone reflects after it', () => {
    expect(closerAroundPivot(reflections, day(9))).toEqual({ reflections: 0, before: null, after: null });
  });
});
