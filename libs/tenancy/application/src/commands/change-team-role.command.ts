import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { ChangeTeamRole } from '@stepwise/tenancy-domain';
import type { TeamCommandResult } from './team-command.result';

/** An admin changes a member’s role on a team. */
export class ChangeTeamRoleCommand extends Command<TeamCommandResult> {
  constructor(
    readonly input: ChangeTeamRole['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
