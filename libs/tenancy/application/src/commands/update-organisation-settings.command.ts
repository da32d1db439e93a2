import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { UpdateOrganisationSettings } from '@stepwise/tenancy-domain';
import type { OrganisationCommandResult } from './organisation-command.result';

/** An admin changes the organisation's analytics settings (timezone, minimum group size, stalled-after days, reflection window). */
export class UpdateOrganisationSettingsCommand extends Command<OrganisationCommandResult> {
  constructor(
    readonly input: Omit<UpdateOrganisationSettings['data'], 'organisationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
