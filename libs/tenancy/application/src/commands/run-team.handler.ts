import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE, handleCommand, loadState, type CommandResult } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import {
  findMemberBySubject,
  ForbiddenError,
  memberById,
  MemberNotFoundError,
  organisationDecider,
  organisationStreamId,
  teamDecider,
  teamStreamId,
  type TeamCommand,
  type TeamEvent,
} from '@stepwise/tenancy-domain';
import { RunTeamCommand } from './run-team.command';

/**
 * Load the team stream, decide, append. The team cannot see the organisation, so the actor's org
 * role (and, when adding a member, that the member exists) comes from the organisation stream.
 */
@CommandHandler(RunTeamCommand)
export class RunTeamHandler implements ICommandHandler<RunTeamCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ command, context }: RunTeamCommand): Promise<CommandResult<TeamEvent>> {
    const { state: organisation } = await loadState(this.store, organisationDecider, context.tenantId, organisationStreamId(context.tenantId));
    const actor = organisation.status === 'CREATED' ? findMemberBySubject(organisation, context.subject) : undefined;
    if (!actor) throw new ForbiddenError('Only members of the organisation act on its teams');
    if (command.type === 'AddTeamMember' && (organisation.status !== 'CREATED' || !memberById(organisation, command.data.memberId))) {
      throw new MemberNotFoundError(command.data.memberId);
    }
    return handleCommand({
      store: this.store,
      decider: teamDecider,
      streamId: teamStreamId(command.data.teamId),
      metadata: { tenantId: context.tenantId, commandId: context.commandId, actorId: actor.memberId, correlationId: context.correlationId },
      command: () => ({ ...command, metadata: { now: this.clock.now(), actor: { memberId: actor.memberId, orgRole: actor.orgRole } } }) as TeamCommand,
    });
  }
}
