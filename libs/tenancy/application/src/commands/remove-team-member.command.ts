import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { RemoveTeamMember } from '@stepwise/tenancy-domain';
import type { TeamCommandResult } from './team-command.result';

/** An admin takes a member off a team. */
export class RemoveTeamMemberCommand extends Command<TeamCommandResult> {
  constructor(
    readonly input: RemoveTeamMember['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
