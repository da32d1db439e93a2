import { handleCommand, loadState, type CommandContext } from '@stepwise/command-handling';
import type { EventStore, LogCheckpoint } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { teamDecider, teamRoleOf, teamStreamId, type TeamCommand } from '@stepwise/tenancy-domain';
import type { TenancyReadModel } from '../tenancy-read.port';

export interface LeaveTeamsPorts {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly tenancy: TenancyReadModel;
}

/**
 * The teams a member is on, read from the team streams themselves: the read model may not yet show
 * a join written a moment before they left, and a team left holding them would keep a departed
 * member, and their seat, for good. Every team of the organisation is a candidate.
 */
const teamsHolding = async ({ store, tenancy }: LeaveTeamsPorts, memberId: string, tenantId: string): Promise<string[]> => {
  const candidates = new Set([...(await tenancy.teamIdsOf(tenantId, memberId)), ...(await tenancy.teams(tenantId, memberId, { onlyMine: false })).map((team) => team.teamId)]);
  const holding: string[] = [];
  for (const teamId of candidates) {
    const { state } = await loadState(store, teamDecider, tenantId, teamStreamId(teamId));
    if (state.status === 'CREATED' && teamRoleOf(state, memberId)) holding.push(teamId);
  }
  return holding;
};

/**
 * Someone who leaves the organisation leaves its teams too, freeing their seats. The organisation
 * decider already authorised the removal, so the team side acts with an admin's authority; each
 * team command's id derives from the removal's, so a retried removal repeats none of them. Answers
 * where the last of them sits in the global log, for the mutation to wait until the teams show it.
 * A join that lands after the removal is undone by the joining side (`admitToTeam`).
 */
export const leaveTeams = async (ports: LeaveTeamsPorts, memberId: string, context: CommandContext): Promise<LogCheckpoint | undefined> => {
  const { store, clock } = ports;
  let last: LogCheckpoint | undefined;
  for (const teamId of await teamsHolding(ports, memberId, context.tenantId)) {
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
