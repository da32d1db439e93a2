import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { AbandonJourney } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A team leader abandons a journey, with a reason. */
export class AbandonJourneyCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: AbandonJourney['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
