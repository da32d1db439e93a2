import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { AddMember } from '@stepwise/tenancy-domain';
import type { OrganisationCommandResult } from './organisation-command.result';

/** An admin adds a person, by their identity subject, to the organisation. */
export class AddMemberCommand extends Command<OrganisationCommandResult> {
  constructor(
    readonly input: Omit<AddMember['data'], 'organisationId' | 'memberId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
