import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { CreateTeam } from '@stepwise/tenancy-domain';
import type { TeamCommandResult } from './team-command.result';

/** An admin creates a team; it takes writes once subscribed. */
export class CreateTeamCommand extends Command<TeamCommandResult> {
  constructor(
    readonly input: Omit<CreateTeam['data'], 'teamId' | 'organisationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
