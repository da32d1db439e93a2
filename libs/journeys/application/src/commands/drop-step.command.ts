import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { DropStep } from '@stepwise/journeys-domain';
import type { JourneyCommandResult } from './journey-command.result';

/** The step’s owner (or a leader) drops a planned step, with a reason. */
export class DropStepCommand extends Command<JourneyCommandResult> {
  constructor(
    readonly input: DropStep['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
