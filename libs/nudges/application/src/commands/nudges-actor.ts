/**
 * The member behind a nudges command, with the role the organisation stream gives them on this
 * attempt (read beside the command's own stream), not the role the request's read model showed:
 * a member demoted a moment ago acts with what they have left.
 */
import { loadState, type CommandContext } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { MemberActor } from '@stepwise/nudges-domain';
import { findMemberBySubject, formerMemberIdsOf, memberById, organisationDecider, organisationStreamId, OrganisationNotFoundError, type OrganisationState } from '@stepwise/tenancy-domain';

export const loadOrganisation = async (store: EventStore, context: CommandContext): Promise<OrganisationState> =>
  (await loadState(store, organisationDecider, context.tenantId, organisationStreamId(context.tenantId))).state;

export const isCurrentMember = (organisation: OrganisationState, memberId: string): boolean =>
  organisation.status === 'CREATED' && memberById(organisation, memberId) !== undefined;

/**
 * The member id a person has now, given any id they had: the id itself while they are a member,
 * the id they were given when added again after leaving (the same sign-in subject), or undefined
 * when they are no member now.
 */
export const memberIdNowOf = (organisation: OrganisationState, memberId: string): string | undefined => {
  if (organisation.status !== 'CREATED') return undefined;
  if (memberById(organisation, memberId)) return memberId;
  const subject = Object.keys(organisation.formerMemberIdsBySubject).find((each) => formerMemberIdsOf(organisation, each).includes(memberId));
  return subject === undefined ? undefined : findMemberBySubject(organisation, subject)?.memberId;
};

/** The member's account email on this attempt; null for a member without one, or no member. */
export const accountEmailOf = (organisation: OrganisationState, memberId: string): string | null =>
  (organisation.status === 'CREATED' ? memberById(organisation, memberId)?.email : null) ?? null;

export const memberActorOf = (organisation: OrganisationState, context: CommandContext): MemberActor => {
  const member = context.memberId && organisation.status === 'CREATED' ? memberById(organisation, context.memberId) : undefined;
  // Removed a moment ago (the request's membership was still kept): no longer a member of it, as the guard says.
  if (!member) throw new OrganisationNotFoundError(context.tenantId);
  return { memberId: member.memberId, orgRole: member.orgRole };
};
