import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { ResumeJourney } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A team leader resumes a paused journey. */
export class ResumeJourneyCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: ResumeJourney['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
