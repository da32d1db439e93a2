import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult, Unstamped } from '@stepwise/command-handling';
import type { TeamCommand, TeamEvent } from '@stepwise/tenancy-domain';

/** Any team command (create, subscription, team members), sent by the edge. */
export class RunTeamCommand extends Command<CommandResult<TeamEvent>> {
  constructor(
    readonly command: Unstamped<TeamCommand>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
