import { loadState, type CommandContext, type Unstamped } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { JourneyNotFoundError, type JourneyActor, type JourneyCommand, type JourneyState } from '@stepwise/journeys-domain';
import { couldNameEntity } from '@stepwise/kernel';
import {
  OrganisationNotFoundError,
  formerMemberIdsOf,
  isWritable,
  memberById,
  organisationDecider,
  organisationStreamId,
  type OrganisationState,
  teamDecider,
  TeamNotFoundError,
  teamRoleOf,
  teamStreamId,
} from '@stepwise/tenancy-domain';
import { canSeeTeamJourneys } from '../access/journey-access.policy';

/**
 * The journey cannot see its team, so the actor (their role on the team, whether the team's
 * subscription takes writes, the member ids they had before they were removed and added again) is
 * read from the organisation and team streams, on the same attempt as the journey (the organisation
 * beside it; the team, which the journey names, right after).
 */
/** The organisation's state as its stream shows it now; read beside the journey stream (see decideOnJourney). */
export const loadOrganisation = async (store: EventStore, context: CommandContext): Promise<OrganisationState> =>
  (await loadState(store, organisationDecider, context.tenantId, organisationStreamId(context.tenantId))).state;

export const journeyActorFor = async (
  store: EventStore,
  journey: JourneyState,
  command: Unstamped<JourneyCommand>,
  context: CommandContext,
  organisation: OrganisationState,
): Promise<JourneyActor> => {
  const memberId = context.memberId as string;
  // The role that counts is the organisation stream's, read with the journey, not the request's
  // (read-model) view of it: a member removed or demoted a moment ago acts with what they have left.
  const member = organisation.status === 'CREATED' ? memberById(organisation, memberId) : undefined;
  // Removed a moment ago (the request's membership was still kept): no longer a member of it, as the guard says.
  if (!member || organisation.status !== 'CREATED') throw new OrganisationNotFoundError(context.tenantId);
  const orgRole = member.orgRole;
  const teamId = journey.status !== 'NOT_STARTED' ? journey.teamId : command.type === 'StartJourney' ? command.data.teamId : undefined;
  // An unknown journey (or another tenant's) is JOURNEY_NOT_FOUND, whatever the actor could do.
  if (teamId === undefined) throw new JourneyNotFoundError(command.data.journeyId);
  // A journey's team that is gone is named as the input that led to it.
  const teamField = command.type === 'StartJourney' ? 'teamId' : 'journeyId';
  if (!couldNameEntity(teamId)) throw new TeamNotFoundError(teamId, teamField);
  const { state: team } = await loadState(store, teamDecider, context.tenantId, teamStreamId(teamId));
  if (team.status !== 'CREATED') throw new TeamNotFoundError(teamId, teamField);
  const teamRole = teamRoleOf(team, memberId) ?? null;
  // The read side's rule: members learn nothing from the ids of a team's journeys they may not see.
  if (!canSeeTeamJourneys({ orgRole, teamRole })) {
    throw command.type === 'StartJourney' ? new TeamNotFoundError(teamId) : new JourneyNotFoundError(command.data.journeyId);
  }
  // Steps and commitments made for someone else must name a member of the team.
  const target =
    command.type === 'PlanStep' ? { field: 'ownerId', memberId: command.data.ownerId } : command.type === 'MakeCommitment' ? { field: 'memberId', memberId: command.data.memberId } : undefined;
  // Refused by the decider once it has checked who may act (a staff member naming someone else is LEADER_REQUIRED first).
  // Someone who has left the organisation counts as off the team already: their leaving is written on
  // the organisation stream (read beside the journey) before it reaches the team's.
  const targetNotOnTeam =
    target?.memberId && (!teamRoleOf(team, target.memberId) || !memberById(organisation, target.memberId)) ? { field: target.field, memberId: target.memberId } : undefined;
  // The same person under the ids they had before they were removed and added again: their earlier
  // answers and work are theirs (the organisation stream remembers them, so this costs no read).
  const formerMemberIds = formerMemberIdsOf(organisation, member.subject);
  return {
    memberId,
    formerMemberIds,
    orgRole,
    teamRole,
    teamWritable: isWritable(team),
    teamSubscription: { teamId, status: team.subscription?.status ?? null },
    ...(targetNotOnTeam && { targetNotOnTeam }),
  };
};
