import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE, handleCommand, loadState, refusedAfterWriting, type CommandContext } from '@stepwise/command-handling';
import type { EventStore, LogCheckpoint } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { memberById, MemberNotFoundError, organisationDecider, organisationStreamId, teamDecider, teamStreamId, type TeamCommand } from '@stepwise/tenancy-domain';
import { decideOnTeam } from './decide-on-team';
import type { TeamCommandResult } from './team-command.result';
import { AddTeamMemberCommand } from './add-team-member.command';

@CommandHandler(AddTeamMemberCommand)
export class AddTeamMemberHandler implements ICommandHandler<AddTeamMemberCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: AddTeamMemberCommand): Promise<TeamCommandResult> {
    const result = await decideOnTeam({ store: this.store, clock: this.clock }, { type: 'AddTeamMember', data: input }, context);
    if (!result.events.some((event) => event.type === 'TeamMemberJoined')) return result;
    await this.undoIfTheyLeft(input.teamId, input.memberId, context, result.position, result.replayed);
    return result;
  }

  /**
   * The member was checked before the join was written, but the team and the organisation are two
   * streams: they may have left the organisation in between, after their removal looked for their
   * teams. Read the organisation again now the join is written; if they are gone, take them off
   * the team again (freeing the seat) and refuse as if they had been gone all along, saying where
   * the join and its undo end in the log (the api answers once the read models hold them).
   *
   * A repeat of the request answers as the first one did: refused if that one undid the join (its
   * undo, keyed by the command id, replays), the original join if they left only afterwards (their
   * removal took them off the team, so there is nothing left to undo).
   */
  private async undoIfTheyLeft(teamId: string, memberId: string, context: CommandContext, joined: LogCheckpoint | undefined, repeat: boolean): Promise<void> {
    const { state: organisation } = await loadState(this.store, organisationDecider, context.tenantId, organisationStreamId(context.tenantId));
    if (organisation.status === 'CREATED' && memberById(organisation, memberId)) return;
    const undone = await handleCommand({
      store: this.store,
      decider: teamDecider,
      streamId: teamStreamId(teamId),
      metadata: {
        tenantId: context.tenantId,
        commandId: `${context.commandId}:member-left`,
        actorId: context.memberId ?? context.subject,
        correlationId: context.correlationId,
      },
      command: (): TeamCommand => ({
        type: 'RemoveTeamMember',
        // They left the organisation: off the team even as its only LEADER.
        data: { teamId, memberId, leftOrganisation: true },
        metadata: { now: this.clock.now(), actor: { memberId: context.memberId ?? memberId, orgRole: 'ADMIN' } },
      }),
    }).catch((error: unknown) => {
      // Their removal found this team after all and took them off it.
      if ((error as { code?: string }).code !== 'TEAM_MEMBER_NOT_FOUND') throw error;
      return undefined;
    });
    if (repeat && undone === undefined) return;
    throw refusedAfterWriting(new MemberNotFoundError(memberId), undone?.position ?? joined);
  }
}
