import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { AddTeamMember } from '@stepwise/tenancy-domain';
import type { TeamCommandResult } from './team-command.result';

/** An admin puts a member of the organisation on a team, within the plan’s seats. */
export class AddTeamMemberCommand extends Command<TeamCommandResult> {
  constructor(
    readonly input: AddTeamMember['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
