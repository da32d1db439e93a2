import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult, Unstamped } from '@stepwise/command-handling';
import type { OrganisationCommand, OrganisationEvent } from '@stepwise/tenancy-domain';

/** Any organisation command (create, members, roles, preferences), sent by the edge. */
export class RunOrganisationCommand extends Command<CommandResult<OrganisationEvent>> {
  constructor(
    readonly command: Unstamped<OrganisationCommand>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
