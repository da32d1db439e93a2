import { summariseDirection, type Closer } from './direction.metric';
import { finishedWeeksFigures, sumDirections, WEEK_NOT_OVER, wholeWeeksWindow } from './finished-weeks.suppression';

const at = (iso: string): Date => new Date(iso);
const cell = (...answers: [string, Closer, number][]) =>
  summariseDirection(answers.map(([memberId, closer, comfort]) => ({ memberId, closer, comfort, at: at('2026-11-02T12:00:00Z') })));

describe('a window for a reader who sees aggregates only is whole weeks', () => {
  it('widens both bounds to Monday 00:00 in the organisation timezone', () => {
    // Wednesday 4 Nov to Tuesday 10 Nov 2026 13:00 UTC: Monday 2 Nov to Monday 16 Nov.
    expect(wholeWeeksWindow({ from: at('2026-11-04T09:00:00Z'), to: at('2026-11-10T13:00:00Z') }, 'UTC')).toEqual({
      from: at('2026-11-02T00:00:00Z'),
      to: at('2026-11-16T00:00:00Z'),
    });
  });

  it('keeps bounds already on a Monday, and an end 1 ms later takes the whole next week', () => {
    const window = { from: at('2026-11-02T00:00:00Z'), to: at('2026-11-09T00:00:00Z') };
    expect(wholeWeeksWindow(window, 'UTC')).toEqual(window);
    expect(wholeWeeksWindow({ ...window, to: at('2026-11-09T00:00:00.001Z') }, 'UTC').to).toEqual(at('2026-11-16T00:00:00Z'));
  });

  it('reads Monday in the timezone: in Auckland (UTC+13) it starts Sunday 11:00 UTC', () => {
    expect(wholeWeeksWindow({ from: at('2026-11-04T09:00:00Z'), to: at('2026-11-05T09:00:00Z') }, 'Pacific/Auckland')).toEqual({
      from: at('2026-11-01T11:00:00Z'),
      to: at('2026-11-08T11:00:00Z'),
    });
  });
});

describe('weekly cells added up', () => {
  it('sums counts and weighs the mean comfort by reflections; people is the largest cell', () => {
    const sum = sumDirections([cell(['a', 'YES', 2], ['b', 'NO', 4], ['c', 'UNSURE', 5]), cell(['a', 'YES', 1])]);
    expect(sum).toEqual({
      yes: 2,
      no: 1,
      unsure: 1,
      closerRate: 2 / 3,
      comfortMean: 12 / 4,
      comfortDistribution: [1, 1, 0, 1, 1],
      quadrants: { FLOWING: 0, STRETCHING: 2, STUCK: 0, COASTING: 1 },
      people: 3,
    });
  });

  it('of none is no answers', () => {
    expect(sumDirections([])).toMatchObject({ yes: 0, comfortMean: null, closerRate: null, people: 0 });
  });
});

describe('the figures of finished weeks, each over the minimum group size', () => {
  const now = at('2026-11-18T10:00:00Z');
  const week = (end: string, direction = cell()) => ({ end: at(end), direction });
  const three = cell(['a', 'YES', 2], ['b', 'YES', 3], ['c', 'NO', 4]);

  it('the week in progress is withheld and left out of the total, whoever answered in it', () => {
    const figures = finishedWeeksFigures([week('2026-11-16T00:00:00Z', three), week('2026-11-23T00:00:00Z', cell(['a', 'NO', 1], ['b', 'NO', 1], ['c', 'NO', 1]))], now, 3);
    expect(figures.weeks).toEqual([{ suppressed: false, reason: null }, WEEK_NOT_OVER]);
    expect(figures.total).toMatchObject({ yes: 2, no: 1, comfortMean: 3, people: 3 });
    expect(figures.totalSuppression.suppressed).toBe(false);
    expect(figures.weeksWithheld).toBe(1);
  });

  it('a finished week below the minimum group size is withheld and left out; an empty one is not counted as withheld', () => {
    const figures = finishedWeeksFigures(
      [week('2026-11-02T00:00:00Z'), week('2026-11-09T00:00:00Z', cell(['a', 'YES', 5])), week('2026-11-16T00:00:00Z', three)],
      now,
      3,
    );
    expect(figures.weeks.map((suppression) => suppression.suppressed)).toEqual([true, true, false]);
    expect(figures.total).toMatchObject({ yes: 2, no: 1, comfortMean: 3, comfortDistribution: [0, 1, 1, 1, 0] });
    expect(figures.weeksWithheld).toBe(1);
  });

  it('with no week shown the total is withheld, saying whether anyone answered', () => {
    const small = finishedWeeksFigures([week('2026-11-09T00:00:00Z', cell(['a', 'YES', 5]))], now, 3);
    expect(small.totalSuppression).toEqual({ suppressed: true, reason: expect.stringContaining('No finished week') });
    expect(small.total.yes).toBe(0);
    expect(finishedWeeksFigures([week('2026-11-09T00:00:00Z')], now, 3).totalSuppression.reason).toBe('Nobody answered in this period');
  });
});
