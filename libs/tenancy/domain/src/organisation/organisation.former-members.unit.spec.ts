import type { MemberLeft, OrganisationEvent } from './organisation.events';
import { evolveOrganisation, formerMemberIdsOf, initialOrganisationState, type CreatedOrganisation } from './organisation.state';
import { ADA, AT, BEN, ORG_ID, acmeWithAdaAndBen, memberJoined } from '../testing/organisation.fixtures';

const left = (memberId: string): MemberLeft => ({ type: 'MemberLeft', data: { organisationId: ORG_ID, memberId, removedBy: ADA.memberId, at: AT } });

const folded = (events: OrganisationEvent[]): CreatedOrganisation => {
  const state = events.reduce(evolveOrganisation, initialOrganisationState());
  if (state.status !== 'CREATED') throw new Error('no organisation');
  return state;
};

describe('the member ids a person had before they left', () => {
  it('are none for someone who never left, or is not known', () => {
    const organisation = folded(acmeWithAdaAndBen());
    expect(formerMemberIdsOf(organisation, BEN.subject)).toEqual([]);
    expect(formerMemberIdsOf(organisation, 'auth|nobody')).toEqual([]);
  });

  it('are every id they left under, oldest first, while their current id is theirs as a member', () => {
    const organisation = folded([
      ...acmeWithAdaAndBen(),
      left(BEN.memberId),
      memberJoined({ memberId: 'mem-ben-2', subject: BEN.subject }),
      left('mem-ben-2'),
      memberJoined({ memberId: 'mem-ben-3', subject: BEN.subject }),
    ]);
    expect(formerMemberIdsOf(organisation, BEN.subject)).toEqual([BEN.memberId, 'mem-ben-2']);
    expect(organisation.members['mem-ben-3']?.subject).toBe(BEN.subject);
    expect(formerMemberIdsOf(organisation, ADA.subject)).toEqual([]);
  });

  it('treat a subject such as "__proto__" or "constructor" as an ordinary key', () => {
    const organisation = folded([
      ...acmeWithAdaAndBen(),
      memberJoined({ memberId: 'mem-p', subject: '__proto__' }),
      memberJoined({ memberId: 'mem-c', subject: 'constructor' }),
      left('mem-p'),
      left('mem-c'),
    ]);
    expect(formerMemberIdsOf(organisation, '__proto__')).toEqual(['mem-p']);
    expect(formerMemberIdsOf(organisation, 'constructor')).toEqual(['mem-c']);
    expect(formerMemberIdsOf(organisation, 'toString')).toEqual([]);
  });
});
