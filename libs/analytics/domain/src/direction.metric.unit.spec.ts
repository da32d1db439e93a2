import { closerRate, quadrantOf, summariseDirection, type ReflectionFact } from './direction.metric';
import { median } from './median.statistic';

const at = new Date('2026-11-02T09:00:00Z');
const r = (memberId: string, closer: ReflectionFact['closer'], comfort: number): ReflectionFact => ({ memberId, closer, comfort, at });

describe('closer rate and the comfort × direction quadrant', () => {
  it('closer rate is YES / (YES + NO), UNSURE outside it', () => {
    expect(closerRate({ yes: 3, no: 1 })).toBe(0.75);
    expect(closerRate({ yes: 0, no: 0 })).toBeNull();
  });

  it('places each answer: comfortable means comfort 3 or more; UNSURE sits outside', () => {
    expect([quadrantOf('YES', 3), quadrantOf('YES', 2), quadrantOf('NO', 2), quadrantOf('NO', 3), quadrantOf('UNSURE', 5)]).toEqual([
      'FLOWING',
      'STRETCHING',
      'STUCK',
      'COASTING',
      null,
    ]);
  });

  it('summarises a week: counts, rate, comfort mean and distribution, quadrants, distinct people', () => {
    const summary = summariseDirection([r('a', 'YES', 4), r('b', 'YES', 1), r('a', 'NO', 2), r('c', 'NO', 5), r('c', 'UNSURE', 3)]);
    expect(summary).toEqual({
      yes: 2,
      no: 2,
      unsure: 1,
      closerRate: 0.5,
      comfortMean: 3, // (4 + 1 + 2 + 5 + 3) / 5
      comfortDistribution: [1, 1, 1, 1, 1],
      quadrants: { FLOWING: 1, STRETCHING: 1, STUCK: 1, COASTING: 1 },
      people: 3,
    });
  });

  it('with no reflections: zero counts, no rate, no mean', () => {
    expect(summariseDirection([])).toMatchObject({ yes: 0, no: 0, unsure: 0, closerRate: null, comfortMean: null, people: 0 });
  });

  it('all UNSURE: counted and comfort shown, but no rate and an empty quadrant', () => {
    expect(summariseDirection([r('a', 'UNSURE', 2), r('b', 'UNSURE', 5)])).toEqual({
      yes: 0,
      no: 0,
      unsure: 2,
      closerRate: null,
      comfortMean: 3.5,
      comfortDistribution: [0, 1, 0, 0, 1],
      quadrants: { FLOWING: 0, STRETCHING: 0, STUCK: 0, COASTING: 0 },
      people: 2,
    });
  });
});

describe('median, as percentile_cont(0.5)', () => {
  it('is the middle value, the mean of the middle two, or null', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 2, 10])).toBe(3);
    expect(median([])).toBeNull();
  });
});
