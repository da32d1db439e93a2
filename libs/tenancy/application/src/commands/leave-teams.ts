import { handleCommand, type CommandContext } from '@stepwise/command-handling';
import type { EventStore, LogCheckpoint } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { teamDecider, teamStreamId, type TeamCommand } from '@stepwise/tenancy-domain';
import type { TenancyReadModel } from '../tenancy-read.port';

export interface LeaveTeamsPorts {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly tenancy: TenancyReadModel;
}

/**
 * Someone who leaves the organisation leaves its teams too, freeing their seats. The organisation
 * decider already authorised the removal, so the team side acts with an admin's authority; each
 * team command's id derives from the removal's, so a retried removal repeats none of them. Answers
 * where the last of them sits in the global log, for the mutation to wait until the teams show it.
 */
export const leaveTeams = async ({ store, clock, tenancy }: LeaveTeamsPorts, memberId: string, context: CommandContext): Promise<LogCheckpoint | undefined> => {
  let last: LogCheckpoint | undefined;
  for (const teamId of await tenancy.teamIdsOf(context.tenantId, memberId)) {
    const left = await handleCommand({
      store,
      decider: teamDecider,
      streamId: teamStreamId(teamId),
      metadata: {
        tenantId: context.tenantId,
        commandId: `${context.commandId}:leave-team:${teamId}`,
        actorId: context.memberId ?? context.subject,
        correlationId: context.correlationId,
      },
      command: (): TeamCommand => ({
        type: 'RemoveTeamMember',
        data: { teamId, memberId, leftOrganisation: true },
        metadata: { now: clock.now(), actor: { memberId: context.memberId ?? memberId, orgRole: 'ADMIN' } },
      }),
    }).catch((error: unknown) => {
      // Already off the team (the read model was behind): nothing to free.
      if ((error as { code?: string }).code !== 'TEAM_MEMBER_NOT_FOUND') throw error;
      return undefined;
    });
    last = left?.position ?? last;
  }
  return last;
};
