import { commandFingerprint, handleCommand, type CommandContext, type Unstamped } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { journeyDecider, JourneyNotFoundError, journeyStreamId, type JourneyCommand, type JourneyState } from '@stepwise/journeys-domain';
import { couldNameEntity, type Clock } from '@stepwise/kernel';
import type { OrganisationState } from '@stepwise/tenancy-domain';
import { journeyActorFor, loadOrganisation } from './journey-actor';
import type { JourneyCommandResult } from './journey-command.result';

export interface JourneyCommandPorts {
  readonly store: EventStore;
  readonly clock: Clock;
}

/**
 * What every journey handler does: load the journey stream, stamp the command with the time and the
 * actor as the organisation and team streams show them on this attempt, decide, append.
 */
export const decideOnJourney = async (
  { store, clock }: JourneyCommandPorts,
  command: Unstamped<JourneyCommand>,
  context: CommandContext,
  createdId: string | null = null,
  /** Checked on every attempt against the journey it decides on and the organisation beside it (see RecordReflectionCommand). */
  precondition?: (journey: JourneyState, organisation: OrganisationState) => void,
): Promise<JourneyCommandResult> => {
  if (!context.memberId) throw new Error('Journey commands need a member of the organisation');
  if (!couldNameEntity(command.data.journeyId)) throw new JourneyNotFoundError(command.data.journeyId);
  const result = await handleCommand({
    store,
    decider: journeyDecider,
    streamId: journeyStreamId(command.data.journeyId),
    metadata: {
      tenantId: context.tenantId,
      commandId: context.commandId,
      actorId: context.memberId,
      correlationId: context.correlationId,
      fingerprint: commandFingerprint(command.type, command.data),
    },
    alongside: () => loadOrganisation(store, context),
    command: async (journey, organisation) => {
      precondition?.(journey, organisation);
      const actor = await journeyActorFor(store, journey, command, context, organisation);
      return { ...command, metadata: { now: clock.now(), actor } } as JourneyCommand;
    },
  });
  return { ...result, journeyId: command.data.journeyId, createdId };
};
