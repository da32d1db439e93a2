import { aggregateComfort, canReadReflectionNote, canSeeTeamJourneys, visibleComfort, visibleNote } from './journey-access.policy';
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

describe('a mean comfort over a group', () => {
  it('is shown over at least the minimum group size of distinct people, hidden with a reason below it', () => {
    expect(aggregateComfort({ reflections: 4, people: 3, comfortSum: 10 }, 3)).toEqual({ mean: 2.5, hiddenBecause: null });
    expect(aggregateComfort({ reflections: 9, people: 2, comfortSum: 30 }, 3)).toEqual({ mean: null, hiddenBecause: 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE' });
    expect(aggregateComfort({ reflections: 9, people: 2, comfortSum: 30 }, 2)).toEqual({ mean: 30 / 9, hiddenBecause: null });
  });

  it('no reflections: no mean, and nothing hidden', () => {
    expect(aggregateComfort({ reflections: 0, people: 0, comfortSum: 0 }, 3)).toEqual({ mean: null, hiddenBecause: null });
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
