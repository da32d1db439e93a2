import { deciderSpec } from '@stepwise/kernel/testing';
import type { AddMember, ChangeMemberEmail } from './organisation.commands';
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

  it('refuses a change without email, which is not a way to clear it: VALIDATION_FAILED, REQUIRED', () => {
    const withEmail = [...acmeWithAdaAndBen(), changed(BEN.memberId, 'ben@example.com')];
    const { email: _omitted, ...data } = change(BEN.memberId, null).data;
    given(withEmail).when({ ...change(BEN.memberId, null), data }).thenThrows('VALIDATION_FAILED', { field: 'email', reason: 'REQUIRED' });
    // Who may change it comes first: a peer learns nothing of the input.
    given(withEmail).when({ ...change(ADA.memberId, null), data: { ...data, memberId: ADA.memberId } }).thenThrows('FORBIDDEN');
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

  // Each was stored once, and then refused by the email channel at every send.
  it.each(['a<b>@example.com', 'a,b@example.com', '"quoted"@example.com', 'a(b)@example.com', 'a..b@example.com', '.a@example.com', `${'a'.repeat(65)}@example.com`])(
    'refuses %s, which no email could be sent to: VALIDATION_FAILED',
    (email) => {
      given(acmeWithAdaAndBen()).when(change(BEN.memberId, email)).thenThrows('VALIDATION_FAILED', { field: 'email', reason: 'INVALID_FORMAT' });
    },
  );

  it('refuses a blank address instead of clearing the one stored (null clears): VALIDATION_FAILED', () => {
    given(benWithEmail('ben@example.com')).when(change(BEN.memberId, '   ')).thenThrows('VALIDATION_FAILED', { field: 'email', reason: 'REQUIRED' });
    given(acmeWithAdaAndBen()).when(add(CAL.memberId, CAL.subject, '')).thenThrows('VALIDATION_FAILED', { field: 'email', reason: 'REQUIRED' });
  });
});

const add = (memberId: string, subject: string, email: string | null): AddMember => ({
  type: 'AddMember',
  data: { organisationId: ORG_ID, memberId, subject, displayName: 'cal', orgRole: 'MEMBER', timezone: 'Europe/London', email },
  metadata: as(ADA),
});

const benWithEmail = (email: string) => [...acmeWithAdaAndBen(), changed(BEN.memberId, email)];

describe('email addresses are stored in one form', () => {
  it.each([
    ['the domain in lower case, the mailbox as typed', '  Cal.Smith@Example.ORG ', 'Cal.Smith@example.org'],
    ['an internationalised domain in its ASCII (IDNA) form', 'cal@Bücher.de', 'cal@xn--bcher-kva.de'],
    ['an ASCII domain as it is', 'cal@xn--bcher-kva.de', 'cal@xn--bcher-kva.de'],
  ])('keeps %s', (_case, given_, stored) => {
    given(acmeWithAdaAndBen()).when(add(CAL.memberId, CAL.subject, given_)).then([memberJoined(CAL, { displayName: 'cal', email: stored })]);
    given(acmeWithAdaAndBen()).when(change(BEN.memberId, given_)).then([changed(BEN.memberId, stored)]);
  });

  it('the same address in another case records nothing', () => {
    given(benWithEmail('ben@example.com')).when(change(BEN.memberId, 'ben@EXAMPLE.com')).then([]);
  });

  it.each([
    ['a domain with an empty label', 'cal@example..org'],
    ['a domain that is no host name', 'cal@exa mple.org'],
    ['a domain IDNA cannot map', 'cal@xn--a.org'],
    // An IPv4 address without brackets, however written: the parser would store another spelling of it.
    ['an IPv4 address as its domain (1.2, read as 1.0.0.2)', 'cal@1.2'],
    ['an IPv4 address in hex as its domain', 'cal@0x7f.1'],
    ['a dotted IPv4 address as its domain', 'cal@127.0.0.1'],
    ['a zero-width space in the mailbox, beside a member with the same address without it', 'b\u200ben@example.com'],
    // In the domain, IDNA would drop these and store another address than the one typed.
    ['a zero-width space in the domain', 'cal@exa\u200bmple.org'],
    ['a soft hyphen in the domain', 'cal@exa\u00admple.org'],
    ['a word joiner at the end', 'cal@example.org\u2060'],
  ])(
    'refuses %s: VALIDATION_FAILED',
    (_case, email) => {
      given(acmeWithAdaAndBen()).when(add(CAL.memberId, CAL.subject, email)).thenThrows('VALIDATION_FAILED', { field: 'email', reason: 'INVALID_FORMAT' });
    },
  );
});

describe('one email address per member of an organisation', () => {
  it.each([
    ['the same address', 'ben@example.com'],
    ['the same address in another case', 'BEN@Example.com'],
    ['the same mailbox under its internationalised domain', 'ben@bücher.de'],
  ])('refuses to add someone with %s as a member: MEMBER_EMAIL_TAKEN', (_case, email) => {
    const taken = _case.includes('internationalised') ? 'ben@xn--bcher-kva.de' : 'ben@example.com';
    given(benWithEmail(taken)).when(add(CAL.memberId, CAL.subject, email)).thenThrows('MEMBER_EMAIL_TAKEN', { field: 'email' });
  });

  it('refuses to change an address to another member’s: MEMBER_EMAIL_TAKEN', () => {
    given([...benWithEmail('ben@example.com'), memberJoined(CAL)]).when(change(CAL.memberId, 'Ben@example.com', ADA)).thenThrows('MEMBER_EMAIL_TAKEN', { field: 'email' });
  });

  it('frees the address of a member who left', () => {
    const left = { type: 'MemberLeft' as const, data: { organisationId: ORG_ID, memberId: BEN.memberId, removedBy: ADA.memberId, at: AT } };
    given([...benWithEmail('ben@example.com'), left])
      .when(add(CAL.memberId, CAL.subject, 'ben@example.com'))
      .then([memberJoined(CAL, { displayName: 'cal', email: 'ben@example.com' })]);
  });

  it('lets a member change the case of their own address', () => {
    given(benWithEmail('ben@example.com')).when(change(BEN.memberId, 'Ben@example.com')).then([changed(BEN.memberId, 'Ben@example.com')]);
  });

  it('lets several members have no address', () => {
    given(acmeWithAdaAndBen()).when(add(CAL.memberId, CAL.subject, null)).then([memberJoined(CAL, { displayName: 'cal' })]);
  });
});
