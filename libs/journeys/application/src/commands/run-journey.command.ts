import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandResult, Unstamped } from '@stepwise/command-handling';
import type { JourneyCommand, JourneyEvent } from '@stepwise/journeys-domain';

/** Any journey command (vision, steps, reflections, pivots, support, commitments, lifecycle), sent by the edge. */
export class RunJourneyCommand extends Command<CommandResult<JourneyEvent>> {
  constructor(
    readonly command: Unstamped<JourneyCommand>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
