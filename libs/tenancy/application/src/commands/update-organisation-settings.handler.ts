import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnOrganisation } from './decide-on-organisation';
import type { OrganisationCommandResult } from './organisation-command.result';
import { UpdateOrganisationSettingsCommand } from './update-organisation-settings.command';

@CommandHandler(UpdateOrganisationSettingsCommand)
export class UpdateOrganisationSettingsHandler implements ICommandHandler<UpdateOrganisationSettingsCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: UpdateOrganisationSettingsCommand): Promise<OrganisationCommandResult> {
    const command = { type: 'UpdateOrganisationSettings', data: { ...input, organisationId: context.tenantId } } as const;
    return decideOnOrganisation({ store: this.store, clock: this.clock }, command, context, context.memberId ?? context.subject);
  }
}
