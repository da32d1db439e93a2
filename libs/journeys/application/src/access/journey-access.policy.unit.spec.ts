import {
  canReadReflectionNote,
  canSeeTeamJourneys,
  visibleComfort,
  visibleNote,
  visibleSupportMessage,
  visibleSupportNeed,
  type PersonalReader,
} from './journey-access.policy';

/** A viewer on the team (or not: null), with the member ids their person had before (none unless given). */
const as = (memberId: string, teamRole: PersonalReader['teamRole'], formerMemberIds: readonly string[] = []): PersonalReader => ({ memberId, teamRole, formerMemberIds });

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
    expect(canReadReflectionNote(as('ada', 'STAFF'), 'ada')).toBe(true);
    expect(canReadReflectionNote(as('lee', 'LEADER'), 'ada')).toBe(true);
    expect(canReadReflectionNote(as('bo', 'STAFF'), 'ada')).toBe(false);
    expect(canReadReflectionNote(as('root', null), 'ada')).toBe(false);
  });

  it('a note without a known author is the leaders’ alone', () => {
    expect(canReadReflectionNote(as('ada', 'STAFF'), null)).toBe(false);
    expect(visibleNote('Hard week', null, as('lee', 'LEADER'))).toBe('Hard week');
    expect(visibleNote('Hard week', 'ada', as('bo', 'STAFF'))).toBeNull();
  });
});

describe('who may see one person’s comfort', () => {
  it('the person and the team’s leaders; peers and admins see why it is hidden', () => {
    expect(visibleComfort(2, 'ada', as('ada', 'STAFF'))).toEqual({ comfort: 2, hiddenBecause: null });
    expect(visibleComfort(2, 'ada', as('lee', 'LEADER'))).toEqual({ comfort: 2, hiddenBecause: null });
    expect(visibleComfort(2, 'ada', as('bo', 'STAFF'))).toEqual({ comfort: null, hiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE' });
    expect(visibleComfort(2, 'ada', as('root', null))).toEqual({ comfort: null, hiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE' });
  });
});

describe('who may read a request for support and the offers on it', () => {
  const hidden = { text: null, hiddenBecause: 'SUPPORT_IS_PRIVATE' };

  it('the request: whoever asked and the team’s leaders; peers and admins see why it is hidden', () => {
    expect(visibleSupportNeed('Unsure how', 'ada', as('ada', 'STAFF'))).toEqual({ text: 'Unsure how', hiddenBecause: null });
    expect(visibleSupportNeed('Unsure how', 'ada', as('lee', 'LEADER'))).toEqual({ text: 'Unsure how', hiddenBecause: null });
    expect(visibleSupportNeed('Unsure how', 'ada', as('bo', 'STAFF'))).toEqual(hidden);
    expect(visibleSupportNeed('Unsure how', 'ada', as('root', null))).toEqual(hidden);
  });

  it('an offer: whoever asked, whoever offered (a leader then, whatever now) and the team’s leaders', () => {
    expect(visibleSupportMessage('Let us pair', 'ada', 'lee', as('ada', 'STAFF'))).toEqual({ text: 'Let us pair', hiddenBecause: null });
    expect(visibleSupportMessage('Let us pair', 'ada', 'lee', as('lee', 'STAFF'))).toEqual({ text: 'Let us pair', hiddenBecause: null });
    expect(visibleSupportMessage('Let us pair', 'ada', 'lee', as('max', 'LEADER'))).toEqual({ text: 'Let us pair', hiddenBecause: null });
    expect(visibleSupportMessage('Let us pair', 'ada', 'lee', as('bo', 'STAFF'))).toEqual(hidden);
    expect(visibleSupportMessage('Let us pair', 'ada', 'lee', as('root', null))).toEqual(hidden);
  });
});

describe('someone removed from the organisation and added again (a new member id, the same person)', () => {
  // Ada wrote as `ada`, left, and came back as `ada-2`; Lee offered support as `lee`, left, and came back as `lee-2`.
  const adaAgain = as('ada-2', 'STAFF', ['ada']);

  it('reads the note, comfort and request for support they wrote under the id they had before, and the offers on it', () => {
    expect(canReadReflectionNote(adaAgain, 'ada')).toBe(true);
    expect(visibleNote('Hard week', 'ada', adaAgain)).toBe('Hard week');
    expect(visibleComfort(2, 'ada', adaAgain)).toEqual({ comfort: 2, hiddenBecause: null });
    expect(visibleSupportNeed('Unsure how', 'ada', adaAgain)).toEqual({ text: 'Unsure how', hiddenBecause: null });
    expect(visibleSupportMessage('Let us pair', 'ada', 'lee', adaAgain)).toEqual({ text: 'Let us pair', hiddenBecause: null });
  });

  it('reads a message they offered under the id they had before, whatever their role now', () => {
    expect(visibleSupportMessage('Let us pair', 'ada', 'lee', as('lee-2', 'STAFF', ['lee']))).toEqual({ text: 'Let us pair', hiddenBecause: null });
  });

  it('reads nobody else’s for it: another person’s words and comfort stay hidden from them, theirs from a peer', () => {
    const hidden = { text: null, hiddenBecause: 'SUPPORT_IS_PRIVATE' };
    expect(visibleNote('Hard week', 'bo', adaAgain)).toBeNull();
    expect(visibleComfort(2, 'bo', adaAgain)).toEqual({ comfort: null, hiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE' });
    expect(visibleSupportNeed('Unsure how', 'bo', adaAgain)).toEqual(hidden);
    expect(visibleSupportMessage('Let us pair', 'bo', 'lee', adaAgain)).toEqual(hidden);
    // A peer, with ids of their own person before: Ada's, old or new, are not theirs.
    const bo = as('bo-2', 'STAFF', ['bo']);
    expect(visibleNote('Hard week', 'ada', bo)).toBeNull();
    expect(visibleNote('Hard week', 'ada-2', bo)).toBeNull();
    expect(visibleComfort(2, 'ada', bo)).toEqual({ comfort: null, hiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE' });
    expect(visibleSupportNeed('Unsure how', 'ada', bo)).toEqual(hidden);
  });
});
