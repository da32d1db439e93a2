import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { PauseJourney } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A team leader pauses a journey, with a reason. */
export class PauseJourneyCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: PauseJourney['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
