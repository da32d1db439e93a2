import { deciderSpec } from '@stepwise/kernel/testing';
import type { ChangeMemberEmail } from './organisation.commands';
import { organisationDecider } from './organisation.decider';
import type { MemberEmailChanged } from './organisation.events';
import { evolveOrganisation, initialOrganisationState, memberById } from './organisation.state';
import { ADA, AT, BEN, CAL, ORG_ID, acmeWithAdaAndBen, as, memberJoined } from '../testing/organisation.fixtures';

const given = deciderSpec(organisationDecider);

const change = (memberId: string, email: string | null, actor: { subject: string } = BEN): ChangeMemberEmail => ({
  type: 'ChangeMemberEmail',
  data: { organisationId: ORG_ID, memberId, email },
  metadata: as(actor),
});

const changed = (memberId: string, email: string | null, changedBy: string = BEN.memberId): MemberEmailChanged => ({
  type: 'MemberEmailChanged',
  data: { organisationId: ORG_ID, memberId, email, changedBy, at: AT },
});

describe('ChangeMemberEmail', () => {
  it('a member changes their own email address', () => {
    given(acmeWithAdaAndBen()).when(change(BEN.memberId, '  ben@example.com ')).then([changed(BEN.memberId, 'ben@example.com')]);
  });

  it('an ADMIN changes anyone’s, and clears it with null', () => {
    const withEmail = [...acmeWithAdaAndBen(), changed(BEN.memberId, 'ben@example.com')];
    given(withEmail).when(change(BEN.memberId, 'b@example.org', ADA)).then([changed(BEN.memberId, 'b@example.org', ADA.memberId)]);
    given(withEmail).when(change(BEN.memberId, null, ADA)).then([changed(BEN.memberId, null, ADA.memberId)]);
  });

  it('the folded member carries the new address', () => {
    const state = [...acmeWithAdaAndBen(), changed(BEN.memberId, 'ben@example.com')].reduce(evolveOrganisation, initialOrganisationState());
    expect(state.status === 'CREATED' && memberById(state, BEN.memberId)?.email).toBe('ben@example.com');
  });

  it('the same address again records nothing', () => {
    given([...acmeWithAdaAndBen(), changed(BEN.memberId, 'ben@example.com')]).when(change(BEN.memberId, 'ben@example.com')).then([]);
  });

  it('refuses another member who is not an ADMIN: FORBIDDEN', () => {
    given([...acmeWithAdaAndBen(), memberJoined(CAL)]).when(change(CAL.memberId, 'cal@example.com', BEN)).thenThrows('FORBIDDEN');
  });

  it('refuses an unknown member: MEMBER_NOT_FOUND', () => {
    given(acmeWithAdaAndBen()).when(change('mem-nobody', 'x@example.com', ADA)).thenThrows('MEMBER_NOT_FOUND');
  });

  it.each([['not-an-email', 'INVALID_FORMAT'], ['a@b', 'INVALID_FORMAT'], [`${'x'.repeat(250)}@example.com`, 'TOO_LONG']])('refuses %s: VALIDATION_FAILED', (email, reason) => {
    given(acmeWithAdaAndBen()).when(change(BEN.memberId, email)).thenThrows('VALIDATION_FAILED', { field: 'email', reason });
  });
});
