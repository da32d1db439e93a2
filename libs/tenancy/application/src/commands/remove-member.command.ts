import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { RemoveMember } from '@stepwise/tenancy-domain';
import type { OrganisationCommandResult } from './organisation-command.result';

/** An admin removes a member, or a member leaves; either way they leave the organisation’s teams too. */
export class RemoveMemberCommand extends Command<OrganisationCommandResult> {
  constructor(
    readonly input: Omit<RemoveMember['data'], 'organisationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
