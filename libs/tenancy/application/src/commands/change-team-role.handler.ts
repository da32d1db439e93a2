import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnTeam } from './decide-on-team';
import type { TeamCommandResult } from './team-command.result';
import { ChangeTeamRoleCommand } from './change-team-role.command';

@CommandHandler(ChangeTeamRoleCommand)
export class ChangeTeamRoleHandler implements ICommandHandler<ChangeTeamRoleCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: ChangeTeamRoleCommand): Promise<TeamCommandResult> {
    return decideOnTeam({ store: this.store, clock: this.clock }, { type: 'ChangeTeamRole', data: input }, context);
  }
}
