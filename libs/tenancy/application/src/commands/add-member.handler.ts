import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, derivedId, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnOrganisation } from './decide-on-organisation';
import type { OrganisationCommandResult } from './organisation-command.result';
import { AddMemberCommand } from './add-member.command';

@CommandHandler(AddMemberCommand)
export class AddMemberHandler implements ICommandHandler<AddMemberCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: AddMemberCommand): Promise<OrganisationCommandResult> {
    const memberId = derivedId(context, 'member');
    const command = { type: 'AddMember', data: { ...input, organisationId: context.tenantId, memberId } } as const;
    const result = await decideOnOrganisation({ store: this.store, clock: this.clock }, command, context, memberId);
    const joined = result.events.find((event) => event.type === 'MemberJoined');
    return joined?.type === 'MemberJoined' ? { ...result, memberId: joined.data.memberId } : result;
  }
}
