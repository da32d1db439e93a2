import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE, handleCommand, type CommandResult } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { organisationDecider, organisationStreamId, type OrganisationCommand, type OrganisationEvent } from '@stepwise/tenancy-domain';
import { RunOrganisationCommand } from './run-organisation.command';

/** Load the organisation stream, decide, append; the decider finds the actor by their subject. */
@CommandHandler(RunOrganisationCommand)
export class RunOrganisationHandler implements ICommandHandler<RunOrganisationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ command, context }: RunOrganisationCommand): Promise<CommandResult<OrganisationEvent>> {
    return handleCommand({
      store: this.store,
      decider: organisationDecider,
      streamId: organisationStreamId(context.tenantId),
      metadata: { tenantId: context.tenantId, commandId: context.commandId, actorId: context.memberId ?? context.subject, correlationId: context.correlationId },
      command: () => ({ ...command, metadata: { now: this.clock.now(), actor: { subject: context.subject } } }) as OrganisationCommand,
    });
  }
}
