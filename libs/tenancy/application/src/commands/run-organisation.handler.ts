import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE, handleCommand, type CommandContext, type CommandResult } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import {
  organisationDecider,
  organisationStreamId,
  teamDecider,
  teamStreamId,
  type OrganisationCommand,
  type OrganisationEvent,
  type TeamCommand,
} from '@stepwise/tenancy-domain';
import { TENANCY_READ_MODEL, type TenancyReadModel } from '../tenancy-read.port';
import { RunOrganisationCommand } from './run-organisation.command';

/** Load the organisation stream, decide, append; the decider finds the actor by their subject. */
@CommandHandler(RunOrganisationCommand)
export class RunOrganisationHandler implements ICommandHandler<RunOrganisationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TENANCY_READ_MODEL) private readonly tenancy: TenancyReadModel,
  ) {}

  async execute({ command, context }: RunOrganisationCommand): Promise<CommandResult<OrganisationEvent>> {
    const result = await handleCommand({
      store: this.store,
      decider: organisationDecider,
      streamId: organisationStreamId(context.tenantId),
      metadata: { tenantId: context.tenantId, commandId: context.commandId, actorId: context.memberId ?? context.subject, correlationId: context.correlationId },
      command: () => ({ ...command, metadata: { now: this.clock.now(), actor: { subject: context.subject } } }) as OrganisationCommand,
    });
    const left = result.events.find((event) => event.type === 'MemberLeft');
    if (left?.type === 'MemberLeft') await this.leaveTeams(left.data.memberId, context);
    return result;
  }

  /**
   * Someone who leaves the organisation leaves its teams too, freeing their seats. The organisation
   * decider already authorised the removal, so the team side acts with an admin's authority; each
   * team command's id derives from this command's, so a retried removal repeats none of them.
   */
  private async leaveTeams(memberId: string, context: CommandContext): Promise<void> {
    for (const teamId of await this.tenancy.teamIdsOf(context.tenantId, memberId)) {
      await handleCommand({
        store: this.store,
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
          data: { teamId, memberId },
          metadata: { now: this.clock.now(), actor: { memberId: context.memberId ?? memberId, orgRole: 'ADMIN' } },
        }),
      }).catch((error: unknown) => {
        // Already off the team (the read model was behind): nothing to free.
        if ((error as { code?: string }).code !== 'TEAM_MEMBER_NOT_FOUND') throw error;
      });
    }
  }
}
