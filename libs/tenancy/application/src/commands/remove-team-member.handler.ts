import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnTeam } from './decide-on-team';
import type { TeamCommandResult } from './team-command.result';
import { RemoveTeamMemberCommand } from './remove-team-member.command';

@CommandHandler(RemoveTeamMemberCommand)
export class RemoveTeamMemberHandler implements ICommandHandler<RemoveTeamMemberCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: RemoveTeamMemberCommand): Promise<TeamCommandResult> {
    return decideOnTeam({ store: this.store, clock: this.clock }, { type: 'RemoveTeamMember', data: input }, context);
  }
}
