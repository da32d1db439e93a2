import { journeyDecider, type JourneyEvent, type JourneyState } from '@stepwise/journeys-domain';
import { event, JOURNEY_ID, underway } from '@stepwise/journeys-domain/testing';
import type { AnswerLinkClaims } from '@stepwise/nudges-domain';
import { evolveOrganisation, initialOrganisationState, type OrganisationEvent, type OrganisationState } from '@stepwise/tenancy-domain';
import { ADA, AT, BEN, ORG_ID, acmeWithAdaAndBen, memberJoined } from '@stepwise/tenancy-domain/testing';
import { notAnsweredYet } from './open-answer-link';

/** Ben answered under his first member id, was removed from the organisation and added again as mem-ben-2. */
const BEN_AGAIN = { memberId: 'mem-ben-2', subject: BEN.subject };
const history: OrganisationEvent[] = [
  ...acmeWithAdaAndBen(),
  { type: 'MemberLeft', data: { organisationId: ORG_ID, memberId: BEN.memberId, removedBy: ADA.memberId, at: AT } },
  memberJoined(BEN_AGAIN),
];
const organisation: OrganisationState = history.reduce(evolveOrganisation, initialOrganisationState());

const reflected = (reflectionId: string, memberId: string, stepId: string | null): JourneyEvent =>
  event('ReflectionRecorded', { reflectionId, memberId, closer: 'YES', comfort: 4, note: null, stepId, visionVersion: 1, direction: 'Weekly book swaps' });

const journey = (...events: JourneyEvent[]): JourneyState => [...underway(), ...events].reduce(journeyDecider.evolve, journeyDecider.initialState());

const linkTo = (memberId: string, stepId: string | null): AnswerLinkClaims => ({
  tenantId: ORG_ID,
  memberId,
  journeyId: JOURNEY_ID,
  stepId,
  nudgeId: 'nudge-1',
  expiresAt: new Date('2026-03-09T09:00:00.000Z'),
  nonce: '0123456789abcdef0123456789abcdef',
});

describe('a link checked inside the attempt that records its reflection', () => {
  const asked = [
    ['the journey as a whole', null],
    ['a step', 's-1'],
  ] as const;

  it.each(asked)('is used once its member answered %s under the member id they had before they were added again: ANSWER_LINK_USED', (_what, stepId) => {
    const answered = journey(reflected('r-1', BEN.memberId, stepId));
    expect(() => notAnsweredYet(linkTo(BEN_AGAIN.memberId, stepId))(answered, organisation)).toThrow(expect.objectContaining({ code: 'ANSWER_LINK_USED' }));
  });

  it.each(asked)('still answers %s for another person, whatever ids they have had', (_what, stepId) => {
    const answered = journey(reflected('r-1', BEN.memberId, stepId));
    expect(() => notAnsweredYet(linkTo(ADA.memberId, stepId))(answered, organisation)).not.toThrow();
    expect(() => notAnsweredYet(linkTo(BEN_AGAIN.memberId, stepId))(journey(reflected('r-1', ADA.memberId, stepId)), organisation)).not.toThrow();
  });
});
