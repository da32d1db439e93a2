import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { ChangeMemberEmail } from '@stepwise/tenancy-domain';
import type { OrganisationCommandResult } from './organisation-command.result';

/** A member's email address: their own, or anyone's for an admin; null clears it. */
export class ChangeMemberEmailCommand extends Command<OrganisationCommandResult> {
  constructor(
    readonly input: Omit<ChangeMemberEmail['data'], 'organisationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
