import { aggregateComfort, aggregateComfortFor, currentMinimumGroupSize, groupedComfort, minimumGroupSizeAt } from './comfort-groups';
import { DEFAULT_MINIMUM_GROUP_SIZE } from './minimum-group-size';

/** Answers one minute apart from 09:00, in the order given. */
const answers = (...pairs: [string, number][]) =>
  pairs.map(([memberId, comfort], index) => ({ memberId, person: memberId, comfort, at: new Date(Date.UTC(2026, 0, 5, 9, index)) }));
const minute = (index: number) => new Date(Date.UTC(2026, 0, 5, 9, index));
/** The size set to `size` half a minute after the answer at `index`. */
const sizeAfter = (index: number, size: number) => ({ at: new Date(minute(index).getTime() + 30_000), minimumGroupSize: size });
const tally = (list: ReturnType<typeof answers>) => ({ reflections: list.length, people: new Set(list.map((a) => a.memberId)).size, answers: list });
const always = (size: number) => [{ at: new Date(0), minimumGroupSize: size }];
/** What groupedComfort counts, less how many people: reflections and their comfort sum. */
const counted = (...args: Parameters<typeof groupedComfort>) => {
  const { reflections, comfortSum } = groupedComfort(...args);
  return { reflections, comfortSum };
};

describe('the minimum group size in force', () => {
  it('is the last change made at or before the instant, and the default before any', () => {
    const changes = [
      { at: minute(2), minimumGroupSize: 4 },
      { at: minute(5), minimumGroupSize: 2 },
    ];
    expect(minimumGroupSizeAt(changes, minute(1))).toBe(DEFAULT_MINIMUM_GROUP_SIZE);
    expect(minimumGroupSizeAt(changes, minute(2))).toBe(4);
    expect(minimumGroupSizeAt(changes, minute(4))).toBe(4);
    expect(minimumGroupSizeAt(changes, minute(9))).toBe(2);
    expect(minimumGroupSizeAt([], minute(9))).toBe(3);
    expect(currentMinimumGroupSize(changes)).toBe(2);
    expect(currentMinimumGroupSize([])).toBe(3);
  });
});

describe('a mean comfort over a group', () => {
  it('is shown over at least the minimum group size of distinct people, hidden with a reason below it', () => {
    expect(aggregateComfort(tally(answers(['ada', 2], ['bo', 3], ['cy', 4], ['ada', 1])), [])).toEqual({ mean: 3, over: 3, hiddenBecause: null });
    const twoPeople = answers(['ada', 2], ['bo', 4], ['ada', 4], ['bo', 5]);
    expect(aggregateComfort(tally(twoPeople), always(3))).toEqual({ mean: null, over: 0, hiddenBecause: 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' });
    expect(aggregateComfort(tally(twoPeople), always(2))).toEqual({ mean: 15 / 4, over: 4, hiddenBecause: null });
  });

  it('no reflections: no mean, and nothing hidden', () => {
    expect(aggregateComfort(tally([]), always(3))).toEqual({ mean: null, over: 0, hiddenBecause: null });
  });

  it('counts answers in whole groups, each closed by the answer that brings it to the minimum group size of people', () => {
    // Groups of 3 people: [ada 4, bo 2, ada 1, cy 3] closes at cy; [bo 5, bo 5, ada 2] is open (2 people).
    const list = answers(['ada', 4], ['bo', 2], ['ada', 1], ['cy', 3], ['bo', 5], ['bo', 5], ['ada', 2]);
    expect(counted(list, always(3))).toEqual({ reflections: 4, comfortSum: 10 });
    // cy closes the second group: 10 + (5 + 5 + 2 + 1) over 8.
    const more = answers(['ada', 4], ['bo', 2], ['ada', 1], ['cy', 3], ['bo', 5], ['bo', 5], ['ada', 2], ['cy', 1]);
    expect(counted(more, always(3))).toEqual({ reflections: 8, comfortSum: 23 });
    expect(counted(list, always(2))).toEqual({ reflections: 7, comfortSum: 22 }); // [ada 4, bo 2] [ada 1, cy 3] [bo 5, bo 5, ada 2]
    expect(counted(answers(['ada', 4], ['ada', 5]), always(2))).toEqual({ reflections: 0, comfortSum: 0 });
  });

  it('read before and after any one answer, never tells that answer: the mean moves only when a group closes', () => {
    const list = answers(['ada', 4], ['bo', 2], ['cy', 3], ['ada', 1], ['bo', 5], ['cy', 5]);
    const sums = list.map((_, index) => counted(list.slice(0, index + 1), always(3)));
    expect(sums).toEqual([
      { reflections: 0, comfortSum: 0 },
      { reflections: 0, comfortSum: 0 },
      { reflections: 3, comfortSum: 9 },
      { reflections: 3, comfortSum: 9 },
      { reflections: 3, comfortSum: 9 },
      { reflections: 6, comfortSum: 20 },
    ]);
  });

  it('closes each group under the size in force when its last answer was recorded: raising the size later re-cuts nothing', () => {
    // ada 2, bo 3, cy 4 close a group of 3 under the default; the size goes to 4; ada 5 and dee 1 make
    // an open group of 2 people. Read under the size now (4) from the start, the first group would
    // have run on to dee and the mean covered 5 answers: (15 - 9) = ada's 5 + dee's 1 for dee to subtract.
    const list = answers(['ada', 2], ['bo', 3], ['cy', 4], ['ada', 5], ['dee', 1]);
    const raised = [sizeAfter(2, 4)];
    expect(counted(list.slice(0, 3), raised)).toEqual({ reflections: 3, comfortSum: 9 });
    expect(counted(list, raised)).toEqual({ reflections: 3, comfortSum: 9 });
    expect(counted(list, always(4))).toEqual({ reflections: 5, comfortSum: 15 });
    // The open group closes under 4 once a fourth person answers: 9 + (5 + 1 + 2 + 3) over 7.
    const more = answers(['ada', 2], ['bo', 3], ['cy', 4], ['ada', 5], ['dee', 1], ['bo', 2], ['cy', 3]);
    expect(counted(more.slice(0, 6), raised)).toEqual({ reflections: 3, comfortSum: 9 });
    expect(counted(more, raised)).toEqual({ reflections: 7, comfortSum: 20 });
  });

  it('is hidden, never moved, while its closed groups hold fewer people than the size now', () => {
    // ada, bo, cy closed a group of 3 under the default (mean 3); the size goes to 4: those 3 people are
    // too few now, so the mean is hidden; once a group of 4 closes, it shows over both groups.
    const list = answers(['ada', 2], ['bo', 3], ['cy', 4], ['ada', 5], ['dee', 4], ['bo', 1], ['cy', 3]);
    const raised = [sizeAfter(2, 4)];
    expect(aggregateComfort(tally(list.slice(0, 3)), [])).toEqual({ mean: 3, over: 3, hiddenBecause: null });
    expect(groupedComfort(list.slice(0, 5), raised)).toEqual({ reflections: 3, comfortSum: 9, people: 3 });
    expect(aggregateComfort(tally(list.slice(0, 5)), raised)).toEqual({ mean: null, over: 0, hiddenBecause: 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' });
    expect(aggregateComfort(tally(list), raised)).toEqual({ mean: 22 / 7, over: 7, hiddenBecause: null });
    // Lowered back to 3, the first group shows again as it was.
    expect(aggregateComfort(tally(list.slice(0, 5)), [...raised, sizeAfter(4, 3)])).toEqual({ mean: 3, over: 3, hiddenBecause: null });
  });

  it('lowering the size closes an open group only with the next answer, under the lower size', () => {
    // ada 2, bo 3 are open under 3; the size goes to 2 after bo; cy 4 closes [ada, bo, cy] (3 ≥ 2);
    // then dee 1 and ada 5 close [dee, ada] under 2.
    const list = answers(['ada', 2], ['bo', 3], ['cy', 4], ['dee', 1], ['ada', 5]);
    const lowered = [sizeAfter(1, 2)];
    expect(counted(list.slice(0, 2), lowered)).toEqual({ reflections: 0, comfortSum: 0 });
    expect(counted(list.slice(0, 3), lowered)).toEqual({ reflections: 3, comfortSum: 9 });
    expect(counted(list.slice(0, 4), lowered)).toEqual({ reflections: 3, comfortSum: 9 });
    expect(counted(list, lowered)).toEqual({ reflections: 5, comfortSum: 15 });
  });

  it('any size changes, at any times: each reading of a longer run keeps every group an earlier reading showed', () => {
    const list = answers(['ada', 2], ['bo', 3], ['cy', 4], ['ada', 5], ['dee', 1], ['bo', 2], ['ada', 1], ['cy', 3], ['dee', 4], ['eve', 5]);
    const histories = [[], [sizeAfter(0, 2)], [sizeAfter(2, 4)], [sizeAfter(1, 5), sizeAfter(5, 2)], [sizeAfter(3, 2), sizeAfter(6, 4)]];
    for (const history of histories) {
      const readings = list.map((_, index) => groupedComfort(list.slice(0, index + 1), history).reflections);
      // Shown counts only grow, and each is a count an earlier answer closed a group at.
      readings.forEach((over, index) => index > 0 && expect(over).toBeGreaterThanOrEqual(readings[index - 1]));
      for (const over of readings) expect(over === 0 || readings[over - 1] === over).toBe(true);
    }
  });
});

describe('the mean for a reader who reads comfort in the weekly cut (an admin who does not lead the team)', () => {
  // Three people close a group, a fourth is alone in the next: a week holding all four, less the group, is the fourth's comfort.
  const four = tally(answers(['ada', 2], ['bo', 3], ['cy', 4], ['dee', 1]));

  it('is not shown, saying why: the two cuts of the same answers together tell one person’s comfort', () => {
    expect(aggregateComfort(four, always(3))).toEqual({ mean: 3, over: 3, hiddenBecause: null });
    expect(aggregateComfortFor(four, always(3), true)).toEqual({ mean: null, over: 0, hiddenBecause: 'READ_IN_ANALYTICS' });
  });

  it('is the mean over groups for everyone else, and no answers hide nothing', () => {
    expect(aggregateComfortFor(four, always(3), false)).toEqual(aggregateComfort(four, always(3)));
    expect(aggregateComfortFor(tally([]), always(3), true)).toEqual({ mean: null, over: 0, hiddenBecause: null });
  });
});

describe('a person under two member ids (left the organisation and added again)', () => {
  it('is one person: their answers under both ids and one other person’s are no group of three', () => {
    const list = answers(['ann-before', 1], ['ann-after', 1], ['bob', 5]).map((answer) => ({ ...answer, person: answer.memberId.startsWith('ann') ? 'ann' : answer.person }));
    expect(groupedComfort(list, always(3))).toEqual({ reflections: 0, comfortSum: 0, people: 0 });
    expect(groupedComfort([...list, ...answers(['cy', 3]).map((answer) => ({ ...answer, at: minute(3) }))], always(3))).toEqual({ reflections: 4, comfortSum: 10, people: 3 });
  });
});
