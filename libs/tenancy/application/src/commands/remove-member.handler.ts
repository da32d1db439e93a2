import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { TENANCY_READ_MODEL, type TenancyReadModel } from '../tenancy-read.port';
import { decideOnOrganisation } from './decide-on-organisation';
import { leaveTeams } from './leave-teams';
import type { OrganisationCommandResult } from './organisation-command.result';
import { RemoveMemberCommand } from './remove-member.command';

@CommandHandler(RemoveMemberCommand)
export class RemoveMemberHandler implements ICommandHandler<RemoveMemberCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TENANCY_READ_MODEL) private readonly tenancy: TenancyReadModel,
  ) {}

  async execute({ input, context }: RemoveMemberCommand): Promise<OrganisationCommandResult> {
    const command = { type: 'RemoveMember', data: { ...input, organisationId: context.tenantId } } as const;
    const result = await decideOnOrganisation({ store: this.store, clock: this.clock }, command, context, input.memberId);
    const left = result.events.find((event) => event.type === 'MemberLeft');
    if (left?.type !== 'MemberLeft') return result;
    // The teams are written after the organisation: the mutation waits for the last of them.
    const lastTeamWrite = await leaveTeams({ store: this.store, clock: this.clock, tenancy: this.tenancy }, left.data.memberId, context);
    return lastTeamWrite ? { ...result, position: lastTeamWrite } : result;
  }
}
