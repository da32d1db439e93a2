import { commandFingerprint, handleCommand, loadState, type CommandContext, type Unstamped } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { channelIntegrationDecider, organisationSmtpStreamId, teamChannelsStreamId, type ChannelIntegrationCommand } from '@stepwise/nudges-domain';
import { TeamNotFoundError, teamDecider, teamStreamId } from '@stepwise/tenancy-domain';
import { loadOrganisation, memberActorOf } from './nudges-actor';
import type { ChannelIntegrationCommandResult } from './integration-command.result';

export interface ChannelIntegrationCommandPorts {
  readonly store: EventStore;
  readonly clock: Clock;
}

const teamIdOf = (command: Unstamped<ChannelIntegrationCommand>): string | null =>
  'teamId' in command.data && typeof command.data.teamId === 'string' ? command.data.teamId : null;

/** The team must exist in this organisation; its channels stream is only ever written beside it. */
export const requireTeam = async (store: EventStore, context: CommandContext, teamId: string): Promise<void> => {
  const { state } = await loadState(store, teamDecider, context.tenantId, teamStreamId(teamId));
  if (state.status !== 'CREATED') throw new TeamNotFoundError(teamId);
};

/**
 * What every integration handler does: load the team's channels stream (or the organisation's SMTP
 * stream) and the organisation beside it for the caller's role, decide, append. `fingerprintInput`
 * is what the client asked for with each secret as its keyed digest (SecretSealer.fingerprintOf),
 * never the secret or a plain hash of it: a retry with another secret is other input.
 */
export const decideOnChannelIntegration = async (
  { store, clock }: ChannelIntegrationCommandPorts,
  command: Unstamped<ChannelIntegrationCommand>,
  context: CommandContext,
  fingerprintInput: unknown,
): Promise<ChannelIntegrationCommandResult> => {
  const teamId = teamIdOf(command);
  const result = await handleCommand({
    store,
    decider: channelIntegrationDecider,
    streamId: teamId === null ? organisationSmtpStreamId(context.tenantId) : teamChannelsStreamId(teamId),
    metadata: {
      tenantId: context.tenantId,
      commandId: context.commandId,
      actorId: context.memberId ?? context.subject,
      correlationId: context.correlationId,
      fingerprint: commandFingerprint(command.type, fingerprintInput),
    },
    alongside: () => loadOrganisation(store, context),
    command: (_state, organisation) => ({ ...command, metadata: { now: clock.now(), actor: memberActorOf(organisation, context) } }) as ChannelIntegrationCommand,
  });
  return { ...result, teamId };
};
