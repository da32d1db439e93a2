import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { StartJourney } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A team leader starts a change journey for their team. */
export class StartJourneyCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: Omit<StartJourney['data'], 'journeyId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
