import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { ChangeMemberRole } from '@stepwise/tenancy-domain';
import type { OrganisationCommandResult } from './organisation-command.result';

/** An admin changes a member’s organisation role; the last admin cannot be demoted. */
export class ChangeMemberRoleCommand extends Command<OrganisationCommandResult> {
  constructor(
    readonly input: Omit<ChangeMemberRole['data'], 'organisationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
