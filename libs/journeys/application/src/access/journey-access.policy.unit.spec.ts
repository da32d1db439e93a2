import {
  aggregateComfort,
  canReadReflectionNote,
  canSeeTeamJourneys,
  groupedComfort,
  visibleComfort,
  visibleNote,
  visibleSupportMessage,
  visibleSupportNeed,
} from './journey-access.policy';
import { DEFAULT_MINIMUM_GROUP_SIZE, minimumGroupSizeOf } from './minimum-group-size';

describe('who may see a journey', () => {
  it('whoever may see its team: the team’s members and the organisation’s admins', () => {
    expect(canSeeTeamJourneys({ orgRole: 'MEMBER', teamRole: 'STAFF' })).toBe(true);
    expect(canSeeTeamJourneys({ orgRole: 'MEMBER', teamRole: 'LEADER' })).toBe(true);
    expect(canSeeTeamJourneys({ orgRole: 'ADMIN', teamRole: null })).toBe(true);
    expect(canSeeTeamJourneys({ orgRole: 'MEMBER', teamRole: null })).toBe(false);
  });
});

describe('who may read a reflection note', () => {
  it('its author and the team’s leaders; not other staff, and not an admin for being an admin', () => {
    expect(canReadReflectionNote({ memberId: 'ada', teamRole: 'STAFF' }, 'ada')).toBe(true);
    expect(canReadReflectionNote({ memberId: 'lee', teamRole: 'LEADER' }, 'ada')).toBe(true);
    expect(canReadReflectionNote({ memberId: 'bo', teamRole: 'STAFF' }, 'ada')).toBe(false);
    expect(canReadReflectionNote({ memberId: 'root', teamRole: null }, 'ada')).toBe(false);
  });

  it('a note without a known author is the leaders’ alone', () => {
    expect(canReadReflectionNote({ memberId: 'ada', teamRole: 'STAFF' }, null)).toBe(false);
    expect(visibleNote('Hard week', null, { memberId: 'lee', teamRole: 'LEADER' })).toBe('Hard week');
    expect(visibleNote('Hard week', 'ada', { memberId: 'bo', teamRole: 'STAFF' })).toBeNull();
  });
});

describe('who may see one person’s comfort', () => {
  it('the person and the team’s leaders; peers and admins see why it is hidden', () => {
    expect(visibleComfort(2, 'ada', { memberId: 'ada', teamRole: 'STAFF' })).toEqual({ comfort: 2, hiddenBecause: null });
    expect(visibleComfort(2, 'ada', { memberId: 'lee', teamRole: 'LEADER' })).toEqual({ comfort: 2, hiddenBecause: null });
    expect(visibleComfort(2, 'ada', { memberId: 'bo', teamRole: 'STAFF' })).toEqual({ comfort: null, hiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE' });
    expect(visibleComfort(2, 'ada', { memberId: 'root', teamRole: null })).toEqual({ comfort: null, hiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE' });
  });
});

describe('who may read a request for support and the offers on it', () => {
  const hidden = { text: null, hiddenBecause: 'SUPPORT_IS_PRIVATE' };

  it('the request: whoever asked and the team’s leaders; peers and admins see why it is hidden', () => {
    expect(visibleSupportNeed('Unsure how', 'ada', { memberId: 'ada', teamRole: 'STAFF' })).toEqual({ text: 'Unsure how', hiddenBecause: null });
    expect(visibleSupportNeed('Unsure how', 'ada', { memberId: 'lee', teamRole: 'LEADER' })).toEqual({ text: 'Unsure how', hiddenBecause: null });
    expect(visibleSupportNeed('Unsure how', 'ada', { memberId: 'bo', teamRole: 'STAFF' })).toEqual(hidden);
    expect(visibleSupportNeed('Unsure how', 'ada', { memberId: 'root', teamRole: null })).toEqual(hidden);
  });

  it('an offer: whoever asked, whoever offered (a leader then, whatever now) and the team’s leaders', () => {
    expect(visibleSupportMessage('Let us pair', 'ada', 'lee', { memberId: 'ada', teamRole: 'STAFF' })).toEqual({ text: 'Let us pair', hiddenBecause: null });
    expect(visibleSupportMessage('Let us pair', 'ada', 'lee', { memberId: 'lee', teamRole: 'STAFF' })).toEqual({ text: 'Let us pair', hiddenBecause: null });
    expect(visibleSupportMessage('Let us pair', 'ada', 'lee', { memberId: 'max', teamRole: 'LEADER' })).toEqual({ text: 'Let us pair', hiddenBecause: null });
    expect(visibleSupportMessage('Let us pair', 'ada', 'lee', { memberId: 'bo', teamRole: 'STAFF' })).toEqual(hidden);
    expect(visibleSupportMessage('Let us pair', 'ada', 'lee', { memberId: 'root', teamRole: null })).toEqual(hidden);
  });
});

describe('a mean comfort over a group', () => {
  const answers = (...pairs: [string, number][]) => pairs.map(([memberId, comfort]) => ({ memberId, comfort }));
  const tally = (list: ReturnType<typeof answers>) => ({ reflections: list.length, people: new Set(list.map((a) => a.memberId)).size, answers: list });

  it('is shown over at least the minimum group size of distinct people, hidden with a reason below it', () => {
    expect(aggregateComfort(tally(answers(['ada', 2], ['bo', 3], ['cy', 4], ['ada', 1])), 3)).toEqual({ mean: 3, over: 3, hiddenBecause: null });
    const twoPeople = answers(['ada', 2], ['bo', 4], ['ada', 4], ['bo', 5]);
    expect(aggregateComfort(tally(twoPeople), 3)).toEqual({ mean: null, over: 0, hiddenBecause: 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' });
    expect(aggregateComfort(tally(twoPeople), 2)).toEqual({ mean: 15 / 4, over: 4, hiddenBecause: null });
  });

  it('no reflections: no mean, and nothing hidden', () => {
    expect(aggregateComfort(tally([]), 3)).toEqual({ mean: null, over: 0, hiddenBecause: null });
  });

  it('counts answers in whole groups, each closed by the answer that brings it to the minimum group size of people', () => {
    // Groups of 3 people: [ada 4, bo 2, ada 1, cy 3] closes at cy; [bo 5, bo 5, ada 2] is open (2 people).
    const list = answers(['ada', 4], ['bo', 2], ['ada', 1], ['cy', 3], ['bo', 5], ['bo', 5], ['ada', 2]);
    expect(groupedComfort(list, 3)).toEqual({ reflections: 4, comfortSum: 10 });
    // cy closes the second group: 10 + (5 + 5 + 2 + 1) over 8.
    expect(groupedComfort([...list, ...answers(['cy', 1])], 3)).toEqual({ reflections: 8, comfortSum: 23 });
    expect(groupedComfort(list, 2)).toEqual({ reflections: 7, comfortSum: 22 }); // [ada 4, bo 2] [ada 1, cy 3] [bo 5, bo 5, ada 2]
    expect(groupedComfort(answers(['ada', 4], ['ada', 5]), 2)).toEqual({ reflections: 0, comfortSum: 0 });
  });

  it('read before and after any one answer, never tells that answer: the mean moves only when a group closes', () => {
    const list = answers(['ada', 4], ['bo', 2], ['cy', 3], ['ada', 1], ['bo', 5], ['cy', 5]);
    const sums = list.map((_, index) => groupedComfort(list.slice(0, index + 1), 3));
    expect(sums).toEqual([
      { reflections: 0, comfortSum: 0 },
      { reflections: 0, comfortSum: 0 },
      { reflections: 3, comfortSum: 9 },
      { reflections: 3, comfortSum: 9 },
      { reflections: 3, comfortSum: 9 },
      { reflections: 6, comfortSum: 20 },
    ]);
  });

  it('is over the organisation’s minimum group size: its setting, or 3 while it has no settings row', async () => {
    const settings = (minimumGroupSize: number | undefined) => ({
      settings: async () =>
        minimumGroupSize === undefined ? undefined : { timezone: 'UTC', minimumGroupSize, stalledAfterDays: 14, reflectionWindowHours: 72, updatedAt: null },
    });
    expect(await minimumGroupSizeOf(settings(undefined), 'org')).toBe(DEFAULT_MINIMUM_GROUP_SIZE);
    expect(DEFAULT_MINIMUM_GROUP_SIZE).toBe(3);
    expect(await minimumGroupSizeOf(settings(5), 'org')).toBe(5);
  });
});
