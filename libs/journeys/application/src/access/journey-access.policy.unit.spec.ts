import {
  canReadReflectionNote,
  canSeeTeamJourneys,
  visibleComfort,
  visibleNote,
  visibleSupportMessage,
  visibleSupportNeed,
} from './journey-access.policy';

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
