import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { CompleteJourney } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A team leader completes a journey. */
export class CompleteJourneyCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: CompleteJourney['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
