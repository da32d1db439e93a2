/**
 * Members as persons. Someone removed from the organisation and added again gets a new member id
 * (ids are never reused) for the same sign-in subject: the steps they own under the old id are
 * theirs, so their nudges reach them under the id they have now, and what they do under either id
 * is theirs. The member documents keep each id's subject; one stored before it was (absent) stands
 * for itself alone.
 */
import { own, type PolicyState } from './policy.state';

const subjectOf = (state: PolicyState, memberId: string): string | undefined => own(state.members, memberId)?.subject;

/** The same member id, or two member ids of one person (both documents loaded, with their subject). */
export const samePerson = (state: PolicyState, a: string, b: string): boolean => {
  if (a === b) return true;
  const subject = subjectOf(state, a);
  return subject !== undefined && subject === subjectOf(state, b);
};

/**
 * The member id that reaches `memberId`'s person now: the id itself while they are in the
 * organisation; once it left, the id their person has on the team now (they were added again), if
 * any; otherwise the id itself (whose nudges are then suppressed: MEMBER_LEFT). Reads the team's
 * roster and its members' documents.
 */
export const memberIdNowOf = (state: PolicyState, memberId: string, teamId: string): string => {
  if (own(state.members, memberId)?.inOrganisation !== false) return memberId;
  const rejoined = Object.keys(own(state.teams, teamId)?.members ?? {})
    .sort()
    .find((candidate) => own(state.members, candidate)?.inOrganisation === true && samePerson(state, memberId, candidate));
  return rejoined ?? memberId;
};
