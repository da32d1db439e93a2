import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, derivedId, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnOrganisation } from './decide-on-organisation';
import type { OrganisationCommandResult } from './organisation-command.result';
import { CreateOrganisationCommand } from './create-organisation.command';

@CommandHandler(CreateOrganisationCommand)
export class CreateOrganisationHandler implements ICommandHandler<CreateOrganisationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: CreateOrganisationCommand): Promise<OrganisationCommandResult> {
    const memberId = derivedId(context, 'creator');
    const command = {
      type: 'CreateOrganisation',
      data: { ...input, organisationId: context.tenantId, creator: { ...input.creator, memberId } },
    } as const;
    return decideOnOrganisation({ store: this.store, clock: this.clock }, command, context, memberId);
  }
}
