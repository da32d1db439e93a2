import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { ArticulateVision } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A team leader states the vision for the first time. */
export class ArticulateVisionCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: ArticulateVision['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
