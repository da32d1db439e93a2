import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { ChangeMemberEmailCommand } from './change-member-email.command';
import { decideOnOrganisation } from './decide-on-organisation';
import type { OrganisationCommandResult } from './organisation-command.result';

@CommandHandler(ChangeMemberEmailCommand)
export class ChangeMemberEmailHandler implements ICommandHandler<ChangeMemberEmailCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: ChangeMemberEmailCommand): Promise<OrganisationCommandResult> {
    const command = { type: 'ChangeMemberEmail', data: { ...input, organisationId: context.tenantId } } as const;
    return decideOnOrganisation({ store: this.store, clock: this.clock }, command, context, input.memberId);
  }
}
