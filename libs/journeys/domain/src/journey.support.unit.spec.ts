import { deciderSpec } from '@stepwise/kernel/testing';
import { journeyDecider } from './journey.decider';
import { KIM, LEE, SAM, abandoned, addedAgain, command, commitmentMade, completed, event, paused, supportRequested, underway } from './testing/journey.fixtures';

const given = deciderSpec(journeyDecider);

const kept = (commitmentId: string, markedBy: string) => event('CommitmentKept', { commitmentId, memberId: SAM.memberId, markedBy });
const missed = (commitmentId: string) => event('CommitmentMissed', { commitmentId, memberId: SAM.memberId, markedBy: LEE.memberId });

describe('RequestSupport', () => {
  it('lets a member ask for support, even while paused', () => {
    given([...underway(), paused()])
      .when(command('RequestSupport', { requestId: 'rq-1', need: ' I am not sure how to start ' }, SAM))
      .then([supportRequested('rq-1')]);
  });

  it('refuses a request id already used: DUPLICATE_ID', () => {
    given([...underway(), supportRequested('rq-1')]).when(command('RequestSupport', { requestId: 'rq-1', need: 'Again' }, SAM)).thenThrows('DUPLICATE_ID');
  });

  it('refuses a blank need: VALIDATION_FAILED', () => {
    given(underway()).when(command('RequestSupport', { requestId: 'rq-1', need: '' }, SAM)).thenThrows('VALIDATION_FAILED', { field: 'need' });
  });
});

describe('OfferSupport', () => {
  const offered = (message: string) =>
    event('SupportOffered', { requestId: 'rq-1', requestedBy: SAM.memberId, leaderId: LEE.memberId, message });

  it('lets a LEADER respond to a request, more than once', () => {
    given([...underway(), supportRequested('rq-1')]).when(command('OfferSupport', { requestId: 'rq-1', message: "Let's pair on it" })).then([offered("Let's pair on it")]);
    given([...underway(), supportRequested('rq-1'), offered('First')]).when(command('OfferSupport', { requestId: 'rq-1', message: 'And again' })).then([offered('And again')]);
  });

  it('refuses a LEADER answering their own request, which would close it unanswered: OWN_SUPPORT_REQUEST', () => {
    given([...underway(), supportRequested('rq-1', LEE.memberId)])
      .when(command('OfferSupport', { requestId: 'rq-1', message: 'Sorted it myself' }))
      .thenThrows('OWN_SUPPORT_REQUEST', { field: 'requestId', requestId: 'rq-1' });
  });

  it('refuses a LEADER answering the request they made before being removed and added again: OWN_SUPPORT_REQUEST', () => {
    given([...underway(), supportRequested('rq-1', LEE.memberId)])
      .when(command('OfferSupport', { requestId: 'rq-1', message: 'Sorted it myself' }, addedAgain(LEE, 'mem-lee-2')))
      .thenThrows('OWN_SUPPORT_REQUEST', { field: 'requestId', requestId: 'rq-1' });
  });

  it('lets another LEADER answer a LEADER’s request', () => {
    const ray = { ...LEE, memberId: 'mem-ray' };
    given([...underway(), supportRequested('rq-1', LEE.memberId)])
      .when(command('OfferSupport', { requestId: 'rq-1', message: 'Coffee on Monday?' }, ray))
      .then([event('SupportOffered', { requestId: 'rq-1', requestedBy: LEE.memberId, leaderId: 'mem-ray', message: 'Coffee on Monday?' })]);
  });

  it('refuses an unknown request: SUPPORT_REQUEST_NOT_FOUND', () => {
    given(underway()).when(command('OfferSupport', { requestId: 'rq-404', message: 'Hello' })).thenThrows('SUPPORT_REQUEST_NOT_FOUND', { field: 'requestId', requestId: 'rq-404' });
  });

  it('refuses a message over 2000 characters: VALIDATION_FAILED', () => {
    given([...underway(), supportRequested('rq-1')]).when(command('OfferSupport', { requestId: 'rq-1', message: 'x'.repeat(2001) })).thenThrows('VALIDATION_FAILED', { field: 'message' });
  });
});

describe('MakeCommitment', () => {
  it('lets a member commit for themself', () => {
    given(underway())
      .when(command('MakeCommitment', { commitmentId: 'c-1', description: 'Run one book swap', dueOn: '2026-03-09' }, SAM))
      .then([commitmentMade('c-1')]);
  });

  it('lets a LEADER record a commitment for a member', () => {
    given(underway())
      .when(command('MakeCommitment', { commitmentId: 'c-1', memberId: SAM.memberId, description: 'Run one book swap', dueOn: '2026-03-09' }))
      .then([event('CommitmentMade', { commitmentId: 'c-1', memberId: SAM.memberId, description: 'Run one book swap', dueOn: '2026-03-09', madeBy: LEE.memberId })]);
  });

  it('refuses STAFF committing someone else: LEADER_REQUIRED', () => {
    given(underway())
      .when(command('MakeCommitment', { commitmentId: 'c-1', memberId: KIM.memberId, description: 'Run a swap', dueOn: '2026-03-09' }, SAM))
      .thenThrows('LEADER_REQUIRED');
  });

  it('refuses a commitment id already used: DUPLICATE_ID', () => {
    given([...underway(), commitmentMade('c-1')])
      .when(command('MakeCommitment', { commitmentId: 'c-1', description: 'Again', dueOn: '2026-03-09' }, SAM))
      .thenThrows('DUPLICATE_ID', { field: 'commitmentId' });
  });

  it('refuses a missing or past due date: VALIDATION_FAILED', () => {
    given(underway())
      .when(command('MakeCommitment', { commitmentId: 'c-1', description: 'Soon', dueOn: '' }, SAM))
      .thenThrows('VALIDATION_FAILED', { field: 'dueOn', reason: 'INVALID_DATE' });
    given(underway())
      .when(command('MakeCommitment', { commitmentId: 'c-1', description: 'Soon', dueOn: '2025-12-31' }, SAM))
      .thenThrows('VALIDATION_FAILED', { field: 'dueOn', reason: 'IN_THE_PAST' });
  });
});

describe('KeepCommitment', () => {
  it('lets the committing member mark it kept', () => {
    given([...underway(), commitmentMade('c-1')]).when(command('KeepCommitment', { commitmentId: 'c-1' }, SAM)).then([kept('c-1', SAM.memberId)]);
  });

  it('lets a LEADER mark it kept', () => {
    given([...underway(), commitmentMade('c-1')]).when(command('KeepCommitment', { commitmentId: 'c-1' })).then([kept('c-1', LEE.memberId)]);
  });

  it('lets the committing member mark it kept after being removed and added again: it is still theirs', () => {
    const samAgain = addedAgain(SAM, 'mem-sam-2');
    given([...underway(), commitmentMade('c-1')]).when(command('KeepCommitment', { commitmentId: 'c-1' }, samAgain)).then([kept('c-1', samAgain.memberId)]);
  });

  it('refuses other STAFF: LEADER_REQUIRED', () => {
    given([...underway(), commitmentMade('c-1')]).when(command('KeepCommitment', { commitmentId: 'c-1' }, KIM)).thenThrows('LEADER_REQUIRED');
    given([...underway(), commitmentMade('c-1')]).when(command('KeepCommitment', { commitmentId: 'c-1' }, addedAgain(KIM, 'mem-kim-2'))).thenThrows('LEADER_REQUIRED');
  });

  it('refuses a commitment already kept or missed: COMMITMENT_ALREADY_RESOLVED', () => {
    given([...underway(), commitmentMade('c-1'), kept('c-1', SAM.memberId)]).when(command('KeepCommitment', { commitmentId: 'c-1' }, SAM)).thenThrows('COMMITMENT_ALREADY_RESOLVED', { field: 'commitmentId', status: 'KEPT' });
    given([...underway(), commitmentMade('c-1'), missed('c-1')]).when(command('KeepCommitment', { commitmentId: 'c-1' }, SAM)).thenThrows('COMMITMENT_ALREADY_RESOLVED', { status: 'MISSED' });
  });

  it('refuses an unknown commitment: COMMITMENT_NOT_FOUND', () => {
    given(underway()).when(command('KeepCommitment', { commitmentId: 'c-404' }, SAM)).thenThrows('COMMITMENT_NOT_FOUND', { field: 'commitmentId', commitmentId: 'c-404' });
  });
});

describe('MissCommitment', () => {
  it('lets a LEADER mark a commitment missed', () => {
    given([...underway(), commitmentMade('c-1')]).when(command('MissCommitment', { commitmentId: 'c-1' })).then([missed('c-1')]);
  });

  it('refuses to mark it twice: COMMITMENT_ALREADY_RESOLVED', () => {
    given([...underway(), commitmentMade('c-1'), missed('c-1')]).when(command('MissCommitment', { commitmentId: 'c-1' })).thenThrows('COMMITMENT_ALREADY_RESOLVED');
  });

  it('refuses an unknown commitment: COMMITMENT_NOT_FOUND', () => {
    given(underway()).when(command('MissCommitment', { commitmentId: 'c-404' })).thenThrows('COMMITMENT_NOT_FOUND');
  });
});

describe('commitments once the journey has ended', () => {
  const ended = { COMPLETED: completed, ABANDONED: abandoned };

  it.each(Object.entries(ended))('refuses a new commitment on a %s journey: JOURNEY_CLOSED', (status, end) => {
    given([...underway(), end()])
      .when(command('MakeCommitment', { commitmentId: 'c-2', description: 'One more', dueOn: '2026-03-09' }, SAM))
      .thenThrows('JOURNEY_CLOSED', { status });
  });

  it.each(Object.entries(ended))('lets the member mark an open commitment kept on a %s journey: accountability outlives it', (_status, end) => {
    given([...underway(), commitmentMade('c-1'), end()]).when(command('KeepCommitment', { commitmentId: 'c-1' }, SAM)).then([kept('c-1', SAM.memberId)]);
  });

  it.each(Object.entries(ended))('lets a LEADER mark an open commitment missed on a %s journey', (_status, end) => {
    given([...underway(), commitmentMade('c-1'), end()]).when(command('MissCommitment', { commitmentId: 'c-1' })).then([missed('c-1')]);
  });

  it('still holds the other rules: only the member or a LEADER keeps it, only a LEADER misses it, once', () => {
    given([...underway(), commitmentMade('c-1'), completed()]).when(command('KeepCommitment', { commitmentId: 'c-1' }, KIM)).thenThrows('LEADER_REQUIRED');
    given([...underway(), commitmentMade('c-1'), completed()]).when(command('MissCommitment', { commitmentId: 'c-1' }, SAM)).thenThrows('LEADER_REQUIRED');
    given([...underway(), commitmentMade('c-1'), kept('c-1', SAM.memberId), completed()])
      .when(command('MissCommitment', { commitmentId: 'c-1' }))
      .thenThrows('COMMITMENT_ALREADY_RESOLVED', { status: 'KEPT' });
    given([...underway(), completed()]).when(command('KeepCommitment', { commitmentId: 'c-404' }, SAM)).thenThrows('COMMITMENT_NOT_FOUND');
  });
});

describe('support once the journey has ended', () => {
  const ended = { COMPLETED: completed, ABANDONED: abandoned };
  const offered = (message: string) => event('SupportOffered', { requestId: 'rq-1', requestedBy: SAM.memberId, leaderId: LEE.memberId, message });

  it.each(Object.entries(ended))('refuses a new request on a %s journey: JOURNEY_CLOSED', (status, end) => {
    given([...underway(), end()]).when(command('RequestSupport', { requestId: 'rq-2', need: 'Still stuck' }, SAM)).thenThrows('JOURNEY_CLOSED', { status });
  });

  it.each(Object.entries(ended))('lets a LEADER answer a request made before it on a %s journey', (_status, end) => {
    given([...underway(), supportRequested('rq-1'), end()]).when(command('OfferSupport', { requestId: 'rq-1', message: "Let's pair on it" })).then([offered("Let's pair on it")]);
  });

  it('still holds the other rules: only a LEADER answers, never their own request, and only a request that exists', () => {
    given([...underway(), supportRequested('rq-1'), completed()]).when(command('OfferSupport', { requestId: 'rq-1', message: 'Me too' }, SAM)).thenThrows('LEADER_REQUIRED');
    given([...underway(), supportRequested('rq-1', LEE.memberId), completed()]).when(command('OfferSupport', { requestId: 'rq-1', message: 'Sorted' })).thenThrows('OWN_SUPPORT_REQUEST');
    given([...underway(), completed()]).when(command('OfferSupport', { requestId: 'rq-404', message: 'Hello?' })).thenThrows('SUPPORT_REQUEST_NOT_FOUND');
  });
});
