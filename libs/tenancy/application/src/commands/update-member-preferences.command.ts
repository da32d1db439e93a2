import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { UpdateMemberPreferences } from '@stepwise/tenancy-domain';
import type { OrganisationCommandResult } from './organisation-command.result';

/** A member’s timezone and quiet hours: their own, or anyone’s for an admin. */
export class UpdateMemberPreferencesCommand extends Command<OrganisationCommandResult> {
  constructor(
    readonly input: Omit<UpdateMemberPreferences['data'], 'organisationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
