import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnOrganisation } from './decide-on-organisation';
import type { OrganisationCommandResult } from './organisation-command.result';
import { UpdateMemberPreferencesCommand } from './update-member-preferences.command';

@CommandHandler(UpdateMemberPreferencesCommand)
export class UpdateMemberPreferencesHandler implements ICommandHandler<UpdateMemberPreferencesCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: UpdateMemberPreferencesCommand): Promise<OrganisationCommandResult> {
    const command = { type: 'UpdateMemberPreferences', data: { ...input, organisationId: context.tenantId } } as const;
    return decideOnOrganisation({ store: this.store, clock: this.clock }, command, context, input.memberId);
  }
}
