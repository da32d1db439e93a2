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
  type Answer = { readonly closer: Closer; readonly at: Date };
  const a = (closer: Closer, n: number, hour = 9): Answer => ({ closer, at: new Date(Date.UTC(2026, 9, n, hour)) });
  const reflections = [a('YES', 1), a('NO', 2), a('NO', 3), a('NO', 4), a('YES', 6), a('UNSURE', 7), a('YES', 8)];

  it('compares the answers after it with as many right before it; UNSURE is outside the rate and outside the count', () => {
    // After day 5: YES, (UNSURE), YES: 2 answers, rate 1. The 2 answers right before: NO, NO: rate 0.
    expect(closerAroundPivot(reflections, day(5))).toEqual({ reflections: 2, before: 0, after: 1 });
  });

  it('stops at the next pivot', () => {
    // After day 5 up to day 7: YES, (UNSURE): 1 answer. The 1 before: NO.
    expect(closerAroundPivot(reflections, day(5), day(7))).toEqual({ reflections: 1, before: 0, after: 1 });
  });

  it('has nothing to compare before anyone answers after it', () => {
    expect(closerAroundPivot(reflections, day(9))).toEqual({ reflections: 0, before: null, after: null });
  });

  it('with fewer answers before than after, compares that many on each side: the first ones after it', () => {
    // Before: NO (1 answer). After: YES, YES, NO. One on each side: NO against YES.
    expect(closerAroundPivot([a('NO', 1), a('YES', 3), a('YES', 4), a('NO', 5)], day(2))).toEqual({ reflections: 1, before: 0, after: 1 });
  });

  it('with only UNSURE after it (or before it), there is no rate to compare', () => {
    expect(closerAroundPivot([a('NO', 1), a('NO', 2), a('UNSURE', 4), a('UNSURE', 5)], day(3))).toEqual({ reflections: 0, before: null, after: null });
    expect(closerAroundPivot([a('UNSURE', 1), a('YES', 4)], day(3))).toEqual({ reflections: 0, before: null, after: null });
  });

  it('an answer at the very instant of the pivot counts before it, and one at the next pivot’s instant before that one', () => {
    const p1 = day(4); // 4 October 09:00, as the NO below
    const p2 = day(6);
    const answers = [a('YES', 1), a('NO', 4), a('YES', 5), a('NO', 6), a('YES', 7)];
    // p1: before NO (at its instant), YES; after YES, NO (the NO at p2's instant is about p1's direction).
    expect(closerAroundPivot(answers, p1, p2)).toEqual({ reflections: 2, before: 0.5, after: 0.5 });
    // p2: before, since p1: YES, NO; after: YES. One each: NO against YES.
    expect(closerAroundPivot(answers, p2, null, p1)).toEqual({ reflections: 1, before: 0, after: 1 });
  });

  it('a second pivot soon after the first: each side keeps to its own direction', () => {
    const answers = [a('YES', 1), a('YES', 2), a('NO', 4), a('YES', 6), a('YES', 7)];
    // p1 on day 3, p2 on day 5: one answer (NO) about the direction p1 set.
    expect(closerAroundPivot(answers, day(3), day(5))).toEqual({ reflections: 1, before: 1, after: 0 });
    // p2 turned away from p1's direction: the answer before it is that NO, not the YESes before p1.
    expect(closerAroundPivot(answers, day(5), null, day(3))).toEqual({ reflections: 1, before: 0, after: 1 });
  });

  it('answers before the journey had a direction are no side of its first pivot', () => {
    // YES on day 1 with no direction; the direction set on day 2; NO on day 3; the pivot on day 4.
    const answers = [a('YES', 1), a('NO', 3), a('YES', 5), a('YES', 6)];
    expect(closerAroundPivot(answers, day(4), null, day(2))).toEqual({ reflections: 1, before: 0, after: 1 });
  });
});
