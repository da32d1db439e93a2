import { commandFingerprint, handleCommand, type CommandContext, type Unstamped } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { organisationDecider, organisationStreamId, type OrganisationCommand } from '@stepwise/tenancy-domain';
import type { OrganisationCommandResult } from './organisation-command.result';

export interface OrganisationCommandPorts {
  readonly store: EventStore;
  readonly clock: Clock;
}

/** What every organisation handler does: load the organisation stream, decide, append. The decider finds the actor by their subject. */
export const decideOnOrganisation = async (
  { store, clock }: OrganisationCommandPorts,
  command: Unstamped<OrganisationCommand>,
  context: CommandContext,
  memberId: string,
): Promise<OrganisationCommandResult> => {
  const result = await handleCommand({
    store,
    decider: organisationDecider,
    streamId: organisationStreamId(context.tenantId),
    metadata: {
      tenantId: context.tenantId,
      commandId: context.commandId,
      actorId: context.memberId ?? context.subject,
      correlationId: context.correlationId,
      fingerprint: commandFingerprint(command.type, command.data),
    },
    command: () => ({ ...command, metadata: { now: clock.now(), actor: { subject: context.subject } } }) as OrganisationCommand,
  });
  return { ...result, memberId };
};
