import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { JourneyState, RecordReflection } from '@stepwise/journeys-domain';
import type { OrganisationState } from '@stepwise/tenancy-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A participant answers "are we closer?" and, apart from it, how comfortable they are. */
export class RecordReflectionCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: Omit<RecordReflection['data'], 'reflectionId'>,
    readonly context: CommandContext,
    /**
     * A check of the journey (and the organisation, which knows who the member is as a person) as
     * this attempt reads them, before deciding: it throws to refuse. A one-tap link refuses here what
     * it asks once answered, so two taps racing cannot both pass it.
     */
    readonly precondition?: (journey: JourneyState, organisation: OrganisationState) => void,
  ) {
    super();
  }
}
