import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { ReviseVision } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** A team leader revises the vision, with the reason for it. */
export class ReviseVisionCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: ReviseVision['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
