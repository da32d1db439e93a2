import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { MemberProfile } from '@stepwise/tenancy-domain';
import type { OrganisationCommandResult } from './organisation-command.result';

/** Someone creates an organisation and becomes its first ADMIN. The context names the new organisation as its tenant. */
export class CreateOrganisationCommand extends Command<OrganisationCommandResult> {
  constructor(
    readonly input: { readonly name: string; readonly slug?: string | null; readonly creator: Omit<MemberProfile, 'memberId'> },
    readonly context: CommandContext,
  ) {
    super();
  }
}
