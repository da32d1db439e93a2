import { canReadReflectionNote, canSeeTeamJourneys, visibleNote } from './journey-access.policy';

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
