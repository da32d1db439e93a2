import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { TakeStep } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** The step’s owner (or a leader) takes a planned step. */
export class TakeStepCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: TakeStep['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
