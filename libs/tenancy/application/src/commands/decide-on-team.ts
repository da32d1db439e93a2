import { commandFingerprint, handleCommand, loadState, type CommandContext, type Unstamped } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { couldNameEntity, type Clock } from '@stepwise/kernel';
import {
  findMemberBySubject,
  OrganisationNotFoundError,
  memberById,
  MemberNotFoundError,
  organisationDecider,
  organisationStreamId,
  teamDecider,
  TeamNotFoundError,
  teamStreamId,
  type TeamCommand,
} from '@stepwise/tenancy-domain';
import type { TeamCommandResult } from './team-command.result';

export interface TeamCommandPorts {
  readonly store: EventStore;
  readonly clock: Clock;
}

/**
 * What every team handler does: load the team stream, decide, append. The team cannot see the
 * organisation, so the actor's org role (and, when adding a member, that the member exists) comes
 * from the organisation stream.
 */
export const decideOnTeam = async ({ store, clock }: TeamCommandPorts, command: Unstamped<TeamCommand>, context: CommandContext): Promise<TeamCommandResult> => {
  if (!couldNameEntity(command.data.teamId)) throw new TeamNotFoundError(command.data.teamId);
  const result = await handleCommand({
    store,
    decider: teamDecider,
    streamId: teamStreamId(command.data.teamId),
    metadata: {
      tenantId: context.tenantId,
      commandId: context.commandId,
      actorId: context.memberId ?? context.subject,
      correlationId: context.correlationId,
      fingerprint: commandFingerprint(command.type, command.data),
    },
    // Read on each attempt beside the team, so the append commits only while the organisation is as
    // read: an admin demoted or removed a moment before cannot still change the team.
    alongside: async () => (await loadState(store, organisationDecider, context.tenantId, organisationStreamId(context.tenantId))).state,
    command: (team, organisation) => {
      const actor = organisation.status === 'CREATED' ? findMemberBySubject(organisation, context.subject) : undefined;
      if (!actor || organisation.status !== 'CREATED') throw new OrganisationNotFoundError(context.tenantId);
      if (command.type === 'AddTeamMember' && !memberById(organisation, command.data.memberId)) throw new MemberNotFoundError(command.data.memberId);
      // Leaving the organisation reaches its teams a moment later: until then the team still holds them.
      const leftOrganisation = team.status === 'CREATED' ? Object.keys(team.members).filter((memberId) => !memberById(organisation, memberId)) : [];
      return {
        ...command,
        metadata: { now: clock.now(), actor: { memberId: actor.memberId, orgRole: actor.orgRole }, ...(leftOrganisation.length > 0 && { leftOrganisation }) },
      } as TeamCommand;
    },
  });
  return { ...result, teamId: command.data.teamId };
};
