import { summariseDirection, type Closer } from './direction.metric';
import { countedThrough, finishedWeeksFigures, NO_WEEK_OVER_YET, sumDirections, WEEK_BEING_COUNTED, WEEK_NOT_OVER, WEEK_SETTLING_MS, wholeWeeksWindow } from './finished-weeks.suppression';
import { SHOWN } from './privacy.suppression';

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

describe('the figures of finished journey-weeks, each over the minimum group size', () => {
  const now = at('2026-11-18T10:00:00Z');
  const weeks = [
    { week: '2026-11-02', start: at('2026-11-02T00:00:00Z'), end: at('2026-11-09T00:00:00Z') },
    { week: '2026-11-09', start: at('2026-11-09T00:00:00Z'), end: at('2026-11-16T00:00:00Z') },
    { week: '2026-11-16', start: at('2026-11-16T00:00:00Z'), end: at('2026-11-23T00:00:00Z') },
  ];
  const three = cell(['a', 'YES', 2], ['b', 'YES', 3], ['c', 'NO', 4]);
  const one = cell(['d', 'NO', 1]);
  /** journey, team, week, its answers, and the first answer's time (by default the Monday's noon). */
  type Cell = [string, string, string, ReturnType<typeof cell>, Date?];
  const figuresSince = (timezoneSince: Date | null, ...cells: Cell[]) =>
    finishedWeeksFigures(
      cells.map(([journeyId, teamId, week, direction, firstAt]) => ({ journeyId, teamId, week, direction, firstAt: firstAt ?? at(`${week}T12:00:00Z`) })),
      weeks,
      ['t1', 't2'],
      now,
      3,
      timezoneSince,
    );
  const figures = (...cells: Cell[]) => figuresSince(null, ...cells);

  it('a week just over is withheld until every answer before its end is counted: a minute after, and nothing pending from before', () => {
    const cells = [{ journeyId: 'j1', teamId: 't1', week: '2026-11-09', direction: three, firstAt: at('2026-11-09T12:00:00Z') }];
    const justOver = at('2026-11-16T00:00:00.050Z');
    const read = (counted: Date) => finishedWeeksFigures(cells, weeks, ['t1'], justOver, 3, null, counted);
    // 50 ms after Monday 00:00: answers given just before it may not be counted yet.
    expect(countedThrough(justOver, null)).toEqual(new Date(justOver.getTime() - WEEK_SETTLING_MS));
    const early = read(countedThrough(justOver, null));
    expect(early.weeks[1]).toMatchObject({ suppression: WEEK_BEING_COUNTED, weeksWithheld: 1, direction: { yes: 0 } });
    expect(early.total).toMatchObject({ suppression: WEEK_BEING_COUNTED, weeksWithheld: 1 });
    // A minute on, shown; unless the analytics still have an event from before the week's end to apply.
    const later = at('2026-11-16T00:01:00.050Z');
    expect(read(countedThrough(later, null)).weeks[1].suppression).toEqual(SHOWN);
    expect(read(countedThrough(later, at('2026-11-15T23:59:59.900Z'))).weeks[1].suppression).toEqual(WEEK_BEING_COUNTED);
    expect(read(countedThrough(later, at('2026-11-16T00:00:00.000Z'))).weeks[1].suppression).toEqual(SHOWN);
  });

  it('the week in progress is withheld and left out of the total, whoever answered in it', () => {
    const shown = figures(['j1', 't1', '2026-11-09', three], ['j1', 't1', '2026-11-16', three]);
    expect(shown.weeks.map((week) => week.suppression)).toEqual([{ suppressed: true, reason: 'Nobody answered in this period' }, SHOWN, WEEK_NOT_OVER]);
    expect(shown.total.direction).toMatchObject({ yes: 2, no: 1, comfortMean: 3, people: 3 });
    expect(shown.total).toMatchObject({ suppression: SHOWN, weeksWithheld: 1 });
    expect(shown.weeks[2]).toMatchObject({ weeksWithheld: 1, direction: { yes: 0, comfortMean: null } });
  });

  it('a window whose only answers are in the week in progress says that week is not over, not that too few answered', () => {
    const shown = figures(['j1', 't1', '2026-11-16', three]);
    expect(shown.total).toMatchObject({ suppression: NO_WEEK_OVER_YET, weeksWithheld: 1 });
    expect(shown.teams[0].suppression).toEqual(NO_WEEK_OVER_YET);
    // With a finished week that had too few people besides, that is the reason given.
    expect(figures(['j1', 't1', '2026-11-16', three], ['j2', 't1', '2026-11-09', one]).total.suppression.reason).toMatch(/^No finished week in this period had at least 3 people/);
  });

  it('a journey-week below the minimum group size is left out of its week, its team and the window alike', () => {
    // Week of 9 Nov: journey 1 (team 1) three people, journey 2 (team 2) one person.
    const shown = figures(['j1', 't1', '2026-11-09', three], ['j2', 't2', '2026-11-09', one]);
    expect(shown.weeks[1]).toMatchObject({ suppression: SHOWN, weeksWithheld: 1, direction: { yes: 2, no: 1, comfortDistribution: [0, 1, 1, 1, 0] } });
    expect(shown.total).toEqual(shown.weeks[1]);
    expect(shown.teams[0]).toEqual({ ...shown.weeks[1], weeksWithheld: 0 });
    // Team 2 had nobody over the size: withheld, saying no finished week was.
    expect(shown.teams[1]).toMatchObject({ weeksWithheld: 1, suppression: { suppressed: true, reason: expect.stringContaining('No finished week') }, direction: { no: 0 } });
  });

  it('a finished week with answers but no journey over the size says fewer people answered', () => {
    const shown = figures(['j2', 't2', '2026-11-02', one]);
    expect(shown.weeks[0].suppression.reason).toBe("Fewer than 3 people answered in this period (the organisation's minimum group size)");
    expect(shown.total.suppression.reason).toMatch(/^No finished week/);
    expect(figures().total.suppression.reason).toBe('Nobody answered in this period');
  });

  it('after the timezone changed, the weeks that started before the change are withheld: cut in two timezones, two weeks differ by a few hours’ answers', () => {
    // Changed on Tuesday 10 Nov: the week of 2 Nov and the week of 9 Nov (which started before it) are withheld.
    const shown = figuresSince(at('2026-11-10T08:00:00Z'), ['j1', 't1', '2026-11-02', three], ['j1', 't1', '2026-11-09', three]);
    const cut = { suppressed: true, reason: "The organisation's timezone changed on 2026-11-10: weeks before that are cut in another timezone, and are withheld" };
    expect(shown.weeks.map((week) => week.suppression)).toEqual([cut, cut, WEEK_NOT_OVER]);
    // The window says why: every finished week in it was cut before the change, none was too small.
    expect(shown.total).toMatchObject({ weeksWithheld: 2, direction: { yes: 0, no: 0, comfortMean: null }, suppression: cut });
    // Cut weeks and a later week too small: the window names both reasons.
    const both = figuresSince(at('2026-11-03T08:00:00Z'), ['j1', 't1', '2026-11-02', three], ['j2', 't2', '2026-11-09', one]);
    expect(both.total.suppression.reason).toBe(
      "No finished week in this period can be shown: the organisation's timezone changed on 2026-11-03, so weeks before that are withheld, and the later ones had fewer than 3 people answering on one journey (the organisation's minimum group size)",
    );
    // A change at a week's very start leaves that week whole in the timezone now.
    const fromMonday = figuresSince(at('2026-11-09T00:00:00Z'), ['j1', 't1', '2026-11-02', three], ['j1', 't1', '2026-11-09', three]);
    expect(fromMonday.weeks.map((week) => week.suppression)).toEqual([{ suppressed: true, reason: expect.stringContaining('2026-11-09') }, SHOWN, WEEK_NOT_OVER]);
    expect(fromMonday.total).toMatchObject({ weeksWithheld: 1, suppression: SHOWN, direction: { yes: 2, no: 1 } });
  });

  it('a journey-week that started before the change but whose answers all came after it was never cut the old way, and is shown', () => {
    const changed = at('2026-11-10T08:00:00Z');
    const shown = figuresSince(changed, ['j1', 't1', '2026-11-09', three, at('2026-11-10T09:00:00Z')], ['j2', 't2', '2026-11-09', three, at('2026-11-10T07:59:59Z')]);
    expect(shown.teams.map((team) => team.suppression)).toEqual([SHOWN, { suppressed: true, reason: expect.stringMatching(/^The organisation's timezone changed on 2026-11-10/) }]);
    expect(shown.weeks[1]).toMatchObject({ suppression: SHOWN, weeksWithheld: 1, direction: { yes: 2, no: 1 } });
    // A week before the change withheld for too few people, not for the change, says so.
    const few = figuresSince(changed, ['j2', 't2', '2026-11-09', one, at('2026-11-10T09:00:00Z')]);
    expect(few.weeks[1].suppression.reason).toMatch(/^Fewer than 3 people/);
  });

  it('cells of weeks outside those asked for are not counted', () => {
    expect(figures(['j1', 't1', '2026-10-26', three]).total).toMatchObject({ weeksWithheld: 0, suppression: { suppressed: true } });
  });
});
