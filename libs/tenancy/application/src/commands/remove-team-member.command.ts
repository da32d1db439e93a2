import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { RemoveTeamMember } from '@stepwise/tenancy-domain';
import type { TeamCommandResult } from './team-command.result';

/** An admin takes a member off a team (leaving the organisation is `RemoveMemberCommand`'s). */
export class RemoveTeamMemberCommand extends Command<TeamCommandResult> {
  constructor(
    readonly input: Omit<RemoveTeamMember['data'], 'leftOrganisation'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
